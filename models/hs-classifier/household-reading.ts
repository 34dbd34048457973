// Table, kitchen and other household articles are classified by their material: of plastics 39.24, of wood 44.19
// (tableware and kitchenware only; bamboo 4419.1x), of porcelain 69.11, of other ceramics 69.12, of glass 70.13, of
// iron or steel 73.23 (subheadings by cast iron, enamel, stainless steel), of copper 74.18, of aluminium 76.15. A search
// over tariff lines finds the line whose words a description shares most, and that is often another material's line of
// the same goods ("Copper Saucepan" as 7323.93, stainless steel), the material's "other articles" ("Hammered Copper
// Serving Bowl" as 7419.80), its primary forms ("Carbon Steel Wok" as wire, 7217.30) or its sanitary ware ("Stainless
// Steel Mesh Sieve" as a sink, 7324.10). Read here from a line that names such an article (a pan, a bowl, a colander, a
// rubbish bin…) and the material it is made of, the first named that is not a handle's, a lid's, a tip's or a coating's
// ("Copper Saucepan with Brass Handle" is copper). A version applies the reading only where its best code is in one of
// the headings such an article is taken for (the caller's materialFor), never where it named other goods (an electric
// kettle of 85.16, a vacuum flask of 96.17, a spoon of 82.15 of base metal). English words only; a line in another
// language is read through the English its words were read as (the caller appends them). Browser-safe.
import { MATERIAL_FORM_HEADINGS, materialsNamed } from "./material-forms";

export interface HouseholdReading {
  /** the subheading the article's kind and material give */
  code: string;
  /** what was read, in the nomenclature's words: "copper", "iron or steel, enamelled" */
  material: string;
  /** the words of the description that say so, as written, joined by " … " */
  words: string;
  /** codes (or their first digits) a version's best code may already be that the words do not contradict */
  agrees: string[];
}

/** The headings household articles are classified in, and those a search takes such an article for. */
export const HOUSEHOLD_HEADINGS: readonly string[] = [
  // the articles' own headings
  ...["3924", "4419", "6911", "6912", "7013", "7323", "7418", "7615"],
  // the materials' other articles, sanitary ware, containers for conveyance and flat glass
  ...["3922", "3926", "4421", "6910", "6914", "7010", "7005", "7020", "7324", "7325", "7326", "7419", "7616"],
  // spoons, ladles, tongs and the like of base metal (82.15): an article of another material is its material's
  "8215",
  // melamine as a chemical
  "2933",
  ...MATERIAL_FORM_HEADINGS,
];

type Kind = "kitchen" | "household";

// boards for bread, cheese, cutting or serving: an article of the kitchen, and bamboo's own subheading (4419.11)
const BOARDS = /\b(?:cutting|chopping|serving|bread|cheese)\s+boards?\b/i;
const BAMBOO = /\bbamboo\b/i;

