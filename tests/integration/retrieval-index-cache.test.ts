// Built retrieval indexes kept on disk (retrieval-index-cache.ts, WORKBENCH_INDEX_CACHE_DIR) by the key of their
// documents: an index read back answers exactly as the one built, versions of the same documents share one build, a
// file that disagrees with its documents or cannot be read is built again, a folder that cannot be written costs a
// build, never a load, and what a stopped write or the earlier layout left behind is removed.
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { postingsKey, RetrievalIndex, type RetrievalConfig, type StoredPostings } from "../../models/hs-classifier/retrieval-index";
import { postingsDirectory } from "../../models/hs-classifier/retrieval-index-cache";
import { decodePostings, encodePostings } from "../../models/hs-classifier/retrieval-postings-codec";
import { buildRetrievalIndex, loadedRetrievalKernel, retrievalKernel, retrievalModelSchema } from "../../models/hs-classifier/retrieval-model";
import { parseCsvRecords } from "../../workbench/csv";
import { REAL_SET_IDS, shippedSet } from "../../workbench/evaluation/evaluation-sets";
import { TEST_RETRIEVAL_CONFIG, testDocuments } from "../support/retrieval-test-config";

const dir = mkdtempSync(join(tmpdir(), "index-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config: RetrievalConfig = { ...TEST_RETRIEVAL_CONFIG, keepWords: ["used"] };

const documents = testDocuments([
  ["010121", "live horses pure-bred breeding animals"],
  ["010129", "live horses other than pure-bred"],
  ["401110", "new pneumatic tyres of rubber for motor cars"],
  ["401220", "used pneumatic tyres of rubber"],
  ["851713", "smartphones"],
  ["851713", "smartphones"],
  ["940360", "wooden furniture"],
]);

const queries = ["used tyres", "live horses for breeding", "smartphone 128GB", "wooden chair", "xq", ""];

/** Everything a query gets from an index: every code's score and the nearest documents with theirs. */
function answers(index: RetrievalIndex, texts: readonly string[]) {
  const scores = new Float32Array(index.codes.length);
  return texts.map((text) => ({ evidence: index.score(text, scores, 10), scores: Array.from(scores) }));
}

const copy = (p: StoredPostings): StoredPostings => ({ ...p, docs: p.docs.slice(), weights: p.weights.slice(), offsets: p.offsets.slice() });

describe("built retrieval indexes kept on disk", () => {
  it("answers exactly as the index it was built from (the shipped fast index, on demo and real lines)", () => {
    const file = "models/artifacts/hs-retrieval-fast/1.4.0/retrieval.json";
    const model = retrievalModelSchema.parse(JSON.parse(readFileSync(file, "utf8")));
    const built = buildRetrievalIndex(model);
    const store = postingsDirectory(dir);
    store.write("f".repeat(16), built.storedPostings());
    const read = store.read("f".repeat(16))!;
    // 32,967 documents: their numbers fit in two bytes each
    expect(read.docs).toBeInstanceOf(Uint16Array);
    const loaded = buildRetrievalIndex(model, read);
    expect(loaded.agreesWithItsDocuments()).toBe(true);
    const texts = [
      ...parseCsvRecords(readFileSync("fixtures/demo-extract.csv", "utf8"), ["goods_description"])
        .slice(0, 200)
        .map((r) => r.goods_description!),
      ...REAL_SET_IDS.flatMap((id) =>
        shippedSet(id)
          .lines.slice(0, 50)
          .map((l) => l.text),
      ),
      "neumáticos usados",
      "男士纯棉衬衫",
    ];
    expect(answers(loaded, texts)).toEqual(answers(built, texts));
    expect(loaded.translationsOf("pneus usados")).toEqual(built.translationsOf("pneus usados"));
  });

  it("refuses postings that disagree with its documents: another weight, other documents", () => {
    const built = new RetrievalIndex(documents, config);
    expect(new RetrievalIndex(documents, config, {}, built.storedPostings()).agreesWithItsDocuments()).toBe(true);
    const tampered = copy(built.storedPostings());
    tampered.weights[tampered.weights.length - 1]! *= 1.0001;
    expect(new RetrievalIndex(documents, config, {}, tampered).agreesWithItsDocuments()).toBe(false);
    // the documents of another version (a line reworded): its words and postings are not these
    const reworded = documents.map((d, i) => (i === 2 ? { ...d, text: "new radial tyres of rubber for motor cars" } : d));
    expect(new RetrievalIndex(reworded, config, {}, built.storedPostings()).agreesWithItsDocuments()).toBe(false);
    // another config weighs the same words differently
    const otherConfig = { ...config, wordWeight: 0.6 };
    expect(new RetrievalIndex(documents, otherConfig, {}, built.storedPostings()).agreesWithItsDocuments()).toBe(false);
  });

  it("reads document numbers past 65,535 (four bytes each) and refuses a missing, cut, foreign or misshapen file", () => {
    const store = postingsDirectory(dir);
    expect(store.read("0".repeat(16))).toBeUndefined();
    const built = new RetrievalIndex(documents, config);
    const wide = { ...copy(built.storedPostings()), docs: Uint32Array.from(built.storedPostings().docs) };
    wide.docs[0] = 70_000;
    store.write("1".repeat(16), wide);
    const read = store.read("1".repeat(16))!;
    expect(read.docs).toBeInstanceOf(Uint32Array);
    expect(Array.from(read.docs)).toEqual(Array.from(wide.docs));
    expect(Array.from(read.weights)).toEqual(Array.from(wide.weights));
    expect(read.known).toEqual(wide.known);
    // the same bytes wherever they lie (the browser keeps them in IndexedDB): typed arrays need aligned offsets
    const bytes = encodePostings(wide);
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    expect(Buffer.from(encodePostings(decodePostings(shifted)!)).equals(Buffer.from(bytes))).toBe(true);

    const path = join(dir, `${"1".repeat(16)}.postings`);
    truncateSync(path, readFileSync(path).length - 4);
    expect(store.read("1".repeat(16)), "cut short").toBeUndefined();
    writeFileSync(path, "not an index at all");
    expect(store.read("1".repeat(16)), "garbage").toBeUndefined();
    const header = Buffer.from(JSON.stringify({ format: "something else 9", terms: 1, postings: 0, docBytes: 2, known: [] }));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length);
    writeFileSync(path, Buffer.concat([length, header, Buffer.alloc(8)]));
    expect(store.read("1".repeat(16)), "another format").toBeUndefined();
    // a stored index of another shape is refused by the index itself
    const short = { ...copy(built.storedPostings()), weights: new Float32Array(3) };
    expect(() => new RetrievalIndex(documents, config, {}, short)).toThrow("stored postings of another shape");
  });

  it("builds again and keeps the new build when what it read disagrees; removes abandoned writes and the earlier layout; a folder it cannot write costs a build only", async () => {
    const model = { config, temperature: 0.05, documents, translations: {} };
    const labels = [...new Set(documents.map((d) => d.code))].sort();
    const store = postingsDirectory(dir);
    const sha = (c: string) => c.repeat(64);
    const key = postingsKey(documents, config);
    const expected = new RetrievalIndex(documents, config).storedPostings();
    // a tampered file under the documents' key: read, found to disagree, built again and the build kept instead
    const tampered = copy(expected);
    tampered.weights.fill(0.5);
    store.write(key, tampered);
    const first = loadedRetrievalKernel({ sha256: sha("2"), json: () => structuredClone(model), store }, labels);
    expect(await first.topK(queries, 3)).toEqual(await retrievalKernel(new RetrievalIndex(documents, config), 0.05).topK(queries, 3));
    expect(Array.from(store.read(key)!.weights), "the build replaced the tampered file").toEqual(Array.from(expected.weights));

    // another retrieval.json of the same documents (its glossary and how it reads foreign lines differ): it copies the
    // postings of the index this process holds, checked, and reads no file
    const reads = vi.fn(store.read);
    const check = vi.spyOn(RetrievalIndex.prototype, "agreesWithItsDocuments");
    const foreign = { ...model, config: { ...config, translationRevision: 2 }, translations: { caballos: "horses" } };
    const second = loadedRetrievalKernel({ sha256: sha("3"), json: () => structuredClone(foreign), store: { ...store, read: reads } }, labels);
    expect(reads).not.toHaveBeenCalled();
    expect(check).toHaveBeenCalledTimes(1);
    check.mockRestore();
    expect(await second.topK(queries, 3)).toEqual(await first.topK(queries, 3));
    expect(second.translations!(["caballos vivos"])[0]).toEqual([{ word: "caballos", english: "horses" }]);

    // a temporary file left by a process stopped while writing goes once it is an hour old; a recent one (a write in
    // progress elsewhere) stays; a file named by a retrieval.json's sha256 (the layout before postingsKey) goes
    const abandoned = join(dir, `${"5".repeat(16)}.postings.999-0.tmp`);
    const recent = join(dir, `${"6".repeat(16)}.postings.998-0.tmp`);
    const earlier = join(dir, `${sha("8")}.postings`);
    writeFileSync(abandoned, "part of an index");
    writeFileSync(recent, "part of an index");
    writeFileSync(earlier, encodePostings(expected));
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(abandoned, twoHoursAgo, twoHoursAgo);
    store.write("7".repeat(16), expected);
    expect(existsSync(abandoned)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(earlier)).toBe(false);
    expect(store.read(key), "the current layout stays").toBeDefined();

    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const notAFolder = join(dir, "a-file");
    writeFileSync(notAFolder, "");
    const unwritable = postingsDirectory(join(notAFolder, "indexes"));
    // other documents' index (a stop word no longer kept): built, and not kept
    const other = { ...model, config: { ...config, keepWords: [] } };
    const third = loadedRetrievalKernel({ sha256: sha("4"), json: () => structuredClone(other), store: unwritable }, labels);
    const codes = async (k: typeof first) => (await k.topK(queries.slice(0, 4), 1)).map((c) => c[0]!.code);
    expect(await codes(third)).toEqual(await codes(first));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("retrieval index not kept in"));
    warn.mockRestore();
  });
});
