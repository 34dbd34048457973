import type { Rng } from "../random";

/**
 * Rewrites tariff wording the way traders write goods descriptions on declarations: short, abbreviated,
 * mixed case, typos, brand and model words, quantities, sometimes another language. Used to make the demo
 * extract (and, with another seed and other texts, training augmentation): it only ever sees the texts it is given.
 */

// Census/tariff abbreviations → words (both directions are used: traders abbreviate differently).
const EXPANSIONS: Record<string, string> = {
  "W/": "WITH",
  "WO/": "WITHOUT",
  NT: "NOT",
  EXC: "EXCEPT",
  PTS: "PARTS",
  PT: "PART",
  MACH: "MACHINE",
  MACHS: "MACHINES",
  EQUIP: "EQUIPMENT",
  ELEC: "ELECTRIC",
  MFD: "MANUFACTURED",
  PREP: "PREPARED",
  VEH: "VEHICLES",
  ACC: "ACCESSORIES",
  ART: "ARTICLES",
  ARTS: "ARTICLES",
  SYN: "SYNTHETIC",
  FIB: "FIBERS",
  KNT: "KNITTED",
  CRC: "CROCHETED",
  WMN: "WOMENS",
  MN: "MENS",
  GRLS: "GIRLS",
  BYS: "BOYS",
  CTN: "COTTON",
  WL: "WOOL",
  MMF: "MAN-MADE FIBER",
  STL: "STEEL",
  ALUM: "ALUMINUM",
  WT: "WEIGHT",
  NUMB: "NUMBER",
  CONT: "CONTAINING",
  PROC: "PROCESSED",
  FRZN: "FROZEN",
  FRSH: "FRESH",
  CHLD: "CHILLED",
  VEG: "VEGETABLE",
  INCL: "INCLUDING",
  OTH: "OTHER",
  SPEC: "SPECIAL",
  PWR: "POWER",
  MTR: "MOTOR",
  ENG: "ENGINE",
};
const ABBREVIATIONS: Record<string, string> = {
  WITH: "W/",
  WITHOUT: "W/O",
  PARTS: "PTS",
  MACHINE: "MACH",
  MACHINES: "MACH",
  EQUIPMENT: "EQPT",
  ELECTRIC: "ELEC",
  ELECTRICAL: "ELEC",
  ASSORTED: "ASST",
  ASSORTMENT: "ASST",
  QUANTITY: "QTY",
  ACCESSORIES: "ACCS",
  STAINLESS: "SS",
  STEEL: "STL",
  ALUMINUM: "ALU",
  ALUMINIUM: "ALU",
  PLASTIC: "PLAST",
  PLASTICS: "PLAST",
  COTTON: "CTN",
  POLYESTER: "POLY",
  FROZEN: "FRZ",
  CONTAINING: "CONT",
  WOMENS: "LADIES",
  "WOMEN'S": "LADIES",
  "MEN'S": "MENS",
  APPARATUS: "APP",
  INSTRUMENTS: "INSTR",
  AUTOMATIC: "AUTO",
};
const DROPPABLE = new Set(["NESOI", "NES", "OTHER", "OTHERWISE", "THEREOF", "ETC", "AND", "OF", "OR", "THE", "FOR", "IN"]);

