// Server-side extracts on the command line: register a folder of the extracts folder (admin, as the token's user) and
// list them.
import { getEnv } from "../../workbench/config/env";
import {
  extractPredictionsRoot,
  extractsRoot,
  listServerExtracts,
  registerServerExtract,
  removeServerExtract,
} from "../../workbench/registry/server-extracts";
import { actingUser, TOKEN_OPTION } from "./acting-user";
import { cliStore as store } from "./cli-store";
import { JSON_OPTION, required, type Command } from "./command";

export const extractCommands: Command[] = [
  {
    name: "extracts register",
    summary: "Make a folder of Parquet or CSV files (inside WORKBENCH_EXTRACTS_DIR) a server-side extract (admin)",
    usage: "workbench extracts register --name NAME --folder FOLDER [--token-stdin] [--json]",
    options: {
      name: { type: "string", describe: "the extract's name on the Explore page and in the API" },
      folder: { type: "string", describe: "the folder of its files, relative to WORKBENCH_EXTRACTS_DIR" },
      ...JSON_OPTION,
      ...TOKEN_OPTION,
    },
    async run(values) {
      const { user, actor } = await actingUser(values);
      const extract = await registerServerExtract(
        (await store()).db,
        { name: required(values, "name"), folder: required(values, "folder") },
        user,
        actor,
        extractsRoot(getEnv()),
      );
      console.log(
        values.json
          ? JSON.stringify(extract, null, 2)
          : `Registered ${extract.name}: ${extract.files} ${extract.format} file(s) in ${extract.folder}.`,
      );
      return 0;
    },
  },
  {
    name: "extracts remove",
    summary: "Remove a server-side extract from the registry, with its predictions (admin); its folder stays",
    usage: "workbench extracts remove --name NAME [--token-stdin]",
    options: { name: { type: "string", describe: "the extract's name, as `extracts list` shows it" }, ...TOKEN_OPTION },
    async run(values) {
      const { user, actor } = await actingUser(values);
      const name = required(values, "name");
      const { files } = await removeServerExtract((await store()).db, name, user, actor, extractPredictionsRoot(getEnv()));
      console.log(`Removed ${name} from the registry (${files} predictions file(s) deleted); its folder is untouched.`);
      return 0;
    },
  },
  {
    name: "extracts list",
    summary: "List the server-side extracts",
    usage: "workbench extracts list [--json]",
    options: { ...JSON_OPTION },
    async run(values) {
      const extracts = await listServerExtracts((await store()).db);
      if (values.json) console.log(JSON.stringify(extracts, null, 2));
      else for (const e of extracts) console.log(`${e.name}\t${e.format}\t${e.files} file(s)\t${e.folder}\t${e.registeredBy}\t${e.registeredAt}`);
      return 0;
    },
  },
];
