import type { Nomenclature } from "../hs/nomenclature";
import { createRng, WeightedSampler, type Rng } from "../random";
import { traderStyle } from "../text/trader-style";
import type { DeclarationLine } from "./declaration-line";

/** A held-out tariff text the generator may describe goods with (never a training text). */
export interface DemoText {
  hs6: string;
  code10: string;
  text: string;
  longText: string;
  units: string;
}

export interface DemoGeneratorInput {
  rows: number;
  seed: number;
  texts: DemoText[];
  /** relative frequency of HS 2022 subheadings in real trade (e.g. from the KCS declarations) */
  hs6Frequency: Map<string, number>;
  originFrequency: Map<string, number>;
  nomenclature: Nomenclature;
  /** HS 2017 codes deleted in HS 2022, for realistic "outdated code" errors */
  outdatedCodes: string[];
  startDate?: string;
  months?: number;
}

export interface DemoLineTruth {
  declaration_id: string;
  line_number: number;
  declared: string;
  true_hs6: string;
  kind: "misdeclared-subheading" | "misdeclared-heading" | "outdated-code" | "invalid-code";
}

export const DEMO_OFFICES = [
  { code: "XA000101", name: "Harbour container terminal", weight: 38 },
  { code: "XA000102", name: "Harbour bulk terminal", weight: 9 },
  { code: "XA000201", name: "International airport cargo", weight: 22 },
  { code: "XA000202", name: "Express courier hub", weight: 11 },
  { code: "XA000301", name: "Northern road border", weight: 8 },
  { code: "XA000302", name: "Eastern road border", weight: 5 },
  { code: "XA000401", name: "Rail freight terminal", weight: 4 },
  { code: "XA000501", name: "Inland clearance depot", weight: 3 },
] as const;

const CURRENCIES = new WeightedSampler<string>([
  ["USD", 46],
  ["EUR", 38],
  ["CNY", 8],
  ["GBP", 4],
  ["JPY", 3],
  ["CHF", 1],
]);
const PROCEDURES = new WeightedSampler<string>([
  ["4000", 84],
  ["4071", 5],
  ["5100", 6],
  ["7100", 4],
  ["4200", 1],
]);
const HUBS = ["NL", "DE", "BE", "HK", "SG", "AE", "US", "GB"];

/** Typical value per kg (in the declaration currency) by chapter band: bulk goods are cheap, jewellery dear. */
function valuePerKg(chapter: number): number {
  if (chapter === 71) return 900;
  if (chapter === 91 || chapter === 90) return 180;
  if (chapter === 30 || chapter === 37 || chapter === 97) return 120;
  if (chapter >= 84 && chapter <= 85) return 45;
  if (chapter >= 61 && chapter <= 67) return 25;
  if (chapter >= 25 && chapter <= 27) return 0.3;
  if (chapter >= 72 && chapter <= 83) return 3;
  if (chapter <= 24) return 4;
  return 8;
}

