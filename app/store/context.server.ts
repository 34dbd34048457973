import { getEnv } from "../../workbench/config/env";
import { openStore, type Store } from "../../workbench/store/boot";

// One store per server process; the start script has already migrated and seeded it.
let store: Store | undefined;

export function getStore(): Store {
  store ??= openStore(getEnv());
  return store;
}

export const getDb = () => getStore().db;
