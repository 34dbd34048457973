// Fasteners, tube or pipe fittings, chain, springs, wire cloth and hinges are classified by the metal they are of: screws,
// bolts, nuts, washers, rivets and cotter-pins of iron or steel 73.18, of copper 74.15, of aluminium 7616.10 (nails with
// them: 73.17, 7415.10); tube or pipe fittings of iron or steel 73.07 (cast 7307.1x, stainless steel 7307.2x, other
// 7307.9x), of copper 74.12 (refined 7412.10, alloys such as brass and bronze 7412.20), of aluminium 76.09, of plastics
// 3917.40; chain 73.15; springs 73.20; cloth, grill, netting and fencing of iron or steel wire 73.14, of aluminium
// 7616.91, of nickel 7508.10; such articles of other metals are their metal's other articles (copper 7419.80, aluminium
// 7616.99, nickel 7508.90, zinc 7907.00, titanium 8108.90), of plastics 3926.90, rubber washers 4016.93; hinges of base
// metal 8302.10, of plastics 3926.30. A search over tariff lines finds the line whose words a description shares most,
// and that is often another article of the same material ("stainless steel nuts" a stainless steel sink, 7324.10;
// "aluminium nuts" aluminium's other articles) or the same article of another metal ("brass screws" 73.18's, iron or
// steel). Read here from a line that names such an article and the material it is made of, the first named that is not
// a plating's, a coating's or a part's ("zinc plated steel bolts" are steel, "nylon insert lock nuts" name no material).
// A version applies the reading only where its best code is in one of the headings such an article is taken for (the
// caller's materialFor), never where it named other goods (a padlock, a tool, a valve); a line that names a table,
// kitchen or household article is that article's (household-reading.ts). English words only; a line in another language
// is read through the English its words were read as (the caller appends them). Browser-safe.
import { MATERIAL_FORM_HEADINGS, materialsNamed } from "./material-forms";

export interface MetalArticleReading {
  /** the kind of article read */
  kind: MetalArticle;
  /** the subheading the article's kind and material give */
  code: string;
  /** what it is made of, in the nomenclature's words: "stainless steel", "copper alloys" */
  material: string;
  /** the words of the description that say so, as written, joined by " … " */
  words: string;
  /** codes (or their first digits) a version's best code may already be that the words do not contradict */
  agrees: string[];
}

/** The headings a search takes such an article for: every base metal's (chapters 72 to 81), plastics' and rubber's. */
export const METAL_ARTICLE_HEADINGS: readonly string[] = [
  ...MATERIAL_FORM_HEADINGS,
  // articles of iron or steel (73.08 to 73.26), copper, nickel, aluminium, zinc and tin
  ...Array.from({ length: 19 }, (_, i) => String(7308 + i)),
  ...["7413", "7414", "7415", "7416", "7417", "7418", "7419", "7508", "7610", "7611", "7612", "7613", "7614", "7615", "7616"],
  ...["7806", "7907", "8007"],
  // articles of plastics and of rubber; washing machines ("washers") and transmission parts ("ball screws", "couplings")
  ...["3922", "3923", "3924", "3925", "3926", "4016", "8450", "8483"],
  // titanium's oxides ("titanium screws"), base metal mountings (hinges)
  ...["2823", "8302"],
];

export type MetalArticle = "fasteners" | "nails" | "tube or pipe fittings" | "chain" | "springs" | "wire cloth, netting or fencing" | "hinges";
type Metal =
  | "stainless steel"
  | "cast iron"
  | "malleable or ductile iron"
  | "iron or steel"
  | "refined copper"
  | "copper alloys"
  | "aluminium"
  | "nickel"
  | "zinc"
  | "titanium"
  | "plastics"
  | "rubber";

