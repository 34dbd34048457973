// Builds fixtures/glossary/english-words.txt: the English words of five letters or more in Debian's `wamerican` word
// list (SCOWL, by Kevin Atkinson; permissive licence, /usr/share/doc/wamerican/copyright), lower case, letters a–z only,
// once each. Translation revision 10 reads a word one typo away from a tariff word as that word ("refrigirator"), but
// never a word of this list: "wedding" is not a misspelt "wadding", nor "lapel" "label", nor "cartoon" "carton".
//   apt-get install wamerican
//   npx tsx scripts/build-english-words.ts
import { readFileSync, writeFileSync } from "node:fs";

const words = new Set(
  readFileSync("/usr/share/dict/american-english", "utf8")
    .split("\n")
    .map((w) =>
      w
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase(),
    )
    .filter((w) => /^[a-z]{5,}$/.test(w)),
);
const sorted = [...words].sort();
writeFileSync("fixtures/glossary/english-words.txt", `${sorted.join("\n")}\n`);
console.log(`${sorted.length} English words of five letters or more`);
