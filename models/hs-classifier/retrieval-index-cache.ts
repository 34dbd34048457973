// Built retrieval indexes kept on disk between processes (WORKBENCH_INDEX_CACHE_DIR): building one from its tariff lines
// takes about 2 s and every process that loads a retrieval version built it again (a fresh start measures ten of them).
// One file per retrieval.json, named by its sha256; written to a temporary name and renamed, so a reader sees a whole
// file or none. What is read is only a hint: the index checks it against its own documents (agreesWithItsDocuments)
// and is built again when it disagrees, and a missing, short or unreadable file is the same as none.
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { z } from "zod";
import type { StoredPostings } from "./retrieval-index";
import type { PostingsStore } from "./retrieval-model";

/** changed whenever the layout below changes: files of another format are not read */
const FORMAT = "hs-workbench retrieval postings 1";

const headerSchema = z.object({
  format: z.literal(FORMAT),
  terms: z.number().int().positive(),
  postings: z.number().int().min(0),
  docBytes: z.union([z.literal(2), z.literal(4)]),
  known: z.array(z.string()),
});

const aligned = (n: number) => Math.ceil(n / 4) * 4;
const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * Layout: header length (u32), header (JSON), then from the next multiple of four bytes the offsets (u32), the
 * documents (u16 when every number fits, else u32) and from the next multiple of four the weights (f32), little-endian
 * as every machine this runs on.
 */
function encode(postings: StoredPostings): Uint8Array[] {
  let largest = 0;
  for (const d of postings.docs) if (d > largest) largest = d;
  const docBytes = largest < 65536 ? 2 : 4;
  const header = Buffer.from(
    JSON.stringify({ format: FORMAT, terms: postings.offsets.length, postings: postings.docs.length, docBytes, known: postings.known }),
  );
  const start = Buffer.alloc(aligned(4 + header.length));
  start.writeUInt32LE(header.length, 0);
  header.copy(start, 4);
  const docs = docBytes === 2 ? Uint16Array.from(postings.docs) : Uint32Array.from(postings.docs);
  const pad = new Uint8Array(aligned(docs.byteLength) - docs.byteLength);
  return [start, bytesOf(postings.offsets), bytesOf(docs), pad, bytesOf(postings.weights)];
}

function decode(file: Buffer): StoredPostings | undefined {
  // typed arrays need their offset aligned to their element size: a copy when the file's buffer is not
  const bytes = file.byteOffset % 4 === 0 ? file : Buffer.from(file);
  if (bytes.length < 4) return undefined;
  const headerLength = bytes.readUInt32LE(0);
  if (4 + headerLength > bytes.length) return undefined;
  const header = headerSchema.safeParse(JSON.parse(bytes.toString("utf8", 4, 4 + headerLength)));
  if (!header.success) return undefined;
  const { terms, postings, docBytes, known } = header.data;
  const at = bytes.byteOffset + aligned(4 + headerLength);
  const docsAt = at + 4 * terms;
  const weightsAt = docsAt + aligned(docBytes * postings);
  if (weightsAt + 4 * postings !== bytes.byteOffset + bytes.length) return undefined;
  return {
    offsets: new Uint32Array(bytes.buffer, at, terms),
    docs: docBytes === 2 ? new Uint16Array(bytes.buffer, docsAt, postings) : new Uint32Array(bytes.buffer, docsAt, postings),
    weights: new Float32Array(bytes.buffer, weightsAt, postings),
    known,
  };
}

/** a temporary file this old was left by a process stopped while writing it (a write takes well under a second) */
const ABANDONED_MS = 60 * 60 * 1000;

/** Removes temporary files that processes stopped while writing left behind (tens of MB each). */
function removeAbandoned(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".tmp")) continue;
    try {
      if (Date.now() - statSync(join(dir, name)).mtimeMs > ABANDONED_MS) rmSync(join(dir, name), { force: true });
    } catch {
      // removed by another process meanwhile
    }
  }
}

/** Built indexes kept in `dir` (created when the first is written). */
export function postingsDirectory(dir: string): PostingsStore {
  const path = (sha256: string) => join(dir, `${sha256}.postings`);
  return {
    read(sha256) {
      try {
        return decode(readFileSync(path(sha256)));
      } catch {
        // none yet, or unreadable: built again
        return undefined;
      }
    },
    write(sha256, postings) {
      const temporary = `${path(sha256)}.${process.pid}-${threadId}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        const fd = openSync(temporary, "w");
        try {
          for (const part of encode(postings)) writeSync(fd, part);
        } finally {
          closeSync(fd);
        }
        renameSync(temporary, path(sha256));
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
