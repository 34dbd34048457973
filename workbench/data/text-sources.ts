// Node-only: the tariff texts shipped in fixtures/sources, cleaned and labelled with HS 2022 subheadings.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvRecords } from "../csv";
import type { Crosswalk } from "../hs/crosswalk";
import { fixturesDir } from "../hs/load-fixtures";

export type SourceName = "schedule-b" | "us-hts";

export interface SourceLine {
  source: SourceName;
  /** 10-digit line code in its own edition (Schedule B: HS2017 based; HTS: HS2022 based) */
  code10: string;
  /** HS 2022 subheading */
  hs6: string;
  /** the short, declaration-like text (Schedule B short description; HTS line text) */
  text: string;
  /** the longer text (Schedule B long description; HTS full indented path) */
  longText: string;
  units: string;
}

/** Removes USITC markup, hyphenation breaks and textile category numbers such as "(220)". */
export function cleanTariffText(text: string): string {
  return text
    .replace(/<\/?[a-z]+>/gi, "")
    .replace(/(\w)- (\w)/g, "$1$2")
    .replace(/\s*\(\d{3}\)\s*$/g, "")
    .replace(/\s*\(\d{3}\)(?=\s*(>|$))/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

export interface LoadedSources {
  lines: SourceLine[];
  /** Schedule B lines whose HS 2017 code has no single HS 2022 successor (left out, counted) */
  ambiguous: number;
}

export function loadSourceLines(crosswalk: Crosswalk): LoadedSources {
  const dir = join(fixturesDir(), "sources");
  const lines: SourceLine[] = [];
  let ambiguous = 0;
  const scheduleB = parseCsvRecords(
    readFileSync(join(dir, "schedule-b-2019.csv"), "utf8"),
    ["code10", "hs6", "short_description", "long_description", "units"],
    "fixtures/sources/schedule-b-2019.csv",
  );
  for (const r of scheduleB) {
    const hs6 = crosswalk.convertToHs2022(r.hs6!);
    if (!hs6) {
      ambiguous++;
      continue;
    }
    lines.push({
      source: "schedule-b",
      code10: r.code10!,
      hs6,
      text: cleanTariffText(r.short_description!),
      longText: cleanTariffText(r.long_description!),
      units: r.units!,
    });
  }
  const hts = parseCsvRecords(
    readFileSync(join(dir, "us-hts-2024.csv"), "utf8"),
    ["code10", "hs6", "description", "full_description", "units"],
    "fixtures/sources/us-hts-2024.csv",
  );
  for (const r of hts) {
    const full = cleanTariffText(r.full_description!);
    if (/^Described in general note/i.test(r.description!)) continue;
    lines.push({ source: "us-hts", code10: r.code10!, hs6: r.hs6!, text: cleanTariffText(r.description!), longText: full, units: r.units! });
  }
  return { lines, ambiguous };
}
