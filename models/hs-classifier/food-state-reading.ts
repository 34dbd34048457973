// Fruit, nuts and vegetables are classified by the state they are in before what they are: fresh or chilled in
// chapters 07 and 08 (07.01–07.09, 08.01–08.10), frozen in 07.10 and 08.11, dried in 07.12, 07.13 and 08.13 (or in
// 08.01–08.06, whose texts say "fresh or dried"), and prepared in chapter 20: by vinegar 20.01, tomatoes 20.02,
// mushrooms 20.03, other vegetables 20.04 (frozen) and 20.05, jams 20.07, fruit and nuts otherwise prepared (canned, in
// syrup, roasted) 20.08, juices 20.09. A search finds the many short lines that name the fruit ("Strawberries") before
// the few that name it in its state, so "Frozen strawberries" and "Strawberry jam" were fresh strawberries. Read here:
// the state a description names, in English (a foreign line through the English its words were read as); hs-combined
// from 1.29.0 gives a line whose best code is a fruit, nut or vegetable in another state the best code it has in the
// headings the state gives. Browser-safe.

export type FoodKind = "fruit" | "nut" | "vegetable";

export interface FoodStateReading {
  /** the state, in the nomenclature's words */
  state: "juice" | "jam" | "yoghurt" | "prepared by vinegar" | "canned or otherwise prepared" | "roasted" | "dried" | "frozen" | "fresh";
  /** the words of the description that say so, as written (a foreign line's: the English its words were read as) */
  words: string;
}

// the states, the first named wins: the product a line names before the state of its fruit ("orange juice
// concentrate frozen" is juice, "sun-dried tomatoes in oil" prepared, "frozen yoghurt" not a frozen fruit)
// `headings`: per kind, where the state puts the goods; `also`: headings a best code may be in that the state does not
// contradict (frozen French fries are prepared vegetables of 20.04, dried mangoes 08.04's "fresh or dried", roots and
// tubers of 07.14 "fresh, chilled, frozen or dried")
const STATES: readonly {
  state: FoodStateReading["state"];
  pattern: RegExp;
  headings: Partial<Record<FoodKind, readonly string[]>>;
  also?: Partial<Record<FoodKind, readonly string[]>>;
  /** where the state puts goods whose best code is one of `codes`, if elsewhere than `headings` */
  prepared?: { codes: readonly string[]; headings: readonly string[] };
}[] = [
  {
    state: "juice",
    pattern:
      /(?<!\bin\s+(?:(?:its\s+)?own\s+)?)\b(?:juices?|nectars?)\b(?!\s*(?:extractors?|machines?|press(?:es)?|makers?|dispensers?|glass(?:es)?|jugs?|cups?|bottles?|boxes?))/i,
    headings: { fruit: ["2009"], vegetable: ["2009"] },
  },
  { state: "jam", pattern: /\b(?:jams?|marmalades?|jell(?:y|ies)|fruit spreads?|fruit preserves?|confitures?)\b/i, headings: { fruit: ["2007"] } },
  { state: "yoghurt", pattern: /\b(?:yogh?o?urts?|kefir)\b/i, headings: { fruit: ["0403"], nut: ["0403"] } },
  { state: "prepared by vinegar", pattern: /\b(?:pickled|pickles?|in vinegar)\b/i, headings: { vegetable: ["2001"], fruit: ["2001"] } },
  {
    state: "canned or otherwise prepared",
    pattern: /\b(?:canned|tinned|in (?:light |heavy )?syrup|in brine|in (?:olive |sunflower |vegetable )?oil|in (?:its own )?juice)\b/i,
    headings: { fruit: ["2008", "2006"], nut: ["2008"], vegetable: ["2005", "2002", "2003", "2001"] },
  },
  { state: "roasted", pattern: /\b(?:roasted|toasted|salted|honey[\s-]roasted|caramel(?:i[sz]ed)?|fried)\b/i, headings: { nut: ["2008"] } },
  {
    state: "dried",
    pattern: /\b(?:dried|dehydrated|sun[\s-]dried|freeze[\s-]dried|desiccated)\b/i,
    headings: { fruit: ["0813"], nut: ["0801", "0802"], vegetable: ["0712", "0713"] },
    also: { fruit: ["0801", "0802", "0803", "0804", "0805", "0806"], vegetable: ["0714"] },
  },
  {
    state: "frozen",
    pattern: /\b(?:frozen|iqf|deep[\s-]frozen)\b/i,
    headings: { fruit: ["0811"], nut: ["0811"], vegetable: ["0710"] },
    also: { vegetable: ["2004", "0714"] },
    // prepared potatoes (20.05.20: "patatas fritas") frozen are 20.04's; other vegetables' 20.05 codes are often
    // only near ("Frozen peas" were canned peas), and frozen they are 07.10's
    prepared: { codes: ["200520"], headings: ["2004"] },
  },
  {
    state: "fresh",
    pattern: /\b(?:fresh|chilled)\b/i,
    headings: {
      fruit: ["0801", "0802", "0803", "0804", "0805", "0806", "0807", "0808", "0809", "0810"],
      nut: ["0801", "0802"],
      vegetable: ["0701", "0702", "0703", "0704", "0705", "0706", "0707", "0708", "0709"],
    },
    also: { vegetable: ["0714"] },
  },
];

