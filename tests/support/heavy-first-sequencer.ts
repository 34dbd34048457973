// Test files in a random order (the seed vitest prints), except that the few files which classify with every shipped
// version start first. Shuffled among the others, the heaviest (3–4 minutes in a fresh clone) could start late and run
// alone at the end while the other core idled (ADR 0018).
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { createRng } from "../../workbench/random";

/** the heaviest files first, each as "project:path" (the postgres project's registry tests read what sqlite's measured) */
const HEAVY_FIRST = [
  "sqlite:tests/integration/real-text-later-versions.test.ts",
  "sqlite:tests/integration/real-text-models.test.ts",
  "sqlite:tests/integration/overview.test.ts",
  "sqlite:tests/integration/real-text-foreign-lines.test.ts",
  "sqlite:tests/integration/real-text-chinese-dictionary.test.ts",
  "sqlite:tests/integration/real-text-device-accessories.test.ts",
];

export default class HeavyFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rng = createRng(this.ctx.config.sequence.seed);
    const shuffled = [...files];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const rank = (file: TestSpecification) => {
      const at = HEAVY_FIRST.indexOf(`${file.project.name}:${file.moduleId.slice(this.ctx.config.root.length + 1)}`);
      return at < 0 ? HEAVY_FIRST.length : at;
    };
    // a stable sort: the others keep their shuffled order
    return shuffled.sort((a, b) => rank(a) - rank(b));
  }
}