// what makes a word a screw's, a nut's or another fastener's and not a machine's or a tool's that has one ("screw
// conveyor", "ball screw", "bolt cutter", "nut driver", "rivet gun", "pressure washer", "nail polish")
const NOT_A_FASTENER = String.raw`(?![\s-]+(?:conveyors?|compressors?|pumps?|drivers?|jacks?|press(?:es)?|caps?|lids?|closures?|terminals?|extractors?|barrels?|guns?|tools?|pliers|setters?|cutters?|locks?|action|carriers?|crackers?|butter|milk|runners?|splitters?|dryers?|driers?|machines?|fluid|nozzles?|polish|clippers?|files?|art|lamps?|brush(?:es)?|tips?|stickers?|pullers?))`;
// a word before it that makes it a machine's part, a fitting of a door, a washing machine, a finger's nail or a nut to
// eat ("ball screw", "door bolt", "pressure washer", "acrylic nails", "pine nuts")
const NOT_AFTER = String.raw`(?<!\b(?:ball|lead|feed|archimedes|door|barrel|tower|slide|sliding|lightning|pressure|dish|windshield|windscreen|power|jet|finger|toe|false|acrylic|gel|press[\s-]?on|pine|cashew|coconut)[\s-]+)`;
const fastener = (words: string) => new RegExp(String.raw`${NOT_AFTER}\b(?:${words})\b${NOT_A_FASTENER}`, "i");
const NUTS = fastener("nuts?");
const SCREWS_OR_BOLTS = fastener(String.raw`screws?|bolts?|threaded\s+rods?|stud\s+bolts?`);
const WASHERS = fastener("washers?");
const SPRING_WASHERS = /\b(?:spring|lock|split|serrated|wave|belleville|tooth(?:ed)?)[\s-]+washers?\b/i;
const RIVETS = fastener("rivets?");
const COTTERS = fastener(String.raw`cotter[\s-]?pins?|cotters?|split[\s-]?pins?`);
// staples of 73.17 (fencing, upholstery), not of 83.05 in strips for staplers: a version that reads 83.05 keeps it
const NAILS = fastener(String.raw`nails?|tacks?|staples?`);
const COACH = /\b(?:coach|lag)[\s-]+(?:screws?|bolts?)\b/i;
const WOOD = /\b(?:wood|chipboard|particle\s?board|deck(?:ing)?)[\s-]+screws?\b/i;
const HOOKS = /\bscrew[\s-]+(?:hooks?|eyes?|rings?)\b|\b(?:hook|eye)[\s-]+screws?\b/i;
const SELF_TAPPING = /\bself[\s-]*(?:tapping|drilling|threading)\b|\btek\s+screws?\b/i;

// fittings named as such, or a fitting's word in a line about pipes or tubes ("elbow 90 deg BSP", "butt weld tee")
const FITTINGS =
  /\b(?:pipe|tube|tubing|plumbing|hose|compression|press|push[\s-]?fit|threaded|welding|weld|elbows?|tees?|reducers?|couplings?|unions?|bends?|nipples?|bushings?)\s+fittings?\b|\bfittings?\s+(?:for\s+)?(?:pipes?|tubes?)\b/i;
const FITTING_WORDS =
  /\b(?:elbows?|tees?|flanges?|nipples?|reducers?|couplings?|unions?|bends?|sockets?|caps?|plugs?|bushings?|adaptors?|adapters?|crosses|ferrules?|fittings?)\b(?![\s-]+(?:nuts?|bolts?|screws?|bearings?|units?|motors?|pads?|supports?|braces?|sleeves?|guards?|protectors?))/i;
const PIPE_WORDS =
  /\b(?:pipes?|tubes?|tubing|plumbing|bsp[pt]?|npt|butt[\s-]?weld(?:ing)?|socket[\s-]?weld(?:ing)?|weld[\s-]?neck|slip[\s-]?on|blind\s+flanges?|sch(?:edule)?\s*\d+|dn\s*\d+|pn\s*\d+|threaded|screwed|\d+\s?deg(?:rees?)?)\b/i;
const FLANGES = /\bflanges?\b/i;
const BUTT_WELD = /\bbutt[\s-]?weld(?:ing|ed)?\b/i;
const THREADED = /\b(?:threaded|bsp[pt]?|npt|screwed)\b/i;
const CAST = /\bcast\b/i;
const ELBOWS = /\b(?:elbows?|bends?|sleeves?|sockets?|couplings?)\b/i;

