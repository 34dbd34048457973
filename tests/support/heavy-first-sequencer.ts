// Test files in a random order (the seed vitest prints), except that the few files which classify with every shipped
// version start first. Shuffled among the others, the heaviest (3–4 minutes in a fresh clone) often started late and
// ran alone at the end while the other core idled (ADR 0018).
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** the heaviest files first, each as "project:path" (the postgres project's registry tests read what sqlite's measured) */
const HEAVY_FIRST = [
  "sqlite:tests/integration/real-text-later-versions.test.ts",
  "sqlite:tests/integration/real-text-models.test.ts",
  "sqlite:tests/integration/overview.test.ts",
  "sqlite:tests/integration/real-text-foreign-lines.test.ts",
  "sqlite:tests/integration/real-text-chinese-dictionary.test.ts",
  "sqlite:tests/integration/real-text-device-accessories.test.ts",
];

/** A pseudo-random number generator from one 32-bit seed (mulberry32): the same seed gives the same order. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export default class HeavyFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const random = randomFrom(this.ctx.config.sequence.seed);
    const shuffled = [...files];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
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
