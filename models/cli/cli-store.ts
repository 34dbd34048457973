import { getEnv } from "../../app/env.server";
import { openStore, type Store } from "../../app/store/boot.server";

let store: Store | undefined;

/** The registry of the data directory (WORKBENCH_DATA_DIR), opened and migrated once per CLI run. */
export function cliStore(): Store {
  store ??= openStore(getEnv());
  return store;
}