const NOT_IN_STATE = /\b(?:not|non|other than|except)[\s-]*(?:frozen|dried|fresh|canned|roasted|chilled)\b|\bun(?:frozen|roasted)\b/gi;

const between = (heading: string, from: string, to: string) => heading >= from && heading <= to;

/** What a code's goods are, where it is a fruit's, a nut's or a vegetable's in one of their states, else undefined. */
export function foodKind(code: string): FoodKind | undefined {
  const heading = code.slice(0, 4);
  if (heading === "0801" || heading === "0802" || heading === "1202" || code === "200811" || code === "200819") return "nut";
  if (between(heading, "0803", "0814") || between(heading, "2006", "2009")) return "fruit";
  if (between(heading, "0701", "0714") || between(heading, "2001", "2005")) return "vegetable";
  return undefined;
}

/** The state of fruit, nuts or vegetables a description names (the first of STATES it says), or undefined. */
export function readFoodState(text: string): FoodStateReading | undefined {
  // a state the line says the goods are not in says nothing ("prep/pres, not frozen", "non-frozen")
  const said = text.replace(NOT_IN_STATE, " ");
  for (const { state, pattern } of STATES) {
    const words = said.match(pattern)?.[0];
    if (words) return { state, words };
  }
  return undefined;
}

/**
 * The headings the state gives the goods of a line whose best code is `code`, or undefined where that code is no
 * fruit's, nut's or vegetable's, the state says nothing of its kind, or it is in one of them already.
 */
export function foodStateHeadings(reading: FoodStateReading, code: string): readonly string[] | undefined {
  const kind = foodKind(code);
  const state = STATES.find((s) => s.state === reading.state)!;
  const headings = kind && (state.prepared?.codes.includes(code) ? state.prepared.headings : state.headings[kind]);
  const heading = code.slice(0, 4);
  return headings && !headings.includes(heading) && !state.also?.[kind!]?.includes(heading) ? headings : undefined;
}

/**
 * What a person is told where the top code is in a heading the state gives its kind of goods: "frozen (“Frozen”) →
 * 08.11", also where the members' best code was there already; null where it is not (the state says nothing of those
 * goods, or no code the members named was in its headings).
 */
export function describeFoodState(reading: FoodStateReading, top: string): string | null {
  const kind = foodKind(top);
  const state = STATES.find((s) => s.state === reading.state)!;
  const heading = top.slice(0, 4);
  const gives = kind && (state.headings[kind]?.includes(heading) || state.prepared?.headings.includes(heading));
  return gives ? `${reading.state} (“${reading.words}”) → ${heading.slice(0, 2)}.${heading.slice(2)}` : null;
}