// articles for the table or the kitchen: never a pot holder or a flower pot, a suction or menstrual cup, a toilet bowl,
// a cable tray, a satellite dish, a pan head screw, a bicycle fork or a forklift
const KITCHEN = new RegExp(
  String.raw`\bmeasuring\s+(?:cups?|jugs?|spoons?)\b|\b(?<!(?:dust|oil|drain|drip)[\s-]+)pans?\b(?![\s-]+(?:head|tilt))|\b(?:sauce|stock)[\s-]?pans?\b|\bstock[\s-]?pots?\b|\bskillets?\b|\bwoks?\b|\bpressure\s+cookers?\b|\b(?<!(?:flower|plant|garden|chamber|potty)[\s-]+)pots?\b(?![\s-]+(?:holders?|scour(?:er|ing)s?|scrubbers?|plants?))|` +
    String.raw`\bcasseroles?\b|\bdutch\s+ovens?\b|\bkettles?\b|\bteapots?\b|\bpercolators?\b|\b(?<!(?:toilet|wc|fish|dog|cat|pet)[\s-]+)bowls?\b|\bmugs?\b|\b(?<!(?:suction|menstrual|world|hubcap|bra)[\s-]+)cups?\b(?![\s-]+(?:holders?|hooks?|board|sizes?))|` +
    String.raw`\btumblers?\b|\bjugs?\b|\bpitchers?\b|\bcarafes?\b|\bdecanters?\b|\bcolanders?\b|\bstrainers?\b|\bsieves?\b|\bwhisks?\b|\btongs\b|\bfunnels?\b|\bladles?\b|\bspatulas?\b|\bskimmers?\b|\bgraters?\b|\bpeelers?\b|` +
    String.raw`\brolling\s+pins?\b|${BOARDS.source}|\b(?<!(?:cable|wire|paper|printer|drip|parts?|tool)[\s-]+)trays?\b|\bplatters?\b|\b(?:dinner|dessert|side|salad|soup|serving|pasta|cake)\s+plates?\b|` +
    String.raw`\b(?<!(?:satellite|petri|soap)[\s-]+)dish(?:es)?\b|\blunch\s*box(?:es)?\b|\bbento\b|\bfood\s+(?:storage\s+)?containers?\b|\bcanisters?\b|\bchopsticks?\b|\bspoons?\b|\b(?<!(?:tuning|front|bike|bicycle|suspension|pitch)[\s-]+)forks?\b(?![\s-]*lift)|` +
    String.raw`\bcutlery\b|\bflatware\b|\b(?:kitchen|cooking)\s+utensils?\b|\butensils?\s+(?:set|holders?)\b|\b(?:kitchen|cook|table|dinner|drink|serve|bake)ware\b|\bsteamers?\b(?<!garment\s+steamers?)|\bsalt\s+(?:and\s+pepper\s+)?shakers?\b|` +
    String.raw`\bcocktail\s+shakers?\b|\bice\s+(?:buckets?|cube\s+trays?)\b|\bwine\s+buckets?\b|\b(?:drying|dish|plate)\s+racks?\b|\bbread\s+(?:bins?|box(?:es)?)\b|\bcake\s+stands?\b|\btrivets?\b|\bcookie\s+cutters?\b|\bscoops?\b|` +
    String.raw`\bsalad\s+servers?\b|\bcake\s+servers?\b|\bbasters?\b|\bmashers?\b|\bricers?\b|\b(?:fruit|bread)\s+baskets?\b`,
  "i",
);
// other household articles the headings name with them: rubbish bins, buckets, laundry baskets, watering cans, pets' bowls
const HOUSEHOLD =
  /\b(?:dog|cat|pet)\s+(?:food\s+|water\s+)?(?:bowls?|feeders?)\b|\b(?:trash|waste|garbage|rubbish|pedal|recycling|compost)\s+(?:cans?|bins?)\b|\bdust\s*bins?\b|\bwaste\s*baskets?\b|\blaundry\s+(?:baskets?|hampers?)\b|\b(?<!(?:ice|wine|excavator|loader|seat)[\s-]+)(?:buckets?|pails?)\b(?![\s-]+(?:seats?|hats?|teeth|tooth))|\bwatering\s+cans?\b|\bdust\s*pans?\b/i;

// sanitary ware (a sink's bowl is not a bowl: 73.24, 69.10, 39.22 say what the line is; a colander "over the sink" is
// a colander), and jars and bottles, whose heading is chosen by their use (for conveyance or packing: 70.10, 39.23,
// 76.12; vacuum flasks 96.17), which a line seldom says
const NOT_READ =
  /\b(?<!\b(?:over|for|in|under|beside|on)\s+(?:the\s+|a\s+|your\s+)?)(?:sinks?|wash[\s-]?basins?|basins?|bath[\s-]?tubs?|toilets?|urinals?|bidets?|showers?|cisterns?|water[\s-]+closets?|flush(?:ometer)?|wc)\b|\b(?:jars?|bottles?|flasks?)\b/i;
// spoons, forks, ladles, skimmers, cake servers, butter knives, sugar tongs and similar tableware of base metal (82.15)
const CUTLERY =
  /\b(?:spoons?|teaspoons?|forks?|ladles?|skimmers?|(?:cake|salad|pie)\s+servers?|butter\s+knives|fish\s+knives|sugar\s+tongs|chopsticks?|cutlery|flatware)\b/i;
// a cup, a mug or a tumbler of glass is a drinking glass (70.13.3x); a measuring cup is kitchen glassware
const DRINKING = /\b(?<!measuring\s+)(?:cups?|mugs?|tumblers?)\b/i;

// what makes a material word a handle's, a lid's, a tip's or a coating's, not the article's
const NOT_THE_BODY =
  /^[\s-]*(?:handles?|handled|lids?|tipped|tips?|coated|coating|plated|plating|grips?|knobs?|bases?|bottom|lined|lining|inserts?|rims?|trim(?:med)?|accents?|stands?|holders?|covers?|heads?|blades?|pieces?|parts?)\b/i;
const ENAMEL = /\benam[ae]l(?:l?ed|ware)?\b/i;
const CAST_IRON = /\bcast[\s-]+iron\b/i;

interface Material {
  re: RegExp;
  /** `article`: the first article the line names */
  read: (kind: Kind, text: string, article: string) => Omit<HouseholdReading, "words"> | undefined;
}

// spoons, ladles, cutlery and the like of base metal are 82.15's, and a version that names 82.15 for a scoop or tongs
// is not contradicted
const BASE_METAL = ["8215"];
const metal =
  (code: string, material: string, agrees: string[] = []) =>
  (_: Kind, _text: string, article: string) =>
    CUTLERY.test(article) ? { code: "821599", material, agrees: BASE_METAL } : { code, material, agrees: [...agrees, ...BASE_METAL] };
