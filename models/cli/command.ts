import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { isShippedSet, SHIPPED_SET_IDS, type ShippedSetId } from "../../workbench/evaluation/evaluation-sets";
import { pct } from "../../workbench/text/format";
import { nearest } from "../../workbench/text/nearest";

/** A command's options: how parseArgs reads each, and what `--help` says it is for. */
export type Options = Record<string, NonNullable<ParseArgsConfig["options"]>[string] & { describe: string }>;

/** The option most commands share. */
export const JSON_OPTION = { json: { type: "boolean", describe: "print the result as JSON, for scripts" } } as const;

export interface Command {
  /** e.g. "users create" */
  name: string;
  summary: string;
  usage: string;
  options: Options;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number> | number;
}

/** A mistake in how the command was called: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** An input file that cannot be read as expected: one line naming the file and what was wrong (exit 1). */
export class InputError extends Error {
  override name = "InputError";
}

export function parse(command: Command, argv: string[]) {
  try {
    const options = Object.fromEntries(Object.entries(command.options).map(([name, { describe: _, ...option }]) => [name, option]));
    return parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (error) {
    const unknown = (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && /'(-[^']*)'/.exec((error as Error).message)?.[1];
    if (unknown) throw new UsageError(unknownOption(unknown, Object.keys(command.options)));
    throw new UsageError((error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ""));
  }
}

/**
 * An option the command does not take, with the one it probably meant or the ones it takes: Node's own message tells
 * how to pass a positional argument starting with '-', which no command here has.
 */
function unknownOption(given: string, names: readonly string[]): string {
  const near = nearest(given.replace(/^-+/, "").split("=")[0]!, names);
  if (near) return `unknown option ${given}: did you mean --${near}?`;
  return `unknown option ${given} (the options are ${names.map((n) => `--${n}`).join(", ")}, --help)`;
}

export function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value;
}

/** Accuracy as the Models page and the CLI's tables give it: chapter / HS6 top-1 / HS6 top-5. */
export const accuracyFigures = (accuracy: Record<string, Record<string, number>>) =>
  `${pct(accuracy.hs2?.top1)} / ${pct(accuracy.hs6?.top1)} / ${pct(accuracy.hs6?.top5)}`;

/** --set: one of the built-in evaluation sets, or undefined when not given. */
export function setOption(values: Record<string, unknown>): ShippedSetId | undefined {
  const id = values.set as string | undefined;
  if (id !== undefined && !isShippedSet(id)) {
    const meant = nearest(id, SHIPPED_SET_IDS);
    throw new UsageError(`--set must be one of ${SHIPPED_SET_IDS.join(", ")} (got '${id}'${meant ? `: did you mean ${meant}?` : ""})`);
  }
  return id;
}

/**
 * An output file the command can write: its folder must exist (checked before any work, so a long run does not end
 * on a wrong path) and the path must not be a folder.
 */
export function outputFile(values: Record<string, unknown>, name: string): string {
  const path = required(values, name);
  const folder = statSync(dirname(resolve(path)), { throwIfNoEntry: false });
  if (!folder?.isDirectory()) throw new UsageError(`--${name}: the folder ${dirname(path)} does not exist`);
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--${name}: ${path} is a folder; give a file name`);
  return path;
}

/** Prints a table of rows with aligned columns. */
export function printTable(header: string[], rows: (string | number | null)[][]): void {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === null ? "" : String(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  for (const [index, row] of cells.entries()) {
    console.log(
      row
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    );
    if (index === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}
