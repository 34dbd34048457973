// Footwear's heading is chosen by the material of its upper and of its outer sole (chapter 64; note 4: the upper's
// material is the one with the largest external surface), and its subheading by what it is for and how high it is:
// - 64.01 waterproof footwear of rubber or plastics (rain boots), 64.02 other footwear with outer soles and uppers of
//   rubber or plastics (PU and other "synthetic leather" are plastics), 64.03 uppers of leather, 64.04 uppers of textile
//   materials (with outer soles of rubber, plastics, leather or composition leather), 64.05 other (soles of wood, cork,
//   jute);
// - sports footwear (subheading note 1: made for a sport, with or for spikes, sprigs, cleats or the like; ski, skating,
//   cycling, wrestling or boxing footwear) 6402.19 / 6403.19, ski boots 6402.12 / 6403.12; in 64.04 also tennis,
//   basketball, gym and training shoes "and the like" 6404.11; flip-flops 6402.20; a metal toe-cap 6403.40 (6401.10);
//   covering the ankle 6402.91 / 6403.91 (leather soles 6403.51); otherwise .99 (leather soles 6403.59; in 64.04, leather
//   soles 6404.20, others 6404.19).
// A search over tariff lines reads "PU leather loafers" as leather, "leather cycling shoes" as bicycles and "EVA garden
// clogs" as garden tools. Read here from a line that names footwear (never a shoe rack, a boot tray or a brake shoe)
// and the material of its upper: a line that names no upper's material is left to the search. English words only; a
// line in another language is read through the English its words were read as (the caller appends them). Browser-safe.

export const FOOTWEAR_HEADINGS = ["6401", "6402", "6403", "6404", "6405"] as const;

export interface FootwearReading {
  /** the subheading the upper, the sole and the kind of footwear give */
  code: string;
  /** what was read, in the nomenclature's words: "uppers of leather, outer soles of rubber or plastics, covering the ankle" */
  material: string;
  /** the words of the description that say so, as written, joined by " … " */
  words: string;
  /**
   * codes (or their first digits) a version's best code may already be that the words do not contradict: without its
   * sole named, a leather upper's footwear may be 6405.10 (soles of wood, cork…), a textile upper's 6405.20, and a rubber
   * or plastic one's waterproof (64.01) or of other soles (6405.90); a textile word that may be the lining's ("cotton",
   * "plush") contradicts no heading of footwear
   */
  agrees: string[];
}

// a word for footwear, as the goods a line names: never the first word of another article ("boot tray", "sandal
// straps"; the articles OTHER_GOODS names anywhere in a line, "shoe rack", "shoe polish", are not repeated here), never
// a brake shoe, a horseshoe, a doll's shoes, snow shoes (9506.99) or a computer's boot, nor what goods are for
// ("leather for shoes" is leather)
const FOOTWEAR = new RegExp(
  String.raw`\b(?<!(?:brake|horse|doll'?s?|toy|car|potty|dog|fitness|for)[\s-]+)(?:(?<!snow[\s-]+)shoes?|boots?|booties|sneakers?|trainers|sandals?|slippers?|clogs?|loafers?|moccasins?|flip[\s-]?flops?|cleats|espadrilles?|oxfords|brogues|wellingtons|wellies|gumboots|footwear|pumps|high[\s-]heels|stilettos)\b` +
    String.raw`(?![\s-]+(?:shel(?:f|ves)|organi[sz]ers?|storage|stands?|benche?s?|cleaners?|brush(?:es)?|sprays?|deodori[sz]ers?|dr(?:y|i)ers?|horns?|trees?|stretchers?|laces?|lacings?|strings?|covers?|protectors?|bags?|box(?:es)?|cases?|inserts?|pads?|cushions?|grips?|charms?|clips?|buckles?|decorations?|accessor(?:y|ies)|repair|glue|lasts?|soles?|parts?|uppers?|keychains?|ornaments?|trays?|mats?|jacks?|liners?|socks?|spikes?|studs?|tips?|chains?|bands?|cut|camp|disks?|loaders?|making|factory|store|shop|holders?|hangers?|shaper|shapers|heaters?|warmers?|prints?|printed|patterns?)\b)`,
  "gi",
);
// a line about another article for footwear, or its parts: "polishes, creams and similar preparations for footwear",
// "shoe laces", "footwear uppers" (64.06), "machines for making footwear"
const OTHER_GOODS =
  /\b(?:polish(?:es)?|creams?|crems|preparations?|wax|laces|lacings|shoelaces?|insoles?|machines?|machinery|mou?lds?|parts|pts|socks|hosiery|stockings|tights|uppers\b(?!\s+(?:and|of|&))|soles\b(?!\s+(?:and|of|&))|components|racks?|cabinets?|covers)\b/i;
// "pumps" are shoes only beside a heel ("high heel pumps", "pumps with block heel"), never water or fuel pumps
const HEEL = /\b(?:heels?|heeled|stilettos?)\b/i;