// chain, not a tool or machine that runs one, a lock, a fence or a piece of jewellery
const CHAIN =
  /\b(?<!(?:key|neck|door|saw|cuban|rope|box|curb|figaro|rolo|ball|bead|snake|paperclip|franco|belly|glasses|eyeglass|mask|wallet|food|supply|cold)[\s-]+)chains?\b(?![\s-]+(?:saws?|hoists?|blocks?|sprockets?|link\s+fenc\w*|locks?|guards?|tensioners?|oil|lube|necklaces?|bracelets?|pendants?|wheels?|pulleys?|breakers?|stores?|mail|link\s+mesh))/i;
const JEWELLERY = /\b(?:necklaces?|bracelets?|pendants?|jewel(?:le)?ry|anklets?|earrings?|chokers?|charms?|hip[\s-]?hop|for\s+(?:men|women))\b/i;
const ROLLER = /\b(?:roller|bicycle|bike|motorcycle|motorbike|drive|transmission|conveyor|timing|silent|leaf)\s+chains?\b/i;
const ANTI_SKID = /\b(?:snow|tyre|tire|anti[\s-]?skid|skid)\s+chains?\b/i;
const STUD_LINK = /\bstud[\s-]?link\b/i;
const WELDED_LINK =
  /\bwelded[\s-]+link\b|\b(?:welded|short[\s-]?link|long[\s-]?link|link|lifting|g\s?(?:43|70|80|100)|grade\s+(?:43|70|80|100))\s+chains?\b/i;

// springs, not a season, a mattress, a washer or a clip that has one
const SPRINGS =
  /\b(?<!(?:box|hot|mattress|gas|air|pocket)[\s-]+)(?:(?:coil|compression|extension|tension|torsion|helical|leaf|spiral|wave|clock|flat)[\s-]+springs?|springs)\b(?![\s-]+(?:washers?|mattress(?:es)?|water|rolls?|onions?|clips?|clamps?|hinges?|balancers?|steel|loaded|collection|season|summer|pins?|hooks?|snaps?|buttons?|locks?|beds?))/i;
const LEAF = /\bleaf[\s-]+springs?\b/i;
const FLAT = /\b(?:flat|spiral|clock|wave)[\s-]+springs?\b/i;
const HELICAL = /\b(?:coil|compression|extension|tension|torsion|helical)[\s-]+springs?\b/i;

// cloth, grill, netting and fencing of wire, and expanded metal; not a mesh bag, chair or shoe
const MESH =
  /\bwire\s+(?:mesh|netting|cloth|fenc(?:e|es|ing)|screens?|gauze)\b|\b(?:welded|woven)\s+(?:wire\s+)?mesh\b|\bchain[\s-]?link\b|\bexpanded\s+metal\b|\bnetting\b|\bfencing\b|\bmesh\b(?![\s-]+(?:bags?|shoes?|chairs?|office|backs?|shirts?|fabric|covers?|cups?|tops?|pockets?|hats?|caps?|strainers?|sieves?|baskets?|filters?|trash|laundry))/i;
// goods made of mesh, which a line names before or after it ("Tea Infuser Ball Stainless Steel Mesh"): not wire cloth
const MESH_GOODS =
  /\b(?:barbed|infusers?|strainers?|sieves?|filters?|baskets?|colanders?|splatter|guards?|covers?|bags?|cages?|traps?|trays?|racks?|shelf|shelves|chairs?|doors?|fryers?|skimmers?|scoops?|balls?|boxes|pouch(?:es)?|lids?|tents?|hammocks?|hats?)\b/i;
const EXPANDED = /\bexpanded\s+metal\b/i;
const WELDED = /\bwelded\b/i;
const CHAIN_LINK = /\bchain[\s-]?link\b/i;
const WOVEN = /\b(?:woven|wire\s+cloth|cloth)\b/i;
const ZINC_COATED = /\b(?:galvani[sz]ed|galvani[sz]ing|zinc[\s-]+(?:plated|coated)|hot[\s-]dip(?:ped)?|g\.?i\.?)\b/i;
const PLASTIC_COATED = /\b(?:pvc|plastic|vinyl|pe|polymer)[\s-]+coated\b/i;

// what makes a material word a plating's, a coating's, an insert's or another part's, not the article's
const NOT_THE_BODY =
  /^[\s-]*(?:plated|plating|coated|coating|finish(?:ed)?|colou?r(?:ed)?|tone|look|effect|inserts?|headed|heads?|handles?|handled|grips?|tipped|tips?|lined|lining|sleeved?|sleeves?|jacketed|sheathed|caps?|capped|covered|dipped)\b/i;

