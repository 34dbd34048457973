// Garments of HS chapters 61 (knitted or crocheted) and 62 (not knitted) are classified by four things a description
// usually says: the kind of garment, knitted or not, whose it is (men's or boys', women's or girls', babies') and the
// fibre that predominates by weight. The nomenclature's own subheading texts say which code each combination is
// ("Coats; women's or girls' overcoats, …, of wool or fine animal hair, knitted or crocheted"): garmentSubheadings reads
// them once, when a version is built, and readGarment reads a description's words (English, with the abbreviations
// traders use: "w/g", "m/b", "ctn", "not kt"). A search over tariff lines mixes these up — a women's wool coat came out
// as a T-shirt, a knit jacket as a suit jacket — because every garment line shares most words. What is read here is
// part of the answers of the versions that use it (hs-combined from 1.5.0): a change to it is a change to them, which the
// tests catch (their cards' figures are recomputed); read differently, a new version needs a revision number. Browser-safe.
import { z } from "zod";
import { goodsPart } from "./retrieval-text";

const FIBRES = ["wool", "cotton", "synthetic", "artificial", "silk"] as const;
type Fibre = (typeof FIBRES)[number];

export const garmentSubheadingSchema = z.object({
  code: z.string().regex(/^6[12]\d{4}$/),
  /** the kinds of garment its text names, singular ("coat", "anorak", "wind-jacket", "tracksuit") */
  kinds: z.array(z.string()).min(1),
  wearer: z.enum(["men", "women", "babies"]).nullable(),
  /** the fibres it is for; null: "other textile materials" (any fibre its heading's other subheadings do not name) */
  fibres: z.array(z.enum(FIBRES)).nullable(),
  /** chapter 61 knitted, 62 not; null: either (6212, brassieres and corsets) */
  knitted: z.boolean().nullable(),
});
export type GarmentSubheading = z.infer<typeof garmentSubheadingSchema>;

/** What a description was read as, and the subheadings that fit it (one or more: the version's scores choose). */
export interface GarmentReading {
  codes: string[];
  kinds: string[];
  knitted?: boolean;
  wearer?: "men" | "women" | "babies";
  /** the fibre named (the largest share when shares are given); "other": flax, linen, ramie, hemp, jute */
  fibre?: Fibre | "other";
}

// names of several words read as one kind, in subheading texts and descriptions alike
const PHRASES: [RegExp, string][] = [
  [/\btrack ?suits?\b/g, "tracksuit"],
  [/\bski ?suits?\b/g, "skisuit"],
  [/\bdressing gowns?\b/g, "bathrobe"],
  [/\bshirt-blouses?\b/g, "blouse"],
  [/\btank ?tops?\b/g, "singlet"],
  [/\bbow ties?\b/g, "necktie"],
  [/\bman-?made\b/g, "manmade"],
  [/\bw\/g\b/g, "women girls"],
  [/\bm\/b\b/g, "men boys"],
];

const singular = (w: string) =>
  w === "ties"
    ? "tie"
    : /(?:ss|us)$/.test(w)
      ? w
      : /(?:ss|ch|sh|x)es$/.test(w)
        ? w.slice(0, -2)
        : w.endsWith("ies")
          ? `${w.slice(0, -3)}y`
          : w.endsWith("s")
            ? w.slice(0, -1)
            : w;

