import { promotionCommands } from "./promotion-commands";
import { EnvError } from "../../workbench/config/env";
import { UserError } from "../../workbench/store/users";
import { RegistryError } from "../../workbench/registry/model-registry";
import { adminCommands } from "./admin-commands";
import { modelCommands } from "./model-commands";
import { importCommands } from "./import-commands";
import { extractCommands } from "./extract-commands";
import { parse, UsageError, type Command } from "./command";

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
  const options = Object.entries(c.options).map(([name, o]) => `  --${name}${o.type === "string" ? " VALUE" : ""}`);
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
    const group = COMMANDS.filter((c) => c.name.startsWith(`${argv[0]} `));
    console.error(
      group.length
        ? `Unknown ${argv[0]} command '${argv.slice(1).join(" ")}'. Try: ${group.map((c) => c.name).join(", ")}`
        : `Unknown command '${argv.join(" ")}'. Run \`npx workbench --help\` for the list.`,
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
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
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
    throw error;
  }
}