function isoDate(start: Date, dayOffset: number): string {
  return new Date(start.getTime() + dayOffset * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Generates a realistic demo extract: declarations with 1..n lines, chapter frequencies from real trade,
 * descriptions rewritten in trader style from held-out tariff texts, and a small share of mis-declared,
 * outdated and invalid codes (returned as `truth` so analysts can check what the validation finds).
 */
export function generateDemoExtract(input: DemoGeneratorInput): { lines: DeclarationLine[]; truth: DemoLineTruth[] } {
  const rng = createRng(input.seed);
  const textsByHs6 = new Map<string, DemoText[]>();
  for (const t of input.texts) {
    const list = textsByHs6.get(t.hs6);
    if (list) list.push(t);
    else textsByHs6.set(t.hs6, [t]);
  }
  // Every subheading with held-out text may appear; real trade frequencies make some far more common.
  const hs6Sampler = new WeightedSampler([...textsByHs6.keys()].sort().map((hs6) => [hs6, (input.hs6Frequency.get(hs6) ?? 0) + 0.6] as const));
  const originSampler = new WeightedSampler([...input.originFrequency.entries()].sort((a, b) => a[0].localeCompare(b[0])));
  const officeSampler = new WeightedSampler(DEMO_OFFICES.map((o) => [o.code, o.weight] as const));
  // ~3,000 importers with a long tail: a few big ones file most declarations.
  const importerSampler = new WeightedSampler(
    Array.from({ length: 3000 }, (_, i) => [`XA${String(100000000000 + i * 7919).slice(0, 12)}`, 1 / Math.pow(i + 1, 0.9)] as const),
  );
  const months = input.months ?? 24;
  const start = new Date(`${input.startDate ?? "2024-01-01"}T00:00:00Z`);
  const days = Math.round(months * 30.44);
  // Day weights: quieter weekends, a Q4 peak and slow growth.
  const daySampler = new WeightedSampler(
    Array.from({ length: days }, (_, d) => {
      const date = new Date(start.getTime() + d * 86_400_000);
      const weekday = date.getUTCDay();
      const weekend = weekday === 0 ? 0.15 : weekday === 6 ? 0.35 : 1;
      const season = 1 + 0.18 * Math.cos(((date.getUTCMonth() - 10) / 12) * 2 * Math.PI);
      return [d, weekend * season * (1 + (0.15 * d) / days)] as const;
    }),
  );

  const lines: DeclarationLine[] = [];
  const truth: DemoLineTruth[] = [];
  let declarationNo = 0;
  while (lines.length < input.rows) {
    declarationNo++;
    const declarationId = `24XA${String(declarationNo).padStart(10, "0")}`;
    const date = isoDate(start, daySampler.sample(rng));
    const office = officeSampler.sample(rng);
    const origin = originSampler.sample(rng);
    const exportCountry = rng.chance(0.8) ? origin : rng.pick(HUBS.filter((h) => h !== origin));
    const importer = importerSampler.sample(rng);
    const currency = CURRENCIES.sample(rng);
    const procedure = PROCEDURES.sample(rng);
    const lineCount = Math.min(rng.geometric(0.45), 40, input.rows - lines.length);
    // Lines of one declaration tend to share a chapter (one supplier, one kind of goods).
    const anchor = hs6Sampler.sample(rng);
    for (let n = 1; n <= lineCount; n++) {
      let hs6 = n === 1 || rng.chance(0.5) ? anchor : hs6Sampler.sample(rng);
      if (n > 1 && hs6 === anchor && rng.chance(0.5)) hs6 = siblingOrSelf(anchor, input.nomenclature, textsByHs6, rng);
      const source = rng.pick(textsByHs6.get(hs6)!);
      const chapter = hs6.slice(0, 2);
      const unit = source.units.split(";")[0] ?? "";
      const described = traderStyle(rng.chance(0.8) ? source.text : source.longText, rng, {
        chapter,
        unit,
        otherLanguage: 0.06,
      });
      const { declared, kind } = declaredCode(source, input, rng);
      const mass = Math.max(0.01, round(rng.logNormal(chapter <= "27" ? 2400 : 120, 1.6), 2));
      const value = round(Math.max(1, mass * rng.logNormal(valuePerKg(Number(chapter)), 0.9)) * currencyRate(currency), 2);
      const channel = kind && rng.chance(0.3) ? "red" : channelFor(rng);
      const line: DeclarationLine = {
        declaration_id: declarationId,
        line_number: n,
        acceptance_date: date,
        customs_office: office,
        country_of_origin: origin,
        country_of_export: exportCountry,
        importer_ref: importer,
        goods_description: described.text.slice(0, 512),
        commodity_code: declared,
        statistical_value: value,
        currency,
        net_mass_kg: mass,
        supplementary_quantity: ["NO", "PRS", "DOZ"].includes(unit) ? Math.max(1, Math.round(mass * rng.logNormal(4, 1))) : undefined,
        procedure,
        control_channel: channel,
      };
      lines.push(line);
      if (kind) truth.push({ declaration_id: declarationId, line_number: n, declared, true_hs6: hs6, kind });
    }
  }
  return { lines, truth };
}

function siblingOrSelf(hs6: string, nomenclature: Nomenclature, texts: Map<string, DemoText[]>, rng: Rng): string {
  const siblings = nomenclature
    .subheadings(hs6.slice(0, 4))
    .map((e) => e.code)
    .filter((c) => texts.has(c));
  return siblings.length ? rng.pick(siblings) : hs6;
}

/** The declared 10-digit code: mostly right; sometimes a neighbouring subheading or heading, an outdated or an invalid code. */
function declaredCode(source: DemoText, input: DemoGeneratorInput, rng: Rng): { declared: string; kind: DemoLineTruth["kind"] | null } {
  const national = source.code10.slice(0, 6) === source.hs6 ? source.code10.slice(6) : "0000";
  const r = rng.next();
  if (r < 0.03) {
    const siblings = input.nomenclature.subheadings(source.hs6.slice(0, 4)).filter((e) => e.code !== source.hs6);
    if (siblings.length) return { declared: rng.pick(siblings).code + "0000", kind: "misdeclared-subheading" };
  } else if (r < 0.045) {
    const headings = input.nomenclature.headings(source.hs6.slice(0, 2)).filter((h) => h.code !== source.hs6.slice(0, 4));
    const heading = headings.length ? rng.pick(headings) : undefined;
    const target = heading && input.nomenclature.subheadings(heading.code)[0];
    if (target) return { declared: target.code + "0000", kind: "misdeclared-heading" };
  } else if (r < 0.048 && input.outdatedCodes.length) {
    return { declared: rng.pick(input.outdatedCodes) + "0000", kind: "outdated-code" };
  } else if (r < 0.05) {
    // Keying errors: a transposed pair of digits, or a chapter that does not exist.
    const code = source.hs6 + national;
    const i = 2 + rng.int(3);
    const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
    const declared =
      rng.chance(0.5) && swapped.slice(0, 6) !== source.hs6 && !input.nomenclature.has(swapped.slice(0, 6)) ? swapped : "77" + code.slice(2);
    return { declared, kind: "invalid-code" };
  }
  return { declared: source.hs6 + national, kind: null };
}

function channelFor(rng: Rng): NonNullable<DeclarationLine["control_channel"]> {
  const r = rng.next();
  return r < 0.88 ? "green" : r < 0.96 ? "yellow" : r < 0.995 ? "red" : "blue";
}

const RATES: Record<string, number> = { USD: 1, EUR: 0.92, CNY: 7.2, GBP: 0.79, JPY: 150, CHF: 0.88 };
const currencyRate = (c: string) => RATES[c] ?? 1;
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
