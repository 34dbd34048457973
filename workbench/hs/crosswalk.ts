import { parseCsvRecords } from "../csv";

export type Relationship = "1:1" | "1:n" | "n:1" | "n:n";

export interface CorrelationPair {
  hs2017: string;
  hs2022: string;
  relationship: Relationship;
  /** UNSD's single conversion target for this HS 2022 code. */
  isConversion: boolean;
}

/** HS 2017 <-> HS 2022 correlation at 6 digits, from the UN Statistics Division tables. */
export class Crosswalk {
  private readonly from2017 = new Map<string, CorrelationPair[]>();
  private readonly from2022 = new Map<string, CorrelationPair[]>();

  private constructor(pairs: CorrelationPair[]) {
    for (const p of pairs) {
      push(this.from2017, p.hs2017, p);
      push(this.from2022, p.hs2022, p);
    }
  }

  static fromCsv(text: string): Crosswalk {
    const rows = parseCsvRecords(text, ["hs2017", "hs2022", "relationship", "is_conversion"], "correlation CSV");
    return new Crosswalk(
      rows.map((r, i) => {
        if (!/^\d{6}$/.test(r.hs2017!) || !/^\d{6}$/.test(r.hs2022!)) {
          throw new Error(`correlation CSV: row ${i + 2} has codes '${r.hs2017}'/'${r.hs2022}', expected 6 digits each`);
        }
        return {
          hs2017: r.hs2017!,
          hs2022: r.hs2022!,
          relationship: r.relationship as Relationship,
          isConversion: r.is_conversion === "1",
        };
      }),
    );
  }

  /** HS 2022 codes that an HS 2017 subheading maps to (empty when the code is not HS 2017). */
  toHs2022(hs2017: string): string[] {
    return (this.from2017.get(hs2017) ?? []).map((p) => p.hs2022);
  }

  toHs2017(hs2022: string): string[] {
    return (this.from2022.get(hs2022) ?? []).map((p) => p.hs2017);
  }

  /** every HS 2017 subheading the correlation starts from */
  hs2017Codes(): string[] {
    return [...this.from2017.keys()];
  }

  isHs2017(code: string): boolean {
    return this.from2017.has(code);
  }

  /**
   * One HS 2022 code for an HS 2017 code, for relabelling training or evaluation data:
   * the unique target where there is one, otherwise the target for which UNSD names this
   * code as the conversion, otherwise null (the split is genuinely ambiguous).
   */
  convertToHs2022(hs2017: string): string | null {
    const pairs = this.from2017.get(hs2017) ?? [];
    const targets = [...new Set(pairs.map((p) => p.hs2022))];
    if (targets.length === 1) return targets[0]!;
    const conversions = pairs.filter((p) => p.isConversion).map((p) => p.hs2022);
    return conversions.length === 1 ? conversions[0]! : null;
  }

  pairsFrom2017(hs2017: string): CorrelationPair[] {
    return [...(this.from2017.get(hs2017) ?? [])];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
