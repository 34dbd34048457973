// Built retrieval indexes kept in this browser (IndexedDB), by their retrieval.json's sha256: building one from its
// tariff lines took 2.4–3.0 s of every page that loaded a retrieval or combined version (Classify, the presenter story,
// Explore's predictions); read back it takes a fraction of that. The bytes are the server's cache layout
// (retrieval-postings-codec.ts) and only a hint: the index checks them against its own documents and is built again
// when they disagree. IndexedDB rather than OPFS or the Cache API: it is there on a plain-HTTP intranet address too.
import type { PostingsStore } from "../../models/hs-classifier/retrieval-model";
import { decodePostings, encodePostings } from "../../models/hs-classifier/retrieval-postings-codec";
import { useRecent } from "../../workbench/recently-used";

const DATABASE = "hs-workbench-retrieval-indexes";
/** the bytes, and apart from them when each was last used (marking a use does not write 43 MB again) */
const POSTINGS = "postings";
const USED = "used";
const STORES = [POSTINGS, USED];
/** indexes kept (hs-retrieval@1.6.0's is 43 MB): the least recently used goes first */
const KEPT = 3;
/** how long a load waits for the kept index before it builds its own (reading one back takes well under a second) */
const READ_WAIT_MS = 5_000;

interface Kept {
  sha256: string;
  bytes: Uint8Array;
}
interface Used {
  sha256: string;
  usedAt: number;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function open(version?: number): Promise<IDBDatabase> {
  const opening = indexedDB.open(DATABASE, version);
  opening.onupgradeneeded = () => {
    for (const name of STORES) if (!opening.result.objectStoreNames.contains(name)) opening.result.createObjectStore(name, { keyPath: "sha256" });
  };
  return request(opening);
}

async function openDatabase(): Promise<IDBDatabase> {
  const db = await open();
  if (STORES.every((name) => db.objectStoreNames.contains(name))) return db;
  // a database without its stores (opened by other code first, or an upgrade cut short) is upgraded to have them
  const next = db.version + 1;
  db.close();
  return open(next);
}

async function withStores<T>(mode: IDBTransactionMode, work: (postings: IDBObjectStore, used: IDBObjectStore) => Promise<T>): Promise<T> {
  const db = await openDatabase();
  try {
    const transaction = db.transaction(STORES, mode);
    const done = new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = transaction.onabort = () => reject(transaction.error ?? new Error("the browser's storage refused"));
    });
    done.catch(() => undefined);
    const result = await work(transaction.objectStore(POSTINGS), transaction.objectStore(USED));
    await done;
    return result;
  } finally {
    db.close();
  }
}

/** The bytes kept for `sha256`, marked as just used; undefined when none (or this browser keeps nothing). */
async function readKept(sha256: string): Promise<Uint8Array | undefined> {
  try {
    return await withStores("readwrite", async (postings, used) => {
      const entry = (await request(postings.get(sha256))) as Kept | undefined;
      if (!entry) return undefined;
      used.put({ sha256, usedAt: Date.now() } satisfies Used);
      return entry.bytes;
    });
  } catch {
    return undefined;
  }
}

async function keep(sha256: string, bytes: Uint8Array): Promise<void> {
  try {
    await withStores("readwrite", async (postings, used) => {
      postings.put({ sha256, bytes } satisfies Kept);
      used.put({ sha256, usedAt: Date.now() } satisfies Used);
      // the kept indexes in the order they were last used, this one last (useRecent's rule); one never marked first
      const kept = (await request(postings.getAllKeys())).map(String);
      const usedAt = new Map(((await request(used.getAll())) as Used[]).map((u) => [u.sha256, u.usedAt]));
      const recent = new Map(kept.sort((a, b) => (usedAt.get(a) ?? 0) - (usedAt.get(b) ?? 0)).map((k) => [k, k]));
      for (const old of useRecent(recent, sha256, () => sha256, KEPT).dropped) {
        postings.delete(old);
        used.delete(old);
      }
    });
  } catch (error) {
    // a full or missing storage costs the next page a build, nothing else
    console.warn(`retrieval index not kept in this browser: ${(error as Error).message}`);
  }
}

/** Runs `work` once the page has shown what it was doing (copying and storing 43 MB holds the page for a moment). */
const whenIdle = (work: () => void) =>
  typeof requestIdleCallback === "function" ? requestIdleCallback(work, { timeout: 5_000 }) : setTimeout(work, 1_000);

/**
 * A store for the index of the retrieval.json with this sha256: what this browser kept for it (read now, so the
 * synchronous load can use it), and a new build kept for the next page once this one is idle. Kept by the file's
 * sha256, not by the index's postingsKey: the key is known only once the file is parsed, and the read starts while it
 * downloads (a page shares one build between versions of the same documents itself). The postings written are views
 * of the index's own WebAssembly memory, which does not move once the index is built.
 */
export async function browserPostingsStore(retrievalSha256: string): Promise<PostingsStore> {
  // a storage that does not answer (another tab holding the database through an upgrade) is not waited for
  if (typeof indexedDB === "undefined") return { read: () => undefined, write: () => undefined };
  let timer: number | undefined;
  const kept = await Promise.race([readKept(retrievalSha256), new Promise<undefined>((resolve) => (timer = self.setTimeout(resolve, READ_WAIT_MS)))]);
  self.clearTimeout(timer);
  return {
    read: () => (kept ? decodePostings(kept) : undefined),
    write: (_key, postings) => whenIdle(() => void keep(retrievalSha256, encodePostings(postings))),
  };
}