/** lower case, phrases joined, apostrophes dropped ("women's" → "womens"); hyphenated words kept whole */
function wordsOf(text: string): string[] {
  let t = text.toLowerCase().replace(/[’']/g, "");
  for (const [re, to] of PHRASES) t = t.replace(re, to);
  return t.split(/[^a-z0-9%./-]+/).filter(Boolean);
}

/**
 * The garment subheadings of chapters 61 and 62, read from their HS 2022 texts: the kinds named before the fibre
 * ("Jackets and blazers", "Coats; … overcoats, car-coats, capes, anoraks, wind-jackets"), the wearer, the fibres.
 */
export function garmentSubheadings(entries: readonly { code: string; description: string }[]): GarmentSubheading[] {
  return entries
    .filter((e) => /^6[12]\d{4}$/.test(e.code))
    .flatMap((e): GarmentSubheading[] => {
      // what is excluded or said of knitting is not the garment; "other than those of heading no. 6204" is not a fibre
      const text = e.description.replace(/\([^)]*\)/g, "").replace(/,? other than those of heading no\. \d+/g, "");
      const fibreClause = /[,;] (?:knitted or crocheted, )?of (.*)$/.exec(text);
      const fibreText = fibreClause?.[1] ?? "";
      const head = fibreClause ? text.slice(0, fibreClause.index) : text;
      const wearer = /women's/.test(head) ? "women" : /men's or boys'/.test(head) ? "men" : /babies'/.test(head) ? "babies" : null;
      const named = new Set<Fibre>();
      if (!/other than|n\.e\.c|textile materials/.test(fibreText)) {
        if (/wool|animal hair|kashmir/.test(fibreText)) named.add("wool");
        if (/cotton/.test(fibreText)) named.add("cotton");
        if (/synthetic|man-made/.test(fibreText)) named.add("synthetic");
        if (/artificial|man-made/.test(fibreText)) named.add("artificial");
        if (/silk/.test(fibreText)) named.add("silk");
      }
      const kinds = [...new Set(wordsOf(head.replace(/women's or girls'|men's or boys'|babies'/g, "")).map(singular))].filter(
        (w) => !HEAD_FILLER.has(w) && !/[\d.]/.test(w),
      );
      if (!kinds.length) return [];
      return [
        {
          code: e.code,
          kinds,
          wearer,
          fibres: named.size ? [...named] : null,
          knitted: e.code.startsWith("61") ? true : e.code.startsWith("6212") ? null : false,
        },
      ];
    });
}

const HEAD_FILLER = new Set([
  "and",
  "or",
  "other",
  "similar",
  "article",
  "the",
  "like",
  "of",
  "in",
  "chapter",
  "heading",
  "knitted",
  "crocheted",
  "not",
  "whether",
  "than",
  "without",
]);

/**
 * A description's words (singular, or as written where the singular is another word: "shorts" are not "short"
 * sleeves, "slips" not "non-slip") → the subheadings' kinds; several where the trade's word covers several.
 */
const KINDS: Record<string, string[]> = {
  coat: ["coat"],
  overcoat: ["overcoat"],
  raincoat: ["raincoat"],
  parka: ["anorak"],
  anorak: ["anorak"],
  windbreaker: ["wind-cheater", "wind-jacket"],
  cape: ["cape"],
  cloak: ["cloak"],
  poncho: ["cape"],
  // a jacket is an anorak-type one (headings 6101, 6102, 6201, 6202) unless it is suit-type (readGarment)
  jacket: ["wind-jacket", "anorak", "ski-jacket"],
  blazer: ["blazer"],
  suit: ["suit"],
  ensemble: ["ensemble"],
  trouser: ["trouser"],
  pants: ["trouser"],
  slacks: ["trouser"],
  jeans: ["trouser"],
  leggings: ["trouser"],
  joggers: ["trouser"],
  shorts: ["short"],
  breeches: ["breech"],
  overalls: ["overall"],
  shortall: ["overall"],
  dress: ["dress"],
  gown: ["dress"],
  skirt: ["skirt"],
  skort: ["skirt"],
  shirt: ["shirt"],
  polo: ["shirt"],
  blouse: ["blouse"],
  "t-shirt": ["t-shirt"],
  tee: ["t-shirt"],
  tshirt: ["t-shirt"],
  singlet: ["singlet"],
  camisole: ["singlet"],
  vest: ["vest", "waistcoat"],
  waistcoat: ["waistcoat"],
  sweater: ["pullover"],
  pullover: ["pullover"],
  cardigan: ["cardigan"],
  sweatshirt: ["pullover"],
  hoodie: ["pullover"],
  underpant: ["underpant"],
  underpants: ["underpant"],
  briefs: ["brief"],
  boxers: ["underpant"],
  panty: ["panty"],
  panties: ["panty"],
  underwear: ["underpant", "brief", "panty"],
  pajama: ["pyjama"],
  pyjama: ["pyjama"],
  sleepwear: ["pyjama", "nightdress"],
  nightgown: ["nightdress"],
  nightdress: ["nightdress"],
  nightshirt: ["nightshirt"],
  robe: ["bathrobe"],
  bathrobe: ["bathrobe"],
  slips: ["slip"],
  petticoat: ["petticoat"],
  negligee: ["negligee"],
  swimsuit: ["swimwear"],
  swimwear: ["swimwear"],
  swim: ["swimwear"],
  bikini: ["swimwear"],
  tracksuit: ["tracksuit"],
  skisuit: ["skisuit"],
  sock: ["hosiery"],
  stocking: ["hosiery"],
  tights: ["hosiery"],
  pantyhose: ["hosiery"],
  hosiery: ["hosiery"],
  glove: ["glove"],
  mitten: ["mitten"],
  mitt: ["mitt"],
  scarf: ["scarve"],
  scarve: ["scarve"],
  shawl: ["shawl"],
  muffler: ["muffler"],
  necktie: ["tie"],
  bra: ["brassiere"],
  brassiere: ["brassiere"],
  corset: ["corset"],
  girdle: ["girdle"],
  handkerchief: ["handkerchief"],
};

const FIBRE_WORDS: Record<string, Fibre | "other"> = {};
for (const [fibre, words] of Object.entries({
  cotton: "cotton cot ctn",
  wool: "wool woolen woollen merino lambswool cashmere alpaca mohair angora camel",
  synthetic: "polyester nylon polyamide acrylic spandex elastane lycra polypropylene microfiber microfibre fleece syn synthetic manmade mmf",
  artificial: "rayon viscose modal lyocell acetate tencel cupro artificial",
  silk: "silk",
  other: "linen flax ramie hemp jute",
})) {
  for (const w of words.split(" ")) FIBRE_WORDS[w] = fibre as Fibre | "other";
}

// the textile chapters' order (50 silk, 51 wool, 52 cotton, 53 other vegetable fibres, 54–55 synthetic, then artificial)
const FIBRE_ORDER: readonly (Fibre | "other")[] = ["silk", "wool", "cotton", "other", "synthetic", "artificial"];

// goods that are not garments whatever they are made of, named anywhere in the description
const NEVER =
  /\b(?:footwear|shoes?|boots?|booties|sneakers?|sandals?|slippers?|heels|dolls?|toys?|mannequins?|pets?|dogs?|cats?|life (?:jacket|vest)s?)\b/;
// garments classified by their material elsewhere (4203 leather, 4015 rubber, 3926 plastics, 4303 fur), unless a
// textile fibre is named too
const MATERIAL = /\b(?:leather|rubber|plastics?|pvc|vinyl|fur|paper)\b/;
// a word after a garment's names other goods ("coat hanger", "shirt buttons", "sock yarn")
const AFTER_GARMENT =
  /^(?:hangers?|racks?|buttons?|zippers?|patterns?|hooks?|clips?|box|boxes|bags?|cases?|labels?|tags?|yarns?|fabrics?|machines?|stands?|covers?|forms?|displays?|steamers?)$/;

/** A description read as a garment of chapter 61 or 62 with the subheadings that fit it, or undefined. */
export function readGarment(text: string, table: readonly GarmentSubheading[]): GarmentReading | undefined {
  // the goods a description names before what they are for ("Coat hanger for jackets" names a hanger)
  const goods = goodsPart(text) ?? text;
  const lower = goods.toLowerCase();
  if (NEVER.test(lower)) return undefined;
  const words = wordsOf(goods);
  // "shorts" are a kind, "short" (sleeves) is not: such words are keyed as written, every other word singular
  const kindOf = (w: string): string[] | undefined => KINDS[w] ?? KINDS[singular(w)];
  if (words.some((w, i) => i > 0 && kindOf(words[i - 1]!) && AFTER_GARMENT.test(w))) return undefined;
  // the fibre: the largest share given ("80% nylon and 20% elastane"; of equal shares the one whose chapter comes last,
  // Section XI note 2), else the first named; "1 ctn" is a carton
  let fibre: Fibre | "other" | undefined;
  let share = -1;
  for (let i = 0; i < words.length; i++) {
    const percent = /^(\d+(?:\.\d+)?)%$/.exec(words[i]!);
    const named = FIBRE_WORDS[words[i + 1] === "of" ? (words[i + 2] ?? "") : (words[i + 1] ?? "")];
    if (!percent || !named) continue;
    const p = Number(percent[1]);
    if (p > share || (p === share && FIBRE_ORDER.indexOf(named) > FIBRE_ORDER.indexOf(fibre!))) [share, fibre] = [p, named];
  }
  fibre ??= words.map((w, i) => ((w === "ctn" || w === "cot") && /^\d/.test(words[i - 1] ?? "") ? undefined : FIBRE_WORDS[w])).find(Boolean);
  if (MATERIAL.test(lower) && (fibre === undefined || fibre === "other")) return undefined;
  const suitType = /\b(?:suit-type|suit type|tailored|sport coats?|suit jackets?)\b/.test(lower);
  const kinds = [
    ...new Set(
      words.flatMap((w, i) => {
        if (w === "dress" && kindOf(words[i + 1] ?? "")) return []; // a dress shirt is a shirt
        if (singular(w) === "jacket" && suitType) return ["jacket"];
        return kindOf(w) ?? [];
      }),
    ),
  ];
  if (!kinds.length) return undefined;
  const knitted = /\b(?:woven|(?:not|non|nt|n)[ -](?:knit|knitted|kt|knt))\b/.test(lower.replace(/[/-]/g, " "))
    ? false
    : /\b(?:knit|knitted|crocheted|crochet|kt|knt)\b/.test(lower)
      ? true
      : undefined;
  const says = (re: RegExp) => words.some((w) => re.test(w));
  const babies = says(/^(?:babies|baby|babys|infants?|newborns?)$/);
  const women = says(/^(?:women|womens|woman|womans|ladies|lady|girls?|female|unisex)$/);
  const men = says(/^(?:men|mens|man|mans|mns|boys?|male|gentlemen)$/);
  // a garment named for both (men's and women's) is left to the scores; one that cannot be told apart goes with
  // women's (chapter notes 61.9 and 62.8: unisex)
  const wearer = babies ? "babies" : women && !men ? "women" : men && !women ? "men" : undefined;
  // a line that says nothing of knitting, wearer or fibre is too little to decide on ("Jacket Backpack Pin")
  if (knitted === undefined && wearer === undefined && fibre === undefined) return undefined;

  let fits =
    wearer === "babies"
      ? table.filter((s) => s.wearer === "babies")
      : table.filter(
          (s) =>
            s.wearer !== "babies" && (wearer === undefined || s.wearer === null || s.wearer === wearer) && s.kinds.some((k) => kinds.includes(k)),
        );
  if (knitted !== undefined) fits = fits.filter((s) => s.knitted === null || s.knitted === knitted);
  if (fibre) {
    // per heading: the subheadings of that fibre, else the heading's "other textile materials"
    const headings = new Map<string, GarmentSubheading[]>();
    for (const s of fits) headings.set(s.code.slice(0, 4), [...(headings.get(s.code.slice(0, 4)) ?? []), s]);
    fits = [...headings.values()].flatMap((list) => {
      const own = list.filter((s) => fibre !== "other" && s.fibres?.includes(fibre));
      return own.length ? own : list.filter((s) => s.fibres === null);
    });
  }
  if (!fits.length) return undefined;
  return {
    codes: fits.map((s) => s.code),
    kinds,
    ...(knitted === undefined ? {} : { knitted }),
    ...(wearer ? { wearer } : {}),
    ...(fibre ? { fibre } : {}),
  };
}

const WEARERS = { men: "men's or boys'", women: "women's or girls'", babies: "babies'" } as const;

/** What a person reads on Classify: "knitted · women's or girls' · coat · wool → 6102.10". */
export function describeGarment(reading: GarmentReading): string {
  const knitting = reading.knitted === undefined ? [] : [reading.knitted ? "knitted" : "not knitted"];
  const fibre = reading.fibre === undefined ? [] : [reading.fibre === "other" ? "other fibre" : reading.fibre];
  const said = [...knitting, ...(reading.wearer ? [WEARERS[reading.wearer]] : []), reading.kinds.join(" / "), ...fibre];
  const codes = reading.codes.map((c) => `${c.slice(0, 4)}.${c.slice(4)}`);
  return `${said.join(" · ")} → ${codes.length > 6 ? `${codes.slice(0, 6).join(", ")} and ${codes.length - 6} more` : codes.join(", ")}`;
}