const FAKE_LEATHER =
  /\b(?:pu|p\.u\.|faux|synthetic|vegan|artificial|imitation|eco|man[\s-]?made|fake|polyurethane|pvc|micro[\s-]?fib(?:er|re))[\s-]+(?:[a-z]+[\s-]+)?$/i;
const COMPOSITION = /\b(?:composition|bonded|reconstituted)[\s-]+$/i;
// what makes a material word the sole's, the lining's or a trim's, not the upper's
const NOT_THE_UPPER =
  /^[\s-]*(?:out)?(?:soles?|soled|insoles?|lin(?:ing|ed|er)|footbeds?|heels?|laces?|toe|trim(?:med)?|inserts?|padding|collar|bottom)\b/i;
const LEATHER =
  /\b(?:(?:genuine|real|full[\s-]grain|top[\s-]grain|patent|nappa)\s+)?(?:leather|suede|nubuck|cowhide|calfskin|sheepskin|lambskin|goatskin|kidskin|deerskin|pigskin)\b/gi;
// the textile words that say how an upper is made (canvas, mesh, knit), and those a footwear title often uses for its
// lining or warmth rather than its upper ("cotton slippers", "plush boots", "velvet shoes"): the latter correct a best
// code outside chapter 64, never another heading of it
const TEXTILE = /\b(?:canvas|mesh|knit(?:ted)?|fly[\s-]?knit|fabric|textile|denim|crochet)\b(?![\s-]+(?:leather|suede))/gi;
const SOFT_TEXTILE =
  /\b(?:cotton|wool(?:len)?|felt|plush|fleece|satin|velvet|nylon|polyester|linen|corduroy|terry|faux\s+fur)\b(?![\s-]+(?:leather|suede))/gi;
const RUBBER_OR_PLASTICS = /\b(?:rubber|pvc|eva|plastics?|pu|polyurethane|tpu|silicone|synthetics?|croslite|jelly)\b(?![\s-]+(?:leather|suede))/gi;

type Material = "leather" | "textile" | "soft textile" | "rubber or plastics";
const UPPER_WORDS: Record<Material, string> = {
  leather: "uppers of leather",
  textile: "uppers of textile materials",
  "soft textile": "uppers of textile materials",
  "rubber or plastics": "uppers of rubber or plastics",
};

/**
 * The upper's material: the first named that is not the sole's, the lining's or a trim's ("leather-lined" is not; nor
 * "rubber" in "soles of rubber", or in "sole rubber" as a line read from Vietnamese or French word order has it).
 */
function upperOf(text: string, sole: RegExpMatchArray | null): { material: Material; words: string } | undefined {
  const found: { at: number; material: Material; words: string }[] = [];
  // "uppers and outer soles of leather": the sole's material is the upper's too
  const shared = sole !== null && /\buppers?\s+(?:and|&)\s+(?:outer\s+)?$/i.test(text.slice(0, sole.index));
  const inSole = (at: number) => sole !== null && !shared && at >= sole.index! && at < sole.index! + sole[0].length;
  const add = (re: RegExp, material: (m: RegExpMatchArray) => Material | undefined) => {
    for (const m of text.matchAll(re)) {
      if (inSole(m.index!) || NOT_THE_UPPER.test(text.slice(m.index! + m[0].length))) continue;
      const read = material(m);
      if (read) found.push({ at: m.index!, material: read, words: m[0] });
    }
  };
  // composition or bonded leather (64.05 as an upper) is left to the search
  add(LEATHER, (m) => {
    const before = text.slice(0, m.index);
    return COMPOSITION.test(before) ? undefined : FAKE_LEATHER.test(before) ? "rubber or plastics" : "leather";
  });
  add(TEXTILE, () => "textile");
  add(SOFT_TEXTILE, () => "soft textile");
  add(RUBBER_OR_PLASTICS, () => "rubber or plastics");
  found.sort((a, b) => a.at - b.at);
  // the first named, but a soft textile word before how the upper is made is its fibre ("cotton canvas sneakers")
  return found[0]?.material === "soft textile" ? (found.find((f) => f.material === "textile") ?? found[0]) : found[0];
}

type Sole = "rubber or plastics" | "leather" | "other";
const SOLE =
  /\b(rubber|tpr|eva|pu|pvc|plastics?|crepe|leather|wood(?:en)?|cork|jute|rope|straw)[\s-]+(?:out)?sol(?:e|es|ed)\b|\b(?:out)?soles?\s+(?:(?:of|in|made\s+of)\s+)?(rubber|tpr|eva|pu|pvc|plastics?|leather|wood|cork|jute)\b/i;
function soleOf(m: RegExpMatchArray | null): { sole: Sole; words: string } | undefined {
  if (!m) return undefined;
  const word = (m[1] ?? m[2]!).toLowerCase();
  const sole: Sole = word === "leather" ? "leather" : /^(?:wood|wooden|cork|jute|rope|straw)$/.test(word) ? "other" : "rubber or plastics";
  return { sole, words: m[0] };
}