/** the subheading each kind gives for each material, or undefined where the nomenclature's is not this reading's */
type Read = (kind: MetalArticle, text: string, article: string, words: string) => { code: string; agrees: string[] } | undefined;

function steelFastener(kind: MetalArticle, text: string, article: string): { code: string; agrees: string[] } {
  if (kind === "nails") return { code: "731700", agrees: ["7317"] };
  // screws or bolts with their nuts are 7318.15, whether or not with them
  if (NUTS.test(article) && !SCREWS_OR_BOLTS.test(text)) return { code: "731816", agrees: ["731816"] };
  if (WASHERS.test(article) && !SCREWS_OR_BOLTS.test(text))
    return SPRING_WASHERS.test(text) ? { code: "731821", agrees: ["731821"] } : { code: "731822", agrees: ["731821", "731822"] };
  if (RIVETS.test(article)) return { code: "731823", agrees: ["731823", "8308"] };
  if (COTTERS.test(article)) return { code: "731824", agrees: ["731824"] };
  if (COACH.test(text)) return { code: "731811", agrees: ["731811"] };
  if (HOOKS.test(text)) return { code: "731813", agrees: ["731813"] };
  if (SELF_TAPPING.test(text)) return { code: "731814", agrees: ["731814"] };
  if (WOOD.test(text)) return { code: "731812", agrees: ["731812"] };
  return { code: "731815", agrees: ["73181"] };
}

function copperFastener(kind: MetalArticle, text: string, article: string): { code: string; agrees: string[] } {
  if (kind === "nails") return { code: "741510", agrees: ["741510"] };
  const threaded = SCREWS_OR_BOLTS.test(text) || NUTS.test(article);
  if (!threaded && WASHERS.test(article)) return { code: "741521", agrees: ["741521"] };
  if (!threaded && (RIVETS.test(article) || COTTERS.test(article))) return { code: "741529", agrees: ["741529", "8308"] };
  return { code: "741533", agrees: ["741533"] };
}

// `words`: the material as written; fittings said to be of iron, not steel ("galvanized iron", "GI"), are mostly cast
function steelFitting(metal: Metal, text: string, words: string): { code: string; agrees: string[] } {
  if (metal === "cast iron") return { code: "730711", agrees: ["73071"] };
  if (metal === "malleable or ductile iron") return { code: "730719", agrees: ["730719"] };
  const stainless = metal === "stainless steel";
  const [flange, elbow, butt, other] = stainless ? ["730721", "730722", "730723", "730729"] : ["730791", "730792", "730793", "730799"];
  // cast fittings other than of non-malleable cast iron, stainless steel's too ("UNIONS, PIPE, STEEL, CAST")
  if (CAST.test(text)) return { code: "730719", agrees: ["73071"] };
  const cast = /\biron\b/i.test(words) ? ["73071"] : [];
  if (FLANGES.test(text)) return { code: flange, agrees: [flange, ...cast] };
  if (BUTT_WELD.test(text)) return { code: butt, agrees: [butt, ...cast] };
  if (THREADED.test(text) && ELBOWS.test(text)) return { code: elbow, agrees: [elbow, ...cast] };
  // a line that names no flange is not one
  return { code: other, agrees: [elbow, butt, other, ...cast] };
}

// the kind of chain where the line names it, else any of 73.15's
function steelChain(text: string): { code: string; agrees: string[] } {
  if (ANTI_SKID.test(text)) return { code: "731520", agrees: ["731520"] };
  if (ROLLER.test(text)) return { code: "731511", agrees: ["73151"] };
  if (STUD_LINK.test(text)) return { code: "731581", agrees: ["731581"] };
  if (WELDED_LINK.test(text)) return { code: "731582", agrees: ["731581", "731582"] };
  return { code: "731589", agrees: ["7315"] };
}

