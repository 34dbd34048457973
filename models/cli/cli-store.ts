import { getEnv } from "../../workbench/config/env";
import { openStore, type Store } from "../../workbench/store/boot";
import type { PredictorOf } from "../../workbench/evaluation/predictor";
import { classifierOf } from "../hs-classifier/registered-classifier";
import { withRemote } from "../remote/remote-version";

let store: Store | undefined;

/** The registry of the data directory (WORKBENCH_DATA_DIR), opened and migrated once per CLI run. */
export async function cliStore(): Promise<Store> {
  store ??= await openStore(getEnv());
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
