import { promotionCommands } from "./promotion-commands";
import { EnvError } from "../../workbench/config/env";
import { UserError } from "../../workbench/store/users";
import { RegistryError } from "../../workbench/registry/model-registry";
import { adminCommands } from "./admin-commands";
import { modelCommands } from "./model-commands";
import { importCommands } from "./import-commands";
import { extractCommands } from "./extract-commands";
import { parse, UsageError, type Command } from "./command";
import { nearest } from "../../workbench/text/nearest";

// Later capabilities (compare, promote, audit) add their commands here.
export const COMMANDS: Command[] = [...adminCommands, ...modelCommands, ...importCommands, ...promotionCommands, ...extractCommands];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "HS Model Workbench CLI",
    "",
    "Usage: npx workbench <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Every command takes --help. Data directory: WORKBENCH_DATA_DIR (default ./data).",
  ].join("\n");
}

function helpOf(c: Command): string {
  const named = Object.entries(c.options).map(([name, o]) => [`--${name}${o.type === "string" ? " VALUE" : ""}`, o.describe] as const);
  const width = Math.max(0, ...named.map(([name]) => name.length));
  const options = named.map(([name, describe]) => `  ${name.padEnd(width)}  ${describe}`);
  return [`${c.summary}`, "", `Usage: ${c.usage}`, ...(options.length ? ["", "Options:", ...options] : [])].join("\n");
}

/** Runs the CLI; returns the exit code (0 ok, 1 failed, 2 wrong usage). */
export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    console.log(overview());
    return argv.length === 0 ? 2 : 0;
  }
  // Longest match first, so "users create" wins over a hypothetical "users".
  const command = [...COMMANDS]
    .sort((a, b) => b.name.split(" ").length - a.name.split(" ").length)
    .find((c) => c.name.split(" ").every((word, i) => argv[i] === word));
  if (!command) {
    // the words before the first option are the command asked for
    const firstOption = argv.findIndex((a) => a.startsWith("-"));
    const words = firstOption < 0 ? argv : argv.slice(0, firstOption);
    const meant = nearest(
      words.join(" "),
      COMMANDS.map((c) => c.name).filter((name) => name.split(" ").length === words.length),
    );
    const group = COMMANDS.filter((c) => c.name.startsWith(`${argv[0]} `));
    console.error(
      meant
        ? `Unknown command '${words.join(" ")}': did you mean \`workbench ${meant}\`?`
        : group.length
          ? `Unknown ${argv[0]} command '${words.slice(1).join(" ")}'. Try: ${group.map((c) => c.name).join(", ")}`
          : words.length
            ? `Unknown command '${words.join(" ")}'. Run \`npx workbench --help\` for the list.`
            : `Give a command before its options. Run \`npx workbench --help\` for the list.`,
    );
    return 2;
  }
  const rest = argv.slice(command.name.split(" ").length);
  try {
    const { values, positionals } = parse(command, rest);
    if (values.help) {
      console.log(helpOf(command));
      return 0;
    }
    if (positionals.length) {
      // "audit verfy" is the command "audit" with an argument, but meant "audit verify"
      const meant = nearest(
        `${command.name} ${positionals[0]}`,
        COMMANDS.map((c) => c.name),
      );
      throw new UsageError(`unexpected argument '${positionals[0]}'${meant ? `: did you mean \`workbench ${meant}\`?` : ""}`);
    }
    return await command.run(values, positionals);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`workbench ${command.name}: ${error.message}\nUsage: ${command.usage}`);
      return 2;
    }
    if (
      error instanceof EnvError ||
      error instanceof UserError ||
      // every registry refusal (unknown version, predictions file asked for other lines, archive rules, …)
      error instanceof RegistryError ||
      (error instanceof Error &&
        ["ArtifactError", "RemoteError", "PromotionError", "ComparisonError", "StoreError", "InputError", "ServerExtractError"].includes(error.name))
    ) {
      console.error(`workbench ${command.name}: ${error.message}`);
      return 1;
    }
    if (error instanceof Error && error.name === "ZodError") {
      console.error(`workbench ${command.name}: ${(error as { issues?: { message: string }[] }).issues?.map((i) => i.message).join("; ")}`);
      return 1;
    }
    // a file the system refused (a full disk, no permission): what and where, in words
    const system = fileSystemProblem(error);
    if (system) {
      console.error(`workbench ${command.name}: ${system}`);
      return 1;
    }
    // anything else is a fault of ours: said here, with its stack, rather than left to escape (once TensorFlow.js'
    // WebAssembly is loaded, an escaped error is printed as a page of its minified source)
    console.error(`workbench ${command.name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: "no such file or folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a folder",
  ENOTDIR: "a part of the path is not a folder",
  ENOSPC: "no space left on the disk",
  EROFS: "the file system is read-only",
  EMFILE: "too many open files",
};

function fileSystemProblem(error: unknown): string | null {
  const e = error as { code?: unknown; path?: unknown; syscall?: unknown };
  if (typeof e?.code !== "string" || !(e.code in SYSTEM_ERRORS)) return null;
  return `cannot ${typeof e.syscall === "string" ? e.syscall : "use"} ${typeof e.path === "string" ? e.path : "a file"}: ${SYSTEM_ERRORS[e.code]}`;
}
