import { expect, test } from "./fixtures";
import { clickBar, loadStaged } from "./explore-helpers";
import { DEMO, keepScreenshot, signIn, signOut, startSignedIn } from "./helpers";

test("presenter mode walks the whole story with the network cut, by keyboard, then resets the demo", async ({ page, context }, testInfo) => {
  test.setTimeout(240_000);
  const outside: string[] = [];
  await context.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === "localhost" || host === "127.0.0.1") return route.continue();
    outside.push(route.request().url());
    return route.abort("internetdisconnected");
  });
  await startSignedIn(page, DEMO.admin);
  await page.goto("/present");
  await page.getByRole("button", { name: "Start presenting" }).click();
  const bar = page.getByTestId("presenter-bar");

  // 1. Load an extract
  await expect(bar).toContainText("Step 1 of 6 · Load an extract");
  await expect(page.locator("body")).toHaveClass(/presenting/);
  await expect(page.getByTestId("engine-state")).toContainText("ready", { timeout: 60_000 });
  await page.getByRole("button", { name: "Load demo extract" }).click();
  await expect(page.getByRole("dialog").getByTestId("validation-rows")).toHaveText("100,000 rows", { timeout: 90_000 });
  await loadStaged(page);
  await page.keyboard.press("n");
  await expect(bar).toContainText("Click “Load demo extract”");

  // 2. Explore chapters (Space moves on), on the page as it is: Explore is not loaded again nor scrolled to the top
  await page.locator("h1").click(); // focus outside any field, as a presenter would
  const reloads: string[] = [];
  const onRequest = (r: { url(): string }) => void (new URL(r.url()).searchParams.has("_data") && reloads.push(r.url()));
  page.on("request", onRequest);
  await page.keyboard.press("Space");
  await expect(bar).toContainText("Step 2 of 6 · Explore chapters");
  // the chart the step is about is brought into view, whole and above the bar (at 720 px it starts below the fold)
  const chapters = page.getByRole("img", { name: "Lines by HS chapter" });
  await expect(chapters).toBeInViewport();
  const [chart, barTop] = [(await chapters.boundingBox())!, (await bar.boundingBox())!.y];
  expect(chart.y).toBeGreaterThanOrEqual(0);
  expect(chart.y + chart.height).toBeLessThanOrEqual(barTop);
  await clickBar(page, "Lines by HS chapter", "85");
  await expect(page.getByTestId("chapter-filter")).toContainText("chapter 85");
  page.off("request", onRequest);
  expect(reloads, "Explore's data asked for again by moving to step 2").toEqual([]);

  // 3. Classify live examples, Spanish, Polish, German, Portuguese, Chinese, Vietnamese and Thai included
  await page.keyboard.press("ArrowRight");
  await expect(bar).toContainText("Step 3 of 6 · Classify live examples");
  await expect(page).toHaveURL(/\/classify\?model=hs-combined%401\.34\.0&text=/);
  await expect(page.getByLabel("Goods descriptions")).toHaveValue(/Samsung Galaxy.*\n.*camisas de algodón.*\n.*opony używane/s);
  await expect(page.getByLabel("Model version")).toHaveValue("hs-combined@1.34.0");
  // with the notes open (N in step 1) the bar is taller than it is without: the button still scrolls clear of it
  const classify = page.getByRole("button", { name: "Classify", exact: true });
  await classify.scrollIntoViewIfNeeded();
  const [button, barBox] = [await classify.boundingBox(), await bar.boundingBox()];
  expect(button!.y + button!.height).toBeLessThanOrEqual(barBox!.y);
  await classify.click();
  await expect(page.getByTestId("classify-status")).toContainText("31 description(s) classified", { timeout: 60_000 });
  // Vietnamese as declarations are typed: without accents, "hang moi 100%" (new goods) left out of the search
  const washer = page.getByRole("region", { name: "Suggestions for May giat Electrolux 9kg, hang moi 100%" });
  await expect(washer.locator("ol.candidates li").first()).toContainText("8450.11");
  await expect(washer.getByTestId("translated-words")).toContainText("may giat → washing machine");
  // a brand name is left out of the search, and the page says so ("adidas" is also Polish for sneakers)
  const tShirt = page.getByRole("region", { name: "Suggestions for Camiseta Adidas algodón" });
  await expect(tShirt.locator("ol.candidates li").first()).toContainText("6109.10");
  await expect(tShirt.getByTestId("brand-names")).toContainText("Brand names left out of the search (a name tells no goods): Adidas");
  await expect(tShirt.getByTestId("translated-words")).not.toContainText("adidas");
  // a misspelt word read as the tariff's word one letter away, and the page says so
  const fridge = page.getByRole("region", { name: "Suggestions for Refrigirator double door 300L" });
  await expect(fridge.locator("ol.candidates li").first()).toContainText("8418.21");
  await expect(fridge.getByTestId("typos")).toContainText("Read as misspelt (the tariff word one letter away): refrigirator → refrigerator");
  // an accessory named after its phone: the product name read as the kind of device, and the page says so
  const phoneCase = page.getByRole("region", { name: "Suggestions for iPhone 15 case" });
  await expect(phoneCase.locator("ol.candidates li").first()).toContainText("3926.90");
  await expect(phoneCase.getByTestId("devices")).toContainText("Read as an accessory, the device it is for named by its kind: iPhone 15 → phone");
  // goods named after what they hold or serve: a coffee table is furniture (an earlier version suggested coffee beans)
  const table = page.getByRole("region", { name: "Suggestions for Wooden coffee table" });
  await expect(table.locator("ol.candidates li").first()).toContainText("9403.60");
  // an article of a material is the article: Chinese stainless steel screws (an earlier version suggested the steel's wire)
  const screws = page.getByRole("region", { name: "Suggestions for 不锈钢螺丝 M6" });
  await expect(screws.locator("ol.candidates li").first()).toContainText("7318.15");
  // Polish used tyres are used ones, German "Spüle" a sink (not "Spule", a coil)
  const tyres = page.getByRole("region", { name: "Suggestions for opony używane" });
  await expect(tyres.locator("ol.candidates li").first()).toContainText("4012.20");
  await expect(tyres.getByTestId("evidence")).toContainText("tyres");
  const spuele = page.getByRole("region", { name: "Suggestions for Spüle aus Edelstahl" });
  await expect(spuele.locator("ol.candidates li").first()).toContainText("7324.10");
  // what a person checks: the words the model read through its glossaries, and those that matched the tariff
  await expect(spuele.getByTestId("translated-words")).toContainText("spüle → sink");
  await expect(spuele.getByTestId("matched-words")).toContainText("Spüle (sink");
  // the line the story shows going wrong: a French leather handbag as one of plastic or textile, and a person asked to look
  const handbag = page.getByRole("region", { name: "Suggestions for sac à main en cuir" });
  await expect(handbag.locator("ol.candidates li").first()).not.toContainText("4202.21");
  await expect(handbag.getByTestId("review-badge")).toContainText("Needs a person");
  await expect(
    page.getByRole("region", { name: "Suggestions for camisas de algodón para hombre" }).locator("ol.candidates li").first(),
  ).toContainText("6205.20");
  // a garment read from what the line says, the subheading the nomenclature gives for it
  const cardigan = page.getByRole("region", { name: "Suggestions for women's knit cardigan 100% cotton" });
  await expect(cardigan.locator("ol.candidates li").first()).toContainText("6110.20");
  await expect(cardigan.getByTestId("garment-reading")).toContainText("knitted · women's or girls' · cardigan · cotton → 6110.20");
  // Chinese text cut into the glossary's words, each shown with its English
  const shirt = page.getByRole("region", { name: "Suggestions for 男士纯棉衬衫" });
  await expect(shirt.locator("ol.candidates li").first()).toContainText("6205.20");
  await expect(shirt.getByTestId("translated-words")).toContainText("衬衫 → shirt");
  // a Chinese word the glossary lacks, read through the dictionary built from CC-CEDICT
  const lifeJacket = page.getByRole("region", { name: "Suggestions for 救生衣 成人 船用" });
  await expect(lifeJacket.locator("ol.candidates li").first()).toContainText("6307.20");
  await expect(lifeJacket.getByTestId("translated-words")).toContainText(
    "救生衣 → life jacket life vest (dictionary); 船 → boat — (dictionary): read through CC-CEDICT, every sense of the word at once",
  );
  await expect(shirt.getByTestId("matched-words")).toContainText("衬衫 (shirt)");
  // jewellery read by what it is made of: zircon stones make it 71.16, not imitation jewellery
  const earrings = page.getByRole("region", { name: "Suggestions for Brass earrings with zircon stones" });
  await expect(earrings.locator("ol.candidates li").first()).toContainText("7116.20");
  await expect(earrings.getByTestId("material-reading")).toContainText(
    "Subheading by what it is made of: jewellery of precious or semi-precious stones (“zircon”) → 7116.20",
  );
  // footwear read by its upper's material: EVA is a plastic (64.02), not garden tools
  const clogs = page.getByRole("region", { name: "Suggestions for EVA garden clogs" });
  await expect(clogs.locator("ol.candidates li").first()).toContainText("6402.99");
  await expect(clogs.getByTestId("material-reading")).toContainText(
    "Subheading by what it is made of: footwear with uppers of rubber or plastics, not covering the ankle (“EVA … clogs”) → 6402.99",
  );
  // a kitchen article read by its body's material, not its handle's: copper (74.18), not stainless steel
  const saucepan = page.getByRole("region", { name: "Suggestions for Copper saucepan with brass handle" });
  await expect(saucepan.locator("ol.candidates li").first()).toContainText("7418.10");
  await expect(saucepan.getByTestId("material-reading")).toContainText(
    "Subheading by what it is made of: table, kitchen or household articles of copper (“Copper … saucepan”) → 7418.10",
  );
  // fasteners read by their metal: brass nuts are copper's (74.15), not nuts of iron or steel
  const nuts = page.getByRole("region", { name: "Suggestions for Brass hex nuts M5" });
  await expect(nuts.locator("ol.candidates li").first()).toContainText("7415.33");
  await expect(nuts.getByTestId("material-reading")).toContainText(
    "Subheading by what it is made of: fasteners of copper alloys (“Brass … nuts”) → 7415.33",
  );
  // flat-rolled steel read by its coils and thickness: a hot-rolled sheet of 3 mm is 7208.53, not a coil below 3 mm
  const sheet = page.getByRole("region", { name: "Suggestions for HR SHEET 3MM" });
  await expect(sheet.locator("ol.candidates li").first()).toContainText("7208.53");
  await expect(sheet.getByTestId("material-reading")).toContainText("hot-rolled, not in coils, 600 mm wide or more, 3 mm thick");
  // goods searched before their packing, and fruit read by its state: frozen strawberries are 08.11's, not fresh ones
  const honey = page.getByRole("region", { name: "Suggestions for Miel 500 g pot en verre" });
  await expect(honey.locator("ol.candidates li").first()).toContainText("0409.00");
  await expect(honey.getByTestId("goods-part")).toContainText("“Miel 500 g”");
  const strawberries = page.getByRole("region", { name: "Suggestions for Frozen strawberries 1kg" });
  await expect(strawberries.locator("ol.candidates li").first()).toContainText("0811.10");
  await expect(strawberries.getByTestId("food-state-reading")).toHaveText(
    "Heading by the state of the fruit, nuts or vegetables: frozen (“Frozen”) → 08.11",
  );
  // a quantity read against the ranges of the nomenclature's texts: 100 kVA is 8502.12's, 75–375 kVA
  const generator = page.getByRole("region", { name: "Suggestions for Diesel generator set 100 kVA" });
  await expect(generator.locator("ol.candidates li").first()).toContainText("8502.12");
  await expect(generator.getByTestId("quantity-reading")).toHaveText(
    "Subheading by the quantity written: “100 kVA” → exceeding 75kVA but not exceeding 375kVA",
  );
  // a trade abbreviation read as the words it stands for (an earlier version suggested a smoking pipe)
  const pipe = page.getByRole("region", { name: "Suggestions for GI PIPE 2 INCH" });
  await expect(pipe.locator("ol.candidates li").first()).toContainText("7306.30");
  await expect(pipe.getByTestId("abbreviations")).toHaveText("Trade abbreviations read as the words they stand for: GI → galvanized iron");

  // 4. Compare two versions
  await page.locator("h1").click();
  await page.keyboard.press("ArrowRight");
  await expect(bar).toContainText("Step 4 of 6 · Compare two versions");
  await expect(page).toHaveURL(/\/compare\?/);
  await expect(page.getByTestId("verdict")).toContainText("B (hs-combined@1.34.0) is better by", { timeout: 60_000 });
  // back and forth by keyboard
  await page.keyboard.press("ArrowLeft");
  await expect(bar).toContainText("Step 3 of 6");
  await page.locator("h1").click();
  await page.keyboard.press("ArrowRight");
  await expect(bar).toContainText("Step 4 of 6");

  // 5. Request (admin) and approve (the second admin)
  await page.keyboard.press("ArrowRight");
  await expect(bar).toContainText("Step 5 of 6 · Request and approve a promotion");
  await expect(page).toHaveURL(/\/promotions$/);
  await page.locator("select[name=candidate]").selectOption("hs-retrieval@1.0.0");
  await expect(page.locator("select[name=set]")).toHaveValue("cbp-rulings");
  await page.getByRole("button", { name: "Request promotion" }).click();
  await expect(page.getByTestId("decision-unavailable")).toContainText("four-eyes rule", { timeout: 90_000 });
  const request = new URL(page.url()).pathname;
  await signOut(page);
  await signIn(page, DEMO.approver);
  await page.goto(request);
  await page.getByRole("button", { name: "Approve: put into production" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("approved");
  await expect(bar).toContainText("Step 5 of 6"); // the story survived signing in again

  // 6. Audit
  await page.locator("h1").click();
  await page.keyboard.press("ArrowRight");
  await expect(bar).toContainText("Step 6 of 6 · Audit");
  await expect(page).toHaveURL(/\/audit\?action=promotion\.$/);
  await expect(page.locator("tbody tr").filter({ hasText: "promotion.approve" })).toHaveCount(1);
  await keepScreenshot(page, testInfo, "presenter-audit");
  await page.keyboard.press("Escape");
  await expect(bar).toHaveCount(0);
  await expect(page.locator("body")).not.toHaveClass(/presenting/);

  // Reset: the seeded state is back (the audit log keeps the story)
  await page.goto("/present");
  await page.getByLabel("I know this changes production for everyone").check();
  await page.getByRole("button", { name: "Reset demo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Demo reset: hs-baseline@1.0.0 is in production again" })).toBeVisible();
  await page.goto("/promotions");
  await expect(page.getByTestId("production-version")).toHaveText("hs-baseline@1.0.0");
  await expect(page.locator("select[name=candidate]")).toContainText("hs-retrieval@1.0.0");
  expect(outside).toEqual([]);
});

test("a viewer is told beforehand which steps need an analyst, which the server refuses them", async ({ page }) => {
  await startSignedIn(page, DEMO.viewer);
  await page.goto("/present");
  await expect(page.getByTestId("story-needs")).toHaveText(
    "You are signed in as a viewer: steps 5 and 6 need more than a viewer may see or do. Sign in with the account each names to present the whole story.",
  );
  await expect(page.getByRole("listitem").filter({ hasText: "needs an analyst account" })).toHaveCount(2);
  expect((await page.request.get("/audit?action=promotion.")).status()).toBe(403);

  await startSignedIn(page, DEMO.analyst);
  await page.goto("/present");
  await expect(page.getByRole("heading", { name: "Present the workbench" })).toBeVisible();
  await expect(page.getByTestId("story-needs")).toHaveCount(0);
  await expect(page.getByText("needs an analyst account")).toHaveCount(0);
});
