// Built retrieval indexes kept on disk between processes (WORKBENCH_INDEX_CACHE_DIR): building one from its tariff lines
// takes about 2 s, and every process that loads a retrieval version built it again. One file per postingsKey (the
// versions indexing the same documents share it); written to a temporary name and renamed, so a reader sees a whole
// file or none. What is read is only a hint: the index checks it against its own documents (agreesWithItsDocuments)
// and is built again when it disagrees, and a missing, short or unreadable file is the same as none.
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import type { PostingsStore } from "./retrieval-model";
import { decodePostings, encodePostings } from "./retrieval-postings-codec";

/** a temporary file this old was left by a process stopped while writing it (a write takes well under a second) */
const ABANDONED_MS = 60 * 60 * 1000;

/** a file of the layout before postingsKey, named by a retrieval.json's sha256: never read again */
const EARLIER_LAYOUT = /^[0-9a-f]{64}\.postings$/;

/** Removes what no process will read (tens of MB each): temporary files of stopped writes, files of the earlier layout. */
function removeAbandoned(dir: string): void {
  for (const name of readdirSync(dir)) {
    const earlier = EARLIER_LAYOUT.test(name);
    if (!earlier && !name.endsWith(".tmp")) continue;
    try {
      if (earlier || Date.now() - statSync(join(dir, name)).mtimeMs > ABANDONED_MS) rmSync(join(dir, name), { force: true });
    } catch {
      // removed by another process meanwhile
    }
  }
}

/** Built indexes kept in `dir` (created when the first is written). */
export function postingsDirectory(dir: string): PostingsStore {
  const path = (key: string) => join(dir, `${key}.postings`);
  return {
    read(key) {
      try {
        return decodePostings(readFileSync(path(key)));
      } catch {
        // none yet, or unreadable: built again
        return undefined;
      }
    },
    write(key, postings) {
      const temporary = `${path(key)}.${process.pid}-${threadId}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        const fd = openSync(temporary, "w");
        try {
          const bytes = encodePostings(postings);
          for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written);
        } finally {
          closeSync(fd);
        }
        renameSync(temporary, path(key));
        removeAbandoned(dir);
      } catch (error) {
        // a full disk or a read-only folder costs the next process a build, nothing else
        try {
          rmSync(temporary, { force: true });
        } catch {
          // no folder to clean
        }
        console.warn(`retrieval index not kept in ${dir}: ${(error as Error).message}`);
      }
    },
  };
}
