import { readFileSync } from "node:fs";
import type { Actor } from "../../workbench/store/audit";
import { tokenCredential } from "../../workbench/store/tokens";
import type { User } from "../../workbench/store/users";
import { cliStore as store } from "./cli-store";
import { UsageError } from "./command";

// A token never goes on the command line (it would show in `ps` and the shell history): WORKBENCH_TOKEN or stdin.
export const TOKEN_OPTION = {
  "token-stdin": { type: "boolean", describe: "read the acting user's API token from standard input (default: WORKBENCH_TOKEN)" },
} as const;

/** The acting user: the owner of the API token in WORKBENCH_TOKEN or on stdin (create one with `workbench token create`). */
export async function actingUser(values: Record<string, unknown>): Promise<{ user: User; actor: Actor }> {
  const token = values["token-stdin"] ? readFileSync(0, "utf8").trim() : process.env.WORKBENCH_TOKEN;
  if (!token)
    throw new UsageError("who is acting? set WORKBENCH_TOKEN or pipe the token with --token-stdin (from `workbench token create --user NAME`)");
  const found = await tokenCredential((await store()).db, token);
  if (!found) throw new UsageError("the token is unknown, revoked or expired");
  return { user: found.user, actor: { id: found.user.id, username: found.user.username, client: "cli", credential: found.credential } };
}
