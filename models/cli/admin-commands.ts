import { userInfo } from "node:os";
import type { Actor } from "../../workbench/store/audit";
import { cliStore as store } from "./cli-store";
import { migrate } from "../../workbench/store/db";
import { generatePassword } from "../../workbench/store/password";
import { createToken, listTokens, revokeToken } from "../../workbench/store/tokens";
import { createUser, findUserByUsername, listUsers, roleSchema, setPassword, setRole } from "../../workbench/store/users";
import { JSON_OPTION, printTable, required, UsageError, type Command } from "./command";

/** days an API token created by the CLI works, unless asked otherwise */
const TOKEN_DAYS = 90;

/** Who is acting, for the audit log: the operating-system account that ran the CLI. */
const cliActor = (): Actor => ({ id: null, username: `cli:${userInfo().username}`, client: "cli" });

function roleOption(values: Record<string, unknown>) {
  const role = roleSchema.safeParse(required(values, "role"));
  if (!role.success) throw new UsageError(role.error.issues[0]!.message);
  return role.data;
}

async function userByName(username: string) {
  const user = await findUserByUsername((await store()).db, username);
  if (!user) throw new UsageError(`no user named '${username}' (see \`workbench users list\`)`);
  return user;
}

export const adminCommands: Command[] = [
  {
    name: "db migrate",
    summary: "Create or upgrade the registry database in the data directory",
    usage: "workbench db migrate",
    options: {},
    async run() {
      const { db, dataDir } = await store();
      // openStore has migrated already; running again reports an up-to-date schema.
      const { applied } = await migrate(db);
      const version = await db.value("SELECT MAX(version) FROM schema_migrations");
      console.log(`${dataDir}: schema version ${version}${applied.length ? ` (applied ${applied.join(", ")})` : ", up to date"}`);
      return 0;
    },
  },
  {
    name: "users list",
    summary: "List users and their roles",
    usage: "workbench users list [--json]",
    options: { ...JSON_OPTION },
    async run(values) {
      const users = await listUsers((await store()).db);
      if (values.json) console.log(JSON.stringify(users, null, 2));
      else
        printTable(
          ["username", "role", "name", "state", "created"],
          users.map((u) => [u.username, u.role, u.displayName, u.disabled ? "disabled" : "active", u.createdAt]),
        );
      return 0;
    },
  },
  {
    name: "users create",
    summary: "Create a user (a password is generated and printed unless --password is given)",
    usage: "workbench users create --username NAME --role admin|analyst|viewer [--display-name TEXT] [--password TEXT] [--json]",
    options: {
      username: { type: "string", describe: "the name to sign in with" },
      role: { type: "string", describe: "admin, analyst or viewer" },
      "display-name": { type: "string", describe: "the name shown in the app and the audit log (default: the username)" },
      password: { type: "string", describe: "the first password (default: one generated and printed once)" },
      ...JSON_OPTION,
    },
    async run(values) {
      const role = roleOption(values);
      const password = (values.password as string | undefined) ?? generatePassword();
      const user = await createUser(
        (await store()).db,
        { username: required(values, "username"), role, displayName: values["display-name"] as string | undefined, password },
        cliActor(),
        // the CLI is the operator's break-glass path (SECURITY.md): whoever holds the data directory holds the registry
        { breakGlass: true },
      );
      if (values.json) console.log(JSON.stringify({ user, password: values.password ? undefined : password }, null, 2));
      else console.log(`Created ${user.username} (${user.role}).${values.password ? "" : ` Password: ${password}`}`);
      return 0;
    },
  },
  {
    name: "users set-role",
    summary: "Change a user's role",
    usage: "workbench users set-role --username NAME --role admin|analyst|viewer",
    options: {
      username: { type: "string", describe: "whose role changes" },
      role: { type: "string", describe: "the new role: admin, analyst or viewer" },
    },
    async run(values) {
      const role = roleOption(values);
      const user = await setRole((await store()).db, (await userByName(required(values, "username"))).id, role, cliActor(), { breakGlass: true });
      console.log(`${user.username} is now ${user.role}.`);
      return 0;
    },
  },
  {
    name: "users set-password",
    summary: "Set a user's password (generated and printed unless --password is given)",
    usage: "workbench users set-password --username NAME [--password TEXT]",
    options: {
      username: { type: "string", describe: "whose password changes" },
      password: { type: "string", describe: "the new password (default: one generated and printed once)" },
    },
    async run(values) {
      const user = await userByName(required(values, "username"));
      const password = (values.password as string | undefined) ?? generatePassword();
      await setPassword((await store()).db, user.id, password, cliActor());
      console.log(`Password of ${user.username} changed.${values.password ? "" : ` New password: ${password}`}`);
      return 0;
    },
  },
  {
    name: "token create",
    summary: "Create an API bearer token for a user (shown once; only its hash is stored)",
    usage: `workbench token create --user NAME [--name LABEL] [--expires-days N|never (default ${TOKEN_DAYS})] [--json]`,
    options: {
      user: { type: "string", describe: "the username the token acts as (its role decides what it may do)" },
      name: { type: "string", describe: "a label to tell tokens apart in `token list` (default: cli and today's date)" },
      "expires-days": { type: "string", describe: `days until it stops working, 1 to 3650, or never (default ${TOKEN_DAYS})` },
      ...JSON_OPTION,
    },
    async run(values) {
      const user = await userByName(required(values, "user"));
      // a credential that is forgotten should not work for ever: it expires unless "never" is asked for (audited as such)
      const asked = (values["expires-days"] as string | undefined) ?? String(TOKEN_DAYS);
      const days = asked === "never" ? undefined : Number(asked);
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650)) {
        throw new UsageError(`--expires-days must be a whole number of days from 1 to 3650, or never (got ${asked})`);
      }
      const label = (values.name as string | undefined) ?? `cli ${new Date().toISOString().slice(0, 10)}`;
      const { token, info } = await createToken((await store()).db, user.id, label, cliActor(), days);
      if (values.json) console.log(JSON.stringify({ token, ...info }, null, 2));
      else {
        console.log(`Token for ${user.username} (${user.role}), id ${info.id}, ${info.expiresAt ? `expires ${info.expiresAt}` : "never expires"}:`);
        console.log(token);
        console.log("Store it now: it cannot be shown again. Use it as 'Authorization: Bearer <token>'.");
      }
      return 0;
    },
  },
  {
    name: "token list",
    summary: "List API tokens (never the tokens themselves)",
    usage: "workbench token list [--user NAME] [--json]",
    options: { user: { type: "string", describe: "only this user's tokens (default: everyone's)" }, ...JSON_OPTION },
    async run(values) {
      const db = (await store()).db;
      const userId = values.user ? (await userByName(values.user as string)).id : undefined;
      const tokens = await listTokens(db, userId);
      const names = new Map((await listUsers(db)).map((u) => [u.id, u.username]));
      if (values.json) console.log(JSON.stringify(tokens, null, 2));
      else
        printTable(
          ["id", "user", "name", "prefix", "created", "expires", "last used", "revoked"],
          tokens.map((t) => [t.id, names.get(t.userId) ?? t.userId, t.name, t.prefix + "…", t.createdAt, t.expiresAt, t.lastUsedAt, t.revokedAt]),
        );
      return 0;
    },
  },
  {
    name: "token revoke",
    summary: "Revoke an API token by id",
    usage: "workbench token revoke --id N",
    options: { id: { type: "string", describe: "the token's id, as `token list` shows it" } },
    async run(values) {
      const id = Number(required(values, "id"));
      if (!Number.isInteger(id) || id < 1) throw new UsageError("--id must be a token id (see `workbench token list`)");
      await revokeToken((await store()).db, id, cliActor());
      console.log(`Token ${id} revoked.`);
      return 0;
    },
  },
];
