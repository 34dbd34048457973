import { getEnv } from "../env.server";
import { openStore, type Store } from "./boot.server";

// One store per server process; the start script has already migrated and seeded it.
let store: Store | undefined;

export function getStore(): Store {
  store ??= openStore(getEnv());
  return store;
}

export const getDb = () => getStore().db;