function steelMesh(metal: Metal, text: string): { code: string; agrees: string[] } {
  const agrees = ["7314"];
  if (EXPANDED.test(text)) return { code: "731450", agrees };
  if (WELDED.test(text)) return { code: ZINC_COATED.test(text) ? "731431" : "731439", agrees: ["731420", "73143"] };
  if (!CHAIN_LINK.test(text) && (metal === "stainless steel" || WOVEN.test(text)))
    return metal === "stainless steel" ? { code: "731414", agrees: ["73141"] } : { code: "731419", agrees: ["731419"] };
  if (PLASTIC_COATED.test(text)) return { code: "731442", agrees: ["73144"] };
  if (ZINC_COATED.test(text)) return { code: "731441", agrees: ["73144", "73143"] };
  return { code: "731449", agrees };
}

const ironOrSteel =
  (metal: Metal): Read =>
  (kind, text, article, words) => {
    if (kind === "fasteners" || kind === "nails") return steelFastener(kind, text, article);
    if (kind === "tube or pipe fittings") return steelFitting(metal, text, words);
    if (kind === "chain") return steelChain(text);
    if (kind === "springs")
      return LEAF.test(text)
        ? { code: "732010", agrees: ["732010"] }
        : HELICAL.test(text)
          ? { code: "732020", agrees: ["732020"] }
          : FLAT.test(text)
            ? { code: "732090", agrees: ["732090"] }
            : { code: "732090", agrees: ["7320"] };
    return steelMesh(metal, text);
  };

const copper =
  (metal: Metal): Read =>
  (kind, text, article) => {
    if (kind === "fasteners" || kind === "nails") return copperFastener(kind, text, article);
    if (kind === "tube or pipe fittings")
      return metal === "refined copper" ? { code: "741210", agrees: ["741210"] } : { code: "741220", agrees: ["741220"] };
    return { code: "741980", agrees: ["7419"] };
  };

// a metal whose articles other than these have one heading: its fasteners, fittings, chain and springs are there too
const otherArticles =
  (code: string, cloth?: string): Read =>
  (kind) => ({ code: kind === "wire cloth, netting or fencing" && cloth ? cloth : code, agrees: [code.slice(0, 4)] });

// at one position the longer name is tried first: "stainless steel" before "steel", "cast iron" before "iron"
const MATERIALS: { re: RegExp; metal: Metal; read: Read }[] = [
  { re: /\b(?:stainless(?:[\s-]+steel)?|inox|ss\s?(?:304|316)l?)\b/gi, metal: "stainless steel", read: ironOrSteel("stainless steel") },
  { re: /\b(?:grey\s+|gray\s+)?cast[\s-]+iron\b/gi, metal: "cast iron", read: ironOrSteel("cast iron") },
  {
    re: /\b(?:malleable|ductile)(?:[\s-]+(?:cast[\s-]+)?iron)?\b/gi,
    metal: "malleable or ductile iron",
    read: ironOrSteel("malleable or ductile iron"),
  },
  {
    re: /\b(?:(?:carbon|alloy|mild|galvani[sz]ed|high[\s-]tensile|hardened|spring|forged)\s+)?steel\b|\b(?:iron|galvani[sz]ed|(?:grade|class|gr\.?)\s*(?:4\.6|4\.8|5\.6|5\.8|6\.8|8\.8|10\.9|12\.9))\b/gi,
    metal: "iron or steel",
    read: ironOrSteel("iron or steel"),
  },
  { re: /\b(?:brass|bronze|copper[\s-]+alloys?|gunmetal)\b/gi, metal: "copper alloys", read: copper("copper alloys") },
  { re: /\bcopper\b/gi, metal: "refined copper", read: copper("refined copper") },
  {
    re: /\b(?:alumini?um|aluminum)(?:[\s-]+alloy)?\b/gi,
    metal: "aluminium",
    read: (kind) =>
      kind === "tube or pipe fittings"
        ? { code: "760900", agrees: ["7609"] }
        : kind === "wire cloth, netting or fencing"
          ? { code: "761691", agrees: ["761691"] }
          : kind === "fasteners" || kind === "nails"
            ? { code: "761610", agrees: ["761610", "8308"] }
            : { code: "761699", agrees: ["761699"] },
  },
  { re: /\bnickel\b/gi, metal: "nickel", read: otherArticles("750890", "750810") },
  // zinc named as a finish ("yellow zinc", "zinc steel") is a plating's
  {
    re: /(?<!\b(?:yellow|blue|white|black|bright|clear)[\s-]+)\b(?:zinc(?:[\s-]+alloy)?|zamak)\b(?![\s-]+(?:steel|iron))/gi,
    metal: "zinc",
    read: otherArticles("790700"),
  },
  { re: /\btitanium\b/gi, metal: "titanium", read: otherArticles("810890") },
  {
    re: /\b(?:plastics?|nylon|polyamide|pvc|u-?pvc|c-?pvc|ppr|pp-?r|hdpe|pe|pp|abs|polypropylene|polyethylene|polycarbonate|ptfe|teflon|peek|acetal|pom|delrin)\b/gi,
    metal: "plastics",
    // plastics' netting is not read (3925, 3926 or 56.08, by what it is), a plastic spring or chain is 3926.90
    read: (kind) =>
      kind === "tube or pipe fittings"
        ? { code: "391740", agrees: ["391740"] }
        : kind === "wire cloth, netting or fencing"
          ? undefined
          : { code: "392690", agrees: ["392690"] },
  },
  // rubber washers are 4016.93's (gaskets, washers and other seals of vulcanised rubber); its other articles are not read
  {
    re: /\b(?:rubber|epdm|neoprene|silicone)\b/gi,
    metal: "rubber",
    read: (kind, _, article) => (kind === "fasteners" && WASHERS.test(article) ? { code: "401693", agrees: ["401693"] } : undefined),
  },
];

