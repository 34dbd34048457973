import { getEnv } from "../../workbench/config/env";
import { openStore, type Store } from "../../workbench/store/boot";

// One store per server process, opened (migrated, seeded) by `prepare` before the server listens.
let store: Store | undefined;

export async function openServerStore(): Promise<Store> {
  store ??= await openStore(getEnv());
  return store;
}

export function getStore(): Store {
  if (!store) throw new Error("the store is opened by prepare() before requests are served");
  return store;
}

export const getDb = () => getStore().db;