const SKI = /\b(?:ski|snowboard)(?:ing)?[\s-]+boots?\b/i;
const SPORTS =
  /\b(?:cleats|studs|studded|spikes|spiked|football\s+boots|soccer\s+(?:shoes|boots)|rugby\s+boots|golf\s+shoes|cycling\s+shoes|(?:road\s+)?bike\s+shoes|wrestling\s+shoes|boxing\s+(?:shoes|boots)|skating\s+boots)\b/i;
// tennis, basketball, gym and training shoes "and the like" (6404.11 only)
const ATHLETIC =
  /\b(?:running|jogging|tennis|basketball|volleyball|badminton|squash|gym|training|trainers|athletic|sports?\s+(?:shoes|sneakers)|workout|cross[\s-]?train(?:ing|ers)|fitness)\b/i;
const FLIP_FLOPS = /\b(?:flip[\s-]?flops?|thongs?|toe[\s-]post)\b/i;
// a toe-cap of footwear is a protective metal one ("composite toe" is not)
const METAL_TOE = /\b(?:steel|metal|alloy)[\s-]+toe\b|\btoe[\s-]?caps?\b/i;
// waterproof footwear of 64.01 (moulded, neither stitched nor riveted): rain boots, or boots said to be waterproof; a
// "waterproof" sneaker or sandal is as often stitched (64.02)
const RAIN = /\b(?:rain|wellingtons?|wellies|gumboots|galoshes)\b/i;
const WATERPROOF = /\bwaterproof\b/i;
const KNEE = /\b(?:knee[\s-]high|over[\s-]the[\s-]knee|thigh[\s-]high|tall)\b/i;
const NOT_ANKLE = /\b(?:not\s+covering\s+the\s+ankle|low[\s-]?(?:tops?|cut))\b/i;
const ANKLE = /\b(?:boots?|booties|ankle(?![\s-]+straps?)|high[\s-]?tops?|hi[\s-]?tops?|mid[\s-]?(?:tops?|cut|calf)|chelsea|chukkas?)\b/i;

/**
 * The subheading of chapter 64 a description gives, where it names footwear and the material of its upper; undefined
 * where it names no footwear, or no upper's material.
 */
export function readFootwear(text: string): FootwearReading | undefined {
  const named = [...text.matchAll(FOOTWEAR)].find((m) => !/^pumps$/i.test(m[0]) || HEEL.test(text));
  if (!named || OTHER_GOODS.test(text)) return undefined;
  const soleSaid = text.match(SOLE);
  const upper = upperOf(text, soleSaid);
  if (!upper) return undefined;
  const sole = soleOf(soleSaid);
  const said = [upper.words, ...(sole ? [sole.words] : [])];
  const read = [UPPER_WORDS[upper.material]];
  const ankle = NOT_ANKLE.test(text) ? null : text.match(ANKLE);
  const rain = RAIN.test(text) ? RAIN : ankle && WATERPROOF.test(text) ? WATERPROOF : undefined;
  const covers = (over: string, not: string) => {
    if (ankle) said.push(ankle[0]);
    read.push(ankle ? "covering the ankle" : "not covering the ankle");
    return ankle ? over : not;
  };
  const kind = (re: RegExp, what: string) => {
    const m = text.match(re);
    if (m) {
      said.push(m[0]);
      read.push(what);
    }
    return Boolean(m);
  };
  const code = ((): string => {
    if (upper.material === "rubber or plastics") {
      if (sole && sole.sole !== "rubber or plastics") return "640590";
      if (rain && kind(rain, "waterproof")) {
        if (kind(METAL_TOE, "with a metal toe-cap")) return "640110";
        if (kind(KNEE, "covering the knee")) return "640199";
        return covers("640192", "640199");
      }
      if (kind(SKI, "ski boots")) return "640212";
      if (kind(SPORTS, "sports footwear")) return "640219";
      if (kind(FLIP_FLOPS, "upper straps plugged into the sole")) return "640220";
      return covers("640291", "640299");
    }
    if (upper.material === "leather") {
      if (sole?.sole === "other") return "640510";
      if (kind(SKI, "ski boots")) return "640312";
      if (kind(SPORTS, "sports footwear")) return "640319";
      if (kind(METAL_TOE, "with a metal toe-cap")) return "640340";
      if (sole?.sole === "leather") return covers("640351", "640359");
      return covers("640391", "640399");
    }
    if (sole?.sole === "other") return "640520";
    if (sole?.sole === "leather") return "640420";
    if (kind(SPORTS, "sports footwear") || kind(ATHLETIC, "tennis, gym or training shoes and the like")) return "640411";
    return "640419";
  })();
  if (sole) read.splice(1, 0, `outer soles of ${sole.sole === "other" ? "other materials" : sole.sole}`);
  // the footwear word, unless a kind already said holds it ("cycling shoes")
  if (!said.some((w) => w.toLowerCase().includes(named[0].toLowerCase()))) said.push(named[0]);
  const agrees =
    upper.material === "soft textile"
      ? [...FOOTWEAR_HEADINGS]
      : sole
        ? []
        : { leather: ["640510"], textile: ["640520"], "rubber or plastics": rain ? [] : ["6401", "640590"] }[upper.material];
  return { code, material: read.join(", "), words: [...new Set(said)].join(" … "), agrees };
}