const castIron = (text: string) =>
  ENAMEL.test(text)
    ? { code: "732392", material: "cast iron, enamelled", agrees: BASE_METAL }
    : { code: "732391", material: "cast iron, not enamelled", agrees: BASE_METAL };
// cast iron before iron, stainless steel before steel: at one position the longer name is tried first
const MATERIALS: Material[] = [
  { re: /\b(?:stainless(?:[\s-]+steel)?|inox)\b/gi, read: metal("732393", "stainless steel") },
  { re: new RegExp(CAST_IRON, "gi"), read: (_, text) => castIron(text) },
  // enamelled cast iron is cast iron's, whichever word comes first
  {
    re: new RegExp(ENAMEL, "gi"),
    read: (_, text) => (CAST_IRON.test(text) ? castIron(text) : { code: "732394", material: "iron or steel, enamelled", agrees: BASE_METAL }),
  },
  { re: /\b(?:copper|brass|bronze)\b/gi, read: metal("741810", "copper") },
  { re: /\b(?:alumini?um|aluminum)\b/gi, read: metal("761510", "aluminium") },
  // a line that names steel or iron only may mean any of 73.23's: the heading is what it contradicts
  {
    re: /\b(?:(?:carbon|galvani[sz]ed|mild)\s+)?steel\b|\b(?:iron|galvani[sz]ed)\b/gi,
    read: metal("732399", "iron or steel", ["7323"]),
  },
  {
    re: /\b(?:plastics?|silicone|melamine|acrylic|polypropylene|pp|polycarbonate|tritan|nylon|bpa[\s-]free)\b/gi,
    read: (kind) => ({ code: kind === "kitchen" ? "392410" : "392490", material: "plastics", agrees: ["3924"] }),
  },
  {
    re: /\b(?:porcelain|bone\s+china|fine\s+china)\b/gi,
    read: (kind) => ({ code: kind === "kitchen" ? "691110" : "691190", material: "porcelain or china", agrees: ["6911"] }),
  },
  // porcelain is a ceramic: a line that says "ceramic" does not contradict it
  {
    re: /\b(?:ceramics?|stoneware|earthenware|terra[\s-]?cotta)\b/gi,
    read: () => ({ code: "691200", material: "ceramics other than porcelain", agrees: ["6911", "6912"] }),
  },
  // glass of a low coefficient of expansion (7013.42) where a line says so; drinking glasses and stemware are 70.13's too
  {
    re: /\b(?:borosilicate(?:\s+glass)?|pyrex)\b/gi,
    read: (kind) => (kind === "kitchen" ? { code: "701342", material: "glass of a low coefficient of expansion", agrees: ["7013"] } : undefined),
  },
  {
    re: /\bglass\b/gi,
    read: (kind, _, article) => ({
      code: kind === "household" ? "701399" : DRINKING.test(article) ? "701337" : "701349",
      material: "glass",
      agrees: ["7013"],
    }),
  },
  // 44.19 is tableware and kitchenware only; bamboo's subheadings by the kind of article
  {
    re: new RegExp(BAMBOO, "gi"),
    read: (kind, text) =>
      kind === "household"
        ? undefined
        : {
            code: BOARDS.test(text) ? "441911" : /\bchopsticks?\b/i.test(text) ? "441912" : "441919",
            material: "bamboo",
            agrees: ["44191"],
          },
  },
  // a line that names bamboo is bamboo's, even where a glossary reads its board as a wooden one ("Schneidebrett")
  {
    re: /\b(?:wood(?:en)?|beech(?:wood)?|acacia|olive[\s-]?wood|walnut|oak|maple|teak|birch)\b/gi,
    read: (kind, text) => (kind === "household" || BAMBOO.test(text) ? undefined : { code: "441990", material: "wood", agrees: ["44192", "44199"] }),
  },
];

/**
 * The subheading of a table, kitchen or household article a description gives, where it names such an article and
 * what it is made of; undefined where it names neither, or only a handle's or a lid's material.
 */
export function readHousehold(text: string): HouseholdReading | undefined {
  const kitchen = text.match(KITCHEN);
  const article = kitchen ?? text.match(HOUSEHOLD);
  if (!article || NOT_READ.test(text)) return undefined;
  const kind: Kind = kitchen ? "kitchen" : "household";
  const named = materialsNamed(text, MATERIALS, NOT_THE_BODY);
  // the first named that gives a reading
  for (const first of named) {
    const read = first.material.read(kind, text, article[0]);
    if (!read) continue;
    // enamelled cast iron: both words
    const also = read.code === "732392" ? [text.match(ENAMEL)![0], text.match(CAST_IRON)![0]] : [];
    const said = [first.words, ...also, article[0]];
    return { ...read, words: [...new Set(said)].join(" … ") };
  }
  return undefined;
}
