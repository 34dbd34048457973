import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "./fixtures";
import { DEMO, keepScreenshot, signIn, startSignedIn } from "./helpers";
import { readWorkbook } from "../../workbench/extract/xlsx";
import { postingsKey } from "../../models/hs-classifier/retrieval-index";
import { retrievalModelSchema } from "../../models/hs-classifier/retrieval-model";

test("classify descriptions in the browser, offline, with top-5 codes and the words that decided", async ({ page, context }, testInfo) => {
  await context.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === "localhost" || host === "127.0.0.1" ? route.continue() : route.abort("internetdisconnected");
  });
  await startSignedIn(page, DEMO.viewer);
  await page.goto("/classify");
  await expect(page.getByLabel("Model version")).toHaveValue("hs-baseline@1.0.0");
  await expect(page.getByLabel("Model version").locator("option", { hasText: "strongest on real text" })).toHaveText([
    "hs-combined@1.34.0 (candidate, strongest on real text)",
  ]);
  await page.getByLabel("Goods descriptions").fill("frozen shrimps peeled 10 kg ctns\nlive horses for breeding");
  await page.getByRole("button", { name: "Classify", exact: true }).click();
  await expect(page.getByTestId("classify-status")).toContainText(
    /2 description\(s\) classified by hs-baseline@1\.0\.0 in \d+ ms .* in your browser \(TensorFlow\.js, wasm\)/,
    {
      timeout: 60_000,
    },
  );
  const shrimps = page.getByRole("region", { name: "Suggestions for frozen shrimps peeled 10 kg ctns" });
  await expect(shrimps.locator(".candidates > li")).toHaveCount(5);
  await expect(shrimps.locator(".candidates > li").first()).toContainText("Chapter 03");
  await expect(shrimps.getByLabel("Why: words that pushed the top suggestion")).toContainText("shrimps");
  await keepScreenshot(page, testInfo, "classify");
  // the suggestions to keep with a case: one row a line, codes as text, the decision the badge shows
  const excel = page.waitForEvent("download");
  await page.getByRole("button", { name: "Suggestions to Excel" }).click();
  expect((await excel).suggestedFilename()).toBe("suggestions-hs-baseline@1.0.0.xlsx");
  const suggestions = (await readWorkbook(new Uint8Array(readFileSync((await (await excel).path())!)), "suggestions.xlsx", "Suggestions")).csv
    .trim()
    .split("\r\n");
  expect(suggestions).toHaveLength(3);
  expect(suggestions[1]).toMatch(
    /^frozen shrimps peeled 10 kg ctns,(needs a person: below the threshold|confident: at or above the threshold),03\d{4},/,
  );

  // a page of results to read, not a file: beyond 200 lines it says what it left out and where whole files go
  await page.getByLabel("Goods descriptions").fill(Array.from({ length: 201 }, (_, i) => `cotton shirt ${i + 1}`).join("\n"));
  await page.getByRole("button", { name: "Classify", exact: true }).click();
  await expect(page.getByTestId("classify-status")).toContainText("200 description(s) classified by hs-baseline@1.0.0", { timeout: 60_000 });
  await expect(page.getByTestId("classify-status")).toContainText(
    "Only the first 200 of 201 lines: at most 200 at a time here — Explore's batch prediction and the CLI's predict take whole files.",
  );

  // a description's first 64 words are weighed (each left out in turn); a later word is shown, marked as not weighed
  const long = Array.from({ length: 70 }, (_, i) => (i % 2 ? "cotton" : "shirts")).join(" ");
  await page.getByLabel("Goods descriptions").fill(long);
  await page.getByRole("button", { name: "Classify", exact: true }).click();
  await expect(page.getByTestId("classify-status")).toContainText("1 description(s) classified by hs-baseline@1.0.0", { timeout: 60_000 });
  const tokens = page.getByRole("region", { name: `Suggestions for ${long}` }).locator(".explanation .token");
  await expect(tokens).toHaveCount(70);
  await expect(tokens.nth(63)).toHaveAttribute("title", /points for the top code$/);
  await expect(tokens.nth(64)).toHaveAttribute("title", "not weighed: only a description's first 64 words are each left out in turn");

  // The hierarchical version (chapter, then subheading) runs in the browser too; a line without a letter or digit
  // gets no codes, never a guess.
  await page.getByLabel("Model version").selectOption("hs-hierarchical@1.0.0");
  await page.getByLabel("Goods descriptions").fill("frozen shrimps peeled 10 kg ctns\nlive horses for breeding\n- - -");
  await page.getByRole("button", { name: "Classify", exact: true }).click();
  await expect(page.getByTestId("classify-status")).toContainText(/3 description\(s\) classified by hs-hierarchical@1\.0\.0 in \d+ ms/, {
    timeout: 60_000,
  });
  const dashes = page.getByRole("region", { name: "Suggestions for - - -" });
  await expect(dashes.getByTestId("review-badge")).toHaveText("No codes");
  await expect(dashes).toContainText("Nothing to classify: the description has no letter or digit.");
  await expect(dashes.locator(".candidates > li")).toHaveCount(0);
  await page.getByLabel("Goods descriptions").fill("frozen shrimps peeled 10 kg ctns\nlive horses for breeding");
  const horses = page.getByRole("region", { name: "Suggestions for live horses for breeding" });
  await expect(horses.locator(".candidates > li")).toHaveCount(5);
  await expect(horses.locator(".candidates > li").first()).toContainText("Chapter 01");
  await expect(horses.getByLabel("Why: words that pushed the top suggestion")).toContainText("horses");

  // The combined version (retrieval and a network, ADR 0013) too: both members load in the browser, offline. The
  // examples say which version they were checked with, and offer it.
  const examplesNote = page.getByTestId("examples-note");
  await expect(examplesNote).toContainText("Examples (checked with hs-combined@1.34.0; one goes wrong, as real lines do)");
  await examplesNote.getByRole("button", { name: "use hs-combined@1.34.0" }).click();
  await expect(page.getByLabel("Model version")).toHaveValue("hs-combined@1.34.0");
  await expect(examplesNote.getByRole("button")).toHaveCount(0);
  // what the threshold meant on real text for this version, beside it
  const onRealText = page.getByTestId("threshold-on-real-text");
  await expect(onRealText).toHaveText(
    /^On 518 lines of real text, hs-combined@1\.34\.0 was at least 80% sure of \d+\.\d% of them and right on \d+\.\d% of those \(\d+ of \d+; 95% interval [\d.]+–[\d.]+%\)\.$/,
  );
  await page.getByLabel("Confidence threshold").selectOption("0.5");
  await expect(onRealText).toContainText("was at least 50% sure of");
  await page.getByLabel("Confidence threshold").selectOption("0.8");
  // a line in a script none of its glossaries reads: its codes are called a guess and go to a person
  await page
    .getByLabel("Goods descriptions")
    .fill("frozen shrimps peeled 10 kg ctns\nlive horses for breeding\nзамороженные креветки\nHonig 500 g Glas");
  await page.getByRole("button", { name: "Classify", exact: true }).click();
  await expect(page.getByTestId("classify-status")).toContainText(
    /4 description\(s\) classified by hs-combined@1\.34\.0 in \d+ ms .* \(retrieval in JavaScript and TensorFlow\.js, wasm\)/,
    { timeout: 90_000 },
  );
  const unread = page.getByRole("region", { name: "Suggestions for замороженные креветки" });
  await expect(unread.getByTestId("classify-note")).toHaveText(
    "No tariff line shares a word or part of a word with this description (a language or script this version does not read?): its codes are a guess.",
  );
  await expect(unread.getByTestId("review-badge")).toHaveText(/^Needs a person: a guess \(\d+%\)$/);
  await expect(page.getByTestId("classify-note")).toHaveCount(1);
  const combinedHorses = page.getByRole("region", { name: "Suggestions for live horses for breeding" });
  await expect(combinedHorses.locator(".candidates > li").first()).toContainText("Chapter 01");
  // what it also searched: the goods named before what they are for
  await expect(combinedHorses.getByTestId("goods-part")).toContainText("“live horses”");
  await expect(page.getByRole("region", { name: "Suggestions for frozen shrimps peeled 10 kg ctns" }).getByTestId("goods-part")).toHaveCount(0);
  // and the goods named before what they are packed in: honey, not a drinking glass
  const honey = page.getByRole("region", { name: "Suggestions for Honig 500 g Glas" });
  await expect(honey.getByTestId("goods-part")).toHaveText("Also searched as the goods it names before their use or packing: “Honig 500 g”");
  await expect(honey.locator(".candidates > li").first()).toContainText("Chapter 04");
});