const TRANSLATIONS: Record<"es" | "pl" | "de" | "fr", Record<string, string>> = {
  es: {
    PARTS: "PIEZAS",
    MACHINE: "MAQUINA",
    MACHINES: "MAQUINAS",
    STEEL: "ACERO",
    PLASTIC: "PLASTICO",
    PLASTICS: "PLASTICOS",
    COTTON: "ALGODON",
    WOOL: "LANA",
    SHOES: "ZAPATOS",
    FOOTWEAR: "CALZADO",
    FROZEN: "CONGELADO",
    FRESH: "FRESCO",
    FISH: "PESCADO",
    MEAT: "CARNE",
    WOMENS: "MUJER",
    MENS: "HOMBRE",
    CHILDRENS: "NINOS",
    SHIRTS: "CAMISAS",
    TROUSERS: "PANTALONES",
    GLASS: "VIDRIO",
    WOOD: "MADERA",
    PAPER: "PAPEL",
    ELECTRIC: "ELECTRICO",
    MOTOR: "MOTOR",
    TOYS: "JUGUETES",
    FURNITURE: "MUEBLES",
    OIL: "ACEITE",
    WITH: "CON",
    WITHOUT: "SIN",
    AND: "Y",
    OF: "DE",
    FOR: "PARA",
    KNITTED: "DE PUNTO",
    LEATHER: "CUERO",
    RUBBER: "CAUCHO",
    COPPER: "COBRE",
    ALUMINUM: "ALUMINIO",
    IRON: "HIERRO",
    TUBES: "TUBOS",
    PIPES: "TUBERIAS",
    WIRE: "ALAMBRE",
    BAGS: "BOLSAS",
  },
  pl: {
    PARTS: "CZESCI",
    MACHINE: "MASZYNA",
    MACHINES: "MASZYNY",
    STEEL: "STAL",
    PLASTIC: "PLASTIK",
    PLASTICS: "TWORZYWA SZTUCZNE",
    COTTON: "BAWELNA",
    WOOL: "WELNA",
    SHOES: "BUTY",
    FOOTWEAR: "OBUWIE",
    FROZEN: "MROZONE",
    FRESH: "SWIEZE",
    FISH: "RYBY",
    MEAT: "MIESO",
    WOMENS: "DAMSKIE",
    MENS: "MESKIE",
    SHIRTS: "KOSZULE",
    TROUSERS: "SPODNIE",
    GLASS: "SZKLO",
    WOOD: "DREWNO",
    PAPER: "PAPIER",
    ELECTRIC: "ELEKTRYCZNY",
    TOYS: "ZABAWKI",
    FURNITURE: "MEBLE",
    OIL: "OLEJ",
    WITH: "Z",
    WITHOUT: "BEZ",
    AND: "I",
    OF: "Z",
    FOR: "DO",
    LEATHER: "SKORA",
    RUBBER: "GUMA",
    COPPER: "MIEDZ",
    IRON: "ZELAZO",
    TUBES: "RURY",
    BAGS: "TORBY",
  },
  de: {
    PARTS: "TEILE",
    MACHINE: "MASCHINE",
    MACHINES: "MASCHINEN",
    STEEL: "STAHL",
    PLASTIC: "KUNSTSTOFF",
    PLASTICS: "KUNSTSTOFFE",
    COTTON: "BAUMWOLLE",
    WOOL: "WOLLE",
    SHOES: "SCHUHE",
    FROZEN: "GEFROREN",
    FRESH: "FRISCH",
    FISH: "FISCH",
    MEAT: "FLEISCH",
    WOMENS: "DAMEN",
    MENS: "HERREN",
    SHIRTS: "HEMDEN",
    TROUSERS: "HOSEN",
    GLASS: "GLAS",
    WOOD: "HOLZ",
    PAPER: "PAPIER",
    ELECTRIC: "ELEKTRISCH",
    TOYS: "SPIELZEUG",
    FURNITURE: "MOEBEL",
    OIL: "OEL",
    WITH: "MIT",
    WITHOUT: "OHNE",
    AND: "UND",
    FOR: "FUER",
    LEATHER: "LEDER",
    RUBBER: "GUMMI",
    COPPER: "KUPFER",
    IRON: "EISEN",
    TUBES: "ROHRE",
    BAGS: "TASCHEN",
  },
  fr: {
    PARTS: "PIECES",
    MACHINE: "MACHINE",
    MACHINES: "MACHINES",
    STEEL: "ACIER",
    PLASTIC: "PLASTIQUE",
    COTTON: "COTON",
    WOOL: "LAINE",
    SHOES: "CHAUSSURES",
    FOOTWEAR: "CHAUSSURES",
    FROZEN: "CONGELE",
    FRESH: "FRAIS",
    FISH: "POISSON",
    MEAT: "VIANDE",
    WOMENS: "FEMME",
    MENS: "HOMME",
    SHIRTS: "CHEMISES",
    TROUSERS: "PANTALONS",
    GLASS: "VERRE",
    WOOD: "BOIS",
    PAPER: "PAPIER",
    ELECTRIC: "ELECTRIQUE",
    TOYS: "JOUETS",
    FURNITURE: "MEUBLES",
    OIL: "HUILE",
    WITH: "AVEC",
    WITHOUT: "SANS",
    AND: "ET",
    OF: "DE",
    FOR: "POUR",
    LEATHER: "CUIR",
    RUBBER: "CAOUTCHOUC",
    COPPER: "CUIVRE",
    IRON: "FER",
    TUBES: "TUBES",
    BAGS: "SACS",
  },
};
export type TraderLanguage = keyof typeof TRANSLATIONS;

