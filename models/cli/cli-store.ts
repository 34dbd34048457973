import { getEnv } from "../../workbench/config/env";
import { openStore, type Store } from "../../workbench/store/boot";
import { repoRoot } from "../../workbench/hs/load-fixtures";
import { seedModelVersions } from "../../workbench/registry/seed-models";
import type { PredictorOf } from "../../workbench/evaluation/predictor";
import { classifierOf } from "../hs-classifier/registered-classifier";
import { withRemote } from "../remote/remote-version";

let store: Store | undefined;

/**
 * The registry of the data directory (WORKBENCH_DATA_DIR), opened and migrated once per CLI run, with the shipped model
 * versions registered as a server start registers them (WORKBENCH_SEED_DEMO): `workbench predict` works on a fresh
 * checkout before the server ever started. Demo accounts are left to the server, which prints their passwords.
 */
export async function cliStore(): Promise<Store> {
  if (!store) {
    const env = getEnv();
    const opened = await openStore(env);
    if (env.WORKBENCH_SEED_DEMO) {
      // under the lock a server start seeds under: instances and CLI runs starting together register each version once
      const { refused } = await opened.db.exclusive("seed", () => seedModelVersions(opened.db, repoRoot()));
      for (const r of refused) console.error(`Refused a shipped model artifact: ${r}`);
    }
    store = opened;
  }
  return store;
}

/**
 * Closes the registry if this run opened it: a PostgreSQL pool keeps idle connections for 10 s, and the process would
 * wait for them after its command had finished.
 */
export async function closeCliStore(): Promise<void> {
  const opened = store;
  store = undefined;
  await opened?.db.close();
}

/** Predictors for the CLI: trained versions loaded in this process, remote versions through their endpoints. */
export const cliPredictorOf: PredictorOf = async (version) => withRemote(await cliStore(), classifierOf)(version);