const KINDS: { kind: MetalArticle; re: RegExp; also?: RegExp }[] = [
  // a fitting word other than "fittings" needs a word of pipes or tubes in the line
  { kind: "tube or pipe fittings", re: FITTINGS },
  { kind: "tube or pipe fittings", re: FITTING_WORDS, also: PIPE_WORDS },
  { kind: "fasteners", re: NUTS },
  { kind: "fasteners", re: WASHERS },
  { kind: "fasteners", re: RIVETS },
  { kind: "fasteners", re: COTTERS },
  { kind: "fasteners", re: SCREWS_OR_BOLTS },
  { kind: "nails", re: NAILS },
  { kind: "chain", re: CHAIN },
  { kind: "springs", re: SPRINGS },
  { kind: "wire cloth, netting or fencing", re: MESH },
  { kind: "hinges", re: /\bhinges?\b/i },
];
// hinges of any base metal are 8302.10; of plastics, fittings for furniture, doors and the like 3926.30
const hinge = (metal: Metal) =>
  metal === "rubber" ? undefined : metal === "plastics" ? { code: "392630", agrees: ["392630"] } : { code: "830210", agrees: ["830210"] };
// a line that names screws, bolts, nuts or washers is about them, whatever fitting it names them for ("flange bolts")
const NAMES_FITTINGS_ONLY = (text: string) => !SCREWS_OR_BOLTS.test(text) && !NUTS.test(text) && !WASHERS.test(text);

/**
 * The subheading of a fastener, a tube or pipe fitting, a chain, a spring, wire cloth or a hinge a description gives, where it
 * names such an article and the material it is made of; undefined where it names neither, a piece of jewellery, or only
 * a plating's or a part's material.
 */
export function readMetalArticle(text: string): MetalArticleReading | undefined {
  if (JEWELLERY.test(text)) return undefined;
  // the article named first ("hex head cap screw, neoprene washers": a screw, of no material read)
  let found: { kind: MetalArticle; article: string; at: number } | undefined;
  for (const { kind, re, also } of KINDS) {
    const article = text.match(re);
    if (!article || (also && !also.test(text))) continue;
    if (kind === "tube or pipe fittings" && !NAMES_FITTINGS_ONLY(text)) continue;
    if (kind === "wire cloth, netting or fencing" && MESH_GOODS.test(text)) continue;
    if (!found || article.index! < found.at) found = { kind, article: article[0].trim(), at: article.index! };
  }
  if (!found) return undefined;
  const { kind, article } = found;
  const named = materialsNamed(text, MATERIALS, NOT_THE_BODY);
  for (const first of named) {
    const read = kind === "hinges" ? hinge(first.material.metal) : first.material.read(kind, text, article, first.words);
    if (!read) continue;
    return { kind, ...read, material: first.material.metal, words: [...new Set([first.words, article])].join(" … ") };
  }
  return undefined;
}