const BRANDS_BY_CHAPTER: Record<string, string[]> = {
  "84": ["BOSCH", "MAKITA", "SIEMENS", "HP", "LENOVO", "DELL", "CATERPILLAR", "KOMATSU", "HAIER"],
  "85": ["SAMSUNG", "XIAOMI", "PHILIPS", "SONY", "LG", "HUAWEI", "ANKER", "PANASONIC", "TP-LINK"],
  "87": ["TOYOTA", "VW", "BYD", "HONDA", "YAMAHA", "GIANT"],
  "90": ["OLYMPUS", "ZEISS", "CANON", "NIKON", "OMRON"],
  "91": ["CASIO", "SEIKO", "SWATCH"],
  "95": ["LEGO", "HASBRO", "MATTEL", "NINTENDO", "DECATHLON"],
  "64": ["NIKE", "ADIDAS", "PUMA", "SKECHERS"],
  "61": ["H&M", "ZARA", "UNIQLO", "SHEIN"],
  "62": ["H&M", "ZARA", "UNIQLO", "LEVIS"],
  "33": ["LOREAL", "NIVEA", "GARNIER", "DOVE"],
  "39": ["IKEA", "TUPPERWARE"],
  "94": ["IKEA", "KARTELL"],
};

const PACKAGES = ["CTNS", "CARTONS", "PKGS", "PALLETS", "BAGS", "BOXES", "DRUMS", "ROLLS", "BALES", "CASES"];
const UNIT_WORDS: Record<string, string[]> = {
  NO: ["PCS", "UNITS", "PC", "SETS", "NOS"],
  PRS: ["PAIRS", "PRS"],
  DOZ: ["DOZ", "PCS"],
  KG: ["KG", "KGS", "KGM"],
  T: ["MT", "TONS", "KG"],
  L: ["LTR", "L", "LITRES"],
  M2: ["M2", "SQM"],
  M3: ["M3", "CBM"],
};

export interface TraderStyleOptions {
  /** HS chapter of the goods, for brand words that fit (optional) */
  chapter?: string;
  /** first unit of quantity of the tariff line, e.g. "NO" or "KG" */
  unit?: string;
  /** probability of writing in another language where the dictionary allows */
  otherLanguage?: number;
}

export interface TraderText {
  text: string;
  language: "en" | TraderLanguage;
}

function typo(word: string, rng: Rng): string {
  if (word.length < 4 || !/^[A-Z]+$/.test(word)) return word;
  const i = 1 + rng.int(word.length - 2);
  switch (rng.int(3)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    default:
      return word.slice(0, i) + word[i] + word.slice(i);
  }
}

