// Builds fixtures/glossary/traditional-chinese.tsv: each traditional Chinese character and the simplified one OpenCC
// gives for it (Debian's `opencc`, data Apache-2.0), so lines written in Taiwan or Hong Kong are read with the
// simplified glossary (RetrievalConfig.translationRevision 7). Characters only: a character that converts to several
// (a phrase rule) is left out, so a line converted keeps its length and a word read can be shown as written.
//   apt-get install opencc
//   npx tsx scripts/build-traditional-chinese.ts
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";

// CJK Unified Ideographs, Extension A and the compatibility ideographs
const ranges: [number, number][] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
];
const characters = ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)));
const simplified = new Map<string, string>();
// mainland traditional first, then the Taiwan and Hong Kong variants it does not convert
for (const config of ["t2s.json", "tw2s.json", "hk2s.json"]) {
  const converted = execFileSync("opencc", ["-c", config], { input: characters.join("\n"), encoding: "utf8", maxBuffer: 1 << 26 }).split("\n");
  characters.forEach((c, i) => {
    const s = converted[i];
    if (s && s !== c && [...s].length === 1 && !simplified.has(c)) simplified.set(c, s);
  });
}
const rows = [...simplified].sort(([a], [b]) => (a < b ? -1 : 1)).map(([t, s]) => `${t}\t${s}`);
writeFileSync("fixtures/glossary/traditional-chinese.tsv", `traditional\tsimplified\n${rows.join("\n")}\n`);
console.log(`${rows.length} traditional characters`);