test("a retrieval index built in the browser is kept there: the next page reads it back, a spoilt copy is built again", async ({ page }) => {
  test.setTimeout(180_000);
  // every index this page writes to the browser's storage (a use is marked apart, without writing the bytes again)
  await page.addInitScript(() => {
    const writes: string[] = [];
    Object.assign(window, { keptWrites: writes });
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === "postings") writes.push((value as { sha256?: string }).sha256 ?? "?");
      return put.call(this, value, key);
    };
  });
  await signIn(page, DEMO.viewer);
  const manifest = (await (await page.request.get("/resources/models/hs-retrieval-fast/1.6.0/manifest.json")).json()) as {
    files: Record<string, string>;
  };
  const retrieval = manifest.files["retrieval.json"]!;
  const classify = async () => {
    await page.goto("/classify");
    await page.getByLabel("Model version").selectOption("hs-retrieval-fast@1.6.0");
    await page.getByLabel("Goods descriptions").fill("frozen shrimps peeled 10 kg ctns\nused tyres");
    await page.getByRole("button", { name: "Classify", exact: true }).click();
    await expect(page.getByTestId("classify-status")).toContainText("2 description(s) classified by hs-retrieval-fast@1.6.0", { timeout: 90_000 });
    return page.locator(".candidates").allInnerTexts();
  };
  /** what this browser keeps for the retrieval.json: its size and sha256, or null */
  const kept = () =>
    page.evaluate(async (sha256) => {
      // looked at without creating it
      const db = await new Promise<IDBDatabase | null>((resolve) => {
        const r = indexedDB.open("hs-workbench-retrieval-indexes");
        r.onupgradeneeded = () => r.transaction!.abort();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => resolve(null);
      });
      if (!db) return null;
      try {
        if (!db.objectStoreNames.contains("postings")) return null;
        const entry = await new Promise<{ bytes: Uint8Array<ArrayBuffer> } | undefined>((resolve, reject) => {
          const r = db.transaction("postings").objectStore("postings").get(sha256);
          r.onsuccess = () => resolve(r.result as { bytes: Uint8Array<ArrayBuffer> } | undefined);
          r.onerror = () => reject(r.error);
        });
        if (!entry) return null;
        const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", entry.bytes));
        return { length: entry.bytes.length, sha256: Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("") };
      } finally {
        db.close();
      }
    }, retrieval);
  const writesFor = () =>
    page.evaluate((sha256) => (window as unknown as { keptWrites: string[] }).keptWrites.filter((s) => s === sha256).length, retrieval);

  // a database without its stores, held open by another tab: the page does not wait on it (it builds its index), and
  // once the other tab lets go the database is upgraded to keep what was built
  const otherTab = await page.context().newPage();
  await otherTab.goto("/overview");
  await otherTab.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const r = indexedDB.open("hs-workbench-retrieval-indexes", 1);
        r.onsuccess = () => (Object.assign(window, { heldOpen: r.result }), resolve());
      }),
  );
  // first page: nothing kept, the index is built and kept — the same bytes the server keeps for this retrieval.json
  const built = await classify();
  await otherTab.evaluate(() => (window as unknown as { heldOpen: IDBDatabase }).heldOpen.close());
  await otherTab.close();
  await expect.poll(kept, { timeout: 30_000 }).not.toBeNull();
  // the server keeps it by the key of its documents (the versions of the same tariff lines share one)
  const model = retrievalModelSchema.parse(JSON.parse(readFileSync("models/artifacts/hs-retrieval-fast/1.6.0/retrieval.json", "utf8")));
  const serverCopy = readFileSync(join(".cache/test-indexes", `${postingsKey(model.documents, model.config)}.postings`));
  expect(await kept()).toEqual({ length: serverCopy.length, sha256: createHash("sha256").update(serverCopy).digest("hex") });
  expect(await writesFor()).toBe(1);

  // the next page reads it back (marked as used, not built and kept again) and answers alike; a build would keep its
  // index once the page is idle, within 5 s
  expect(await classify()).toEqual(built);
  await page.waitForTimeout(6_000);
  expect(await writesFor()).toBe(0);

  // a spoilt copy is not used: the index is built again and kept whole. Three indexes of other versions, used longer
  // ago, are kept beside it: past three the least recently used goes.
  const storage = (work: string) =>
    page.evaluate(
      async ([sha256, work]) => {
        const db = await new Promise<IDBDatabase>((resolve) => {
          const r = indexedDB.open("hs-workbench-retrieval-indexes");
          r.onsuccess = () => resolve(r.result);
        });
        const keys = await new Promise<IDBValidKey[]>((resolve) => {
          const t = db.transaction(["postings", "used"], "readwrite");
          const [store, used] = [t.objectStore("postings"), t.objectStore("used")];
          if (work === "spoil") {
            store.put({ sha256, bytes: new Uint8Array(64) });
            for (const usedAt of [1, 2, 3]) {
              store.put({ sha256: `other-${usedAt}`, bytes: new Uint8Array(64) });
              used.put({ sha256: `other-${usedAt}`, usedAt });
            }
          }
          const all = store.getAllKeys();
          t.oncomplete = () => resolve(all.result);
        });
        db.close();
        return keys.map(String).sort();
      },
      [retrieval, work],
    );
  await storage("spoil");
  expect(await classify()).toEqual(built);
  await expect.poll(writesFor, { timeout: 30_000 }).toBe(1);
  expect((await kept())?.length).toBe(serverCopy.length);
  expect(await storage("list")).toEqual(["other-2", "other-3", retrieval].sort());
});

test("a link asking for a version Classify does not offer says so and why, instead of quietly using another", async ({ page }) => {
  await startSignedIn(page, DEMO.viewer);
  await page.goto("/classify?model=hs-combined%401.99.0&text=steel%20bolts");
  await expect(page.getByTestId("asked-model-refused")).toHaveText(
    /^The link asks for a version not offered here: no model version hs-combined@1\.99\.0 is registered \(hs-combined has \d+ versions, the newest 1\.\d+\.0\)\. The version chosen below classifies instead\.$/,
  );
  await page.goto("/classify?model=hs-combined%401.34.0");
  await expect(page.getByTestId("asked-model-refused")).toHaveCount(0);
});