function applyCase(text: string, rng: Rng): string {
  const r = rng.next();
  if (r < 0.35) return text;
  if (r < 0.7) return text.toLowerCase();
  if (r < 0.9) return text.toLowerCase().replace(/(^|\s)(\p{L})/gu, (_, s: string, c: string) => s + c.toUpperCase());
  return text.charAt(0) + text.slice(1).toLowerCase();
}

/** One trader-style rewrite of a tariff text. Deterministic for a given rng state. */
export function traderStyle(source: string, rng: Rng, options: TraderStyleOptions = {}): TraderText {
  let words = source
    .toUpperCase()
    .replace(/[;:()"]/g, " ")
    .replace(/,/g, " , ")
    .split(/\s+/)
    .filter(Boolean);
  // Traders never write NESOI and rarely keep every qualifier.
  words = words.filter((w) => !(w === "NESOI" && rng.chance(0.95)));
  words = words.map((w) => {
    if (EXPANSIONS[w] && rng.chance(0.5)) return EXPANSIONS[w]!;
    if (ABBREVIATIONS[w] && rng.chance(0.35)) return ABBREVIATIONS[w]!;
    return w;
  });
  const content = words.filter((w) => w !== ",");
  if (content.length > 4) {
    const kept = words.filter((w) => w === "," || !(DROPPABLE.has(w) ? rng.chance(0.5) : rng.chance(0.08)));
    if (kept.filter((w) => w !== ",").length >= 2) words = kept;
  }
  // A comma-separated tail often comes first ("FROZEN, FISH" → "FISH FROZEN").
  let text = words
    .join(" ")
    .replace(/\s+,/g, ",")
    .replace(/(,\s*)+/g, ", ")
    .replace(/^,\s*|,\s*$/g, "")
    .trim();
  if (rng.chance(0.2) && text.includes(", ")) {
    const parts = text.split(", ");
    text = [parts[parts.length - 1], ...parts.slice(0, -1)].join(" ");
  }
  if (rng.chance(0.35)) text = text.replace(/,/g, "");

  let language: TraderText["language"] = "en";
  if (options.otherLanguage && rng.chance(options.otherLanguage)) {
    const lang = rng.pick(Object.keys(TRANSLATIONS) as TraderLanguage[]);
    const dict = TRANSLATIONS[lang];
    const tokens = text.split(" ");
    const hits = tokens.filter((t) => dict[t.replace(/[,.]/g, "")]).length;
    if (hits >= Math.max(1, Math.ceil(tokens.length / 3))) {
      text = tokens.map((t) => dict[t.replace(/[,.]/g, "")] ?? t).join(" ");
      language = lang;
    }
  }

  text = text
    .split(" ")
    .map((w) => (rng.chance(0.035) ? typo(w, rng) : w))
    .join(" ");

  const brands = options.chapter ? BRANDS_BY_CHAPTER[options.chapter] : undefined;
  if (brands && rng.chance(0.45)) {
    const brand = rng.pick(brands);
    const model = rng.chance(0.5)
      ? ` ${rng.pick(["MOD", "MODEL", "REF", "ART", "TYPE"])} ${String.fromCharCode(65 + rng.int(26))}${100 + rng.int(9900)}`
      : "";
    text = rng.chance(0.5) ? `${brand} ${text}${model}` : `${text} ${brand}${model}`;
  }
  if (rng.chance(0.4)) {
    const unitWords = UNIT_WORDS[options.unit ?? ""] ?? UNIT_WORDS.KG!;
    const qty = rng.chance(0.5) ? `${1 + rng.int(rng.chance(0.3) ? 5000 : 200)} ${rng.pick(unitWords)}` : `${1 + rng.int(60)} ${rng.pick(PACKAGES)}`;
    text = rng.chance(0.7) ? `${text} ${qty}` : `${qty} ${text}`;
  }
  if (rng.chance(0.08)) text = `${text} ${rng.pick(["PO#", "INV", "ORDER"])}${10000 + rng.int(89999)}`;
  return { text: applyCase(text.replace(/\s+/g, " ").trim(), rng), language };
}
