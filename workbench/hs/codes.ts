import type { Crosswalk } from "./crosswalk";
import { RESERVED_CHAPTERS, type Nomenclature } from "./nomenclature";

/** Lengths an HS-based code can have: chapter, heading, subheading, 8- and 10-digit national lines. */
export const CODE_LENGTHS = [2, 4, 6, 8, 10] as const;
export type CodeLength = (typeof CODE_LENGTHS)[number];

export type CodeProblem =
  "empty" | "format" | "length" | "ambiguous" | "unknown-chapter" | "reserved-chapter" | "unknown-heading" | "unknown-subheading";

export type CodeResult =
  { ok: true; code: string; /** set when the input was changed to get here */ fixed?: string } | { ok: false; problem: CodeProblem; reason: string };

export interface NormaliseOptions {
  /** The length the column is known to hold (e.g. 6 for HS6, 10 for national lines). */
  expectedLength?: CodeLength;
  /** When given, the result is also validated against it. */
  nomenclature?: Nomenclature;
  /** Lets validation name the HS 2022 successors of an HS 2017 code. */
  crosswalk?: Crosswalk;
}

const fail = (problem: CodeProblem, reason: string): CodeResult => ({ ok: false, problem, reason });

/** How a reason asks for the column's code length (NormaliseOptions.expectedLength), which repairs what a spreadsheet did. */
export const SAY_CODE_LENGTH = "say which length the column holds";

/**
 * Turns a user-written code into canonical digits: "0101.21", "0101 21", "0101-21-00" → digits only.
 * A code a spreadsheet turned into a number lost its leading zero ("10121"); it is repaired only when
 * the expected length says exactly one digit is missing, and (with a nomenclature) the repaired code exists.
 */
export function normaliseCode(input: unknown, options: NormaliseOptions = {}): CodeResult {
  const shown = describe(input);
  if (input === null || input === undefined) return fail("empty", "the code is empty");
  if (typeof input === "number") {
    if (!Number.isFinite(input) || input < 0) return fail("format", `${shown} is not a code`);
    input = String(input);
  }
  if (typeof input !== "string") return fail("format", `${shown} is not text`);
  const raw = input.trim().replace(/^'/, "");
  if (raw === "") return fail("empty", "the code is empty");
  if (/^\d+(\.\d+)?e\+?\d+$/i.test(raw)) {
    return fail("format", `${shown} is a number in scientific notation: a spreadsheet converted the code; export the column as text`);
  }
  const { expectedLength } = options;
  let digits: string;
  let fixed: string | undefined;
  // A spreadsheet shows 0101.10 as the number 101.1: both zeros are lost, but the dot tells where.
  const decimal = /^(\d{1,4})[.,](\d{1,6})$/.exec(raw);
  if (decimal && decimal[1]!.length < 4) {
    if (!expectedLength) {
      return fail("ambiguous", `${shown} looks like a code a spreadsheet turned into a number; ${SAY_CODE_LENGTH}`);
    }
    const head = decimal[1]!.padStart(4, "0");
    if (decimal[1]!.length !== 3 || decimal[2]!.length > expectedLength - 4)
      return fail("ambiguous", `${shown}: the heading part has ${decimal[1]!.length} digits, expected 4`);
    const tail = decimal[2]!.padEnd(expectedLength - 4, "0");
    digits = head + tail;
    fixed = `read ${shown} as a number that lost its zeros`;
  } else {
    const bad = raw.match(/[^\d.\s-]/);
    if (bad) {
      return fail("format", `${shown} contains '${bad[0]}': a code has only digits, optionally grouped by '.', ' ' or '-'`);
    }
    digits = raw.replace(/[.\s-]/g, "");
    if (digits === "") return fail("empty", `${shown} has no digits`);
  }
  if (expectedLength && digits.length === expectedLength - 1) {
    digits = "0" + digits;
    fixed = `added the leading zero a spreadsheet dropped (${shown} → ${digits})`;
  } else if (expectedLength && digits.length !== expectedLength) {
    return fail(
      digits.length < expectedLength - 1 ? "ambiguous" : "length",
      `${shown} has ${digits.length} digits, expected ${expectedLength}` +
        (digits.length < expectedLength - 1 ? ": more than one digit is missing, so it cannot be repaired safely" : ""),
    );
  } else if (!expectedLength && digits.length % 2 === 1) {
    return fail(
      "length",
      `${shown} has ${digits.length} digits; HS codes have 2, 4, 6, 8 or 10. If a spreadsheet dropped a leading zero, ${SAY_CODE_LENGTH}`,
    );
  }
  if (!options.nomenclature) {
    const lengthProblem = checkLength(digits, shown);
    return lengthProblem ?? { ok: true, code: digits, ...(fixed ? { fixed } : {}) };
  }
  const validated = validateCode(digits, options.nomenclature, options.crosswalk);
  if (!validated.ok && fixed) {
    return fail(validated.problem, `${validated.reason} (after repairing ${shown})`);
  }
  return validated.ok && fixed ? { ...validated, fixed } : validated;
}

function checkLength(digits: string, shown: string): CodeResult | null {
  if (!(CODE_LENGTHS as readonly number[]).includes(digits.length)) {
    return fail("length", `${shown} has ${digits.length} digits; HS codes have 2, 4, 6, 8 or 10`);
  }
  return null;
}

/**
 * Checks canonical digits against the nomenclature and says why a code is invalid.
 * 8- and 10-digit national lines are checked down to their HS 6-digit subheading.
 */
export function validateCode(code: string, nomenclature: Nomenclature, crosswalk?: Crosswalk): CodeResult {
  const shown = describe(code);
  if (code === "") return fail("empty", "the code is empty");
  if (!/^\d+$/.test(code)) return fail("format", `${shown} contains characters other than digits`);
  const lengthProblem = checkLength(code, shown);
  if (lengthProblem) return lengthProblem;
  const chapter = code.slice(0, 2);
  if (RESERVED_CHAPTERS.has(chapter)) {
    return fail("reserved-chapter", `${shown}: chapter ${chapter} is reserved for possible future use and holds no goods`);
  }
  if (!nomenclature.has(chapter)) {
    return fail("unknown-chapter", `${shown}: chapter ${chapter} does not exist (chapters run 01–97, without 77)`);
  }
  if (code.length >= 4 && !nomenclature.has(code.slice(0, 4))) {
    return fail("unknown-heading", `${shown}: heading ${code.slice(0, 4)} does not exist in ${nomenclature.edition} chapter ${chapter}`);
  }
  if (code.length >= 6) {
    const hs6 = code.slice(0, 6);
    if (!nomenclature.has(hs6)) {
      const successors = [...new Set(crosswalk?.isHs2017(hs6) ? crosswalk.toHs2022(hs6) : [])];
      const listed = successors.length > 4 ? `${successors.slice(0, 4).join(", ")} and ${successors.length - 4} more` : successors.join(", ");
      const hint = successors.length ? `; it is an HS2017 code, replaced by ${listed}` : "";
      return fail("unknown-subheading", `${shown}: subheading ${hs6} is not in ${nomenclature.edition} heading ${code.slice(0, 4)}${hint}`);
    }
  }
  return { ok: true, code };
}

/** How a value is quoted in a message: long input is cut, so a 100 kB cell does not become a 100 kB message. */
function describe(input: unknown): string {
  if (typeof input === "string")
    return input.length > 40 ? `'${input.slice(0, 24)}…' (${input.length.toLocaleString("en")} characters)` : `'${input}'`;
  const text = String(input);
  return text.length > 40 ? `${text.slice(0, 24)}…` : text;
}
