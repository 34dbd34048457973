// A built retrieval index's postings as bytes, and back: one layout for the server's files (retrieval-index-cache.ts)
// and the browser's storage (app/classify/browser-postings-store.client.ts). Browser-safe. What is read is only a hint:
// the index checks it against its own documents (agreesWithItsDocuments) and is built again when it disagrees; bytes
// of another layout or length read as none.
import { z } from "zod";
import type { StoredPostings } from "./retrieval-index";

/** changed whenever the layout below changes: bytes of another format are not read */
const FORMAT = "hs-workbench retrieval postings 1";

const headerSchema = z.object({
  format: z.literal(FORMAT),
  terms: z.number().int().positive(),
  postings: z.number().int().min(0),
  docBytes: z.union([z.literal(2), z.literal(4)]),
  known: z.array(z.string()),
});

const aligned = (n: number) => Math.ceil(n / 4) * 4;

/**
 * Layout: header length (u32), header (JSON), then from the next multiple of four bytes the offsets (u32), the
 * documents (u16 when every number fits, else u32) and from the next multiple of four the weights (f32),
 * little-endian as every machine this runs on. One buffer, a copy: it outlives the index whose memory the postings view.
 */
export function encodePostings(postings: StoredPostings): Uint8Array {
  let largest = 0;
  for (const d of postings.docs) if (d > largest) largest = d;
  const docBytes = largest < 65536 ? 2 : 4;
  const header = new TextEncoder().encode(
    JSON.stringify({ format: FORMAT, terms: postings.offsets.length, postings: postings.docs.length, docBytes, known: postings.known }),
  );
  const offsetsAt = aligned(4 + header.length);
  const docsAt = offsetsAt + 4 * postings.offsets.length;
  const weightsAt = docsAt + aligned(docBytes * postings.docs.length);
  const bytes = new Uint8Array(weightsAt + 4 * postings.weights.length);
  new DataView(bytes.buffer).setUint32(0, header.length, true);
  bytes.set(header, 4);
  new Uint32Array(bytes.buffer, offsetsAt, postings.offsets.length).set(postings.offsets);
  (docBytes === 2 ? new Uint16Array(bytes.buffer, docsAt, postings.docs.length) : new Uint32Array(bytes.buffer, docsAt, postings.docs.length)).set(
    postings.docs,
  );
  new Float32Array(bytes.buffer, weightsAt, postings.weights.length).set(postings.weights);
  return bytes;
}

/** The postings in `bytes` (views of them), or undefined when they are not postings of this layout. */
export function decodePostings(file: Uint8Array): StoredPostings | undefined {
  // typed arrays need their offset aligned to their element size: a copy when the bytes' is not
  const bytes = file.byteOffset % 4 === 0 ? file : file.slice();
  if (bytes.length < 4) return undefined;
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  if (4 + headerLength > bytes.length) return undefined;
  let header;
  try {
    header = headerSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))));
  } catch {
    return undefined;
  }
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
