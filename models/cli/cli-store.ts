import { getEnv } from "../../workbench/config/env";
import { openStore, type Store } from "../../workbench/store/boot";

let store: Store | undefined;

/** The registry of the data directory (WORKBENCH_DATA_DIR), opened and migrated once per CLI run. */
export function cliStore(): Store {
  store ??= openStore(getEnv());
  return store;
}
