// Footwear read by what its upper and sole are made of (footwear-reading.ts, hs-combined from 1.20.0): chapter 64 puts
// uppers of rubber or plastics in 64.02 (64.01 waterproof), of leather in 64.03, of textile in 64.04, soles of wood, cork
// or jute in 64.05; the subheading follows from sports, flip-flops, a metal toe-cap, a leather sole and the ankle. A line
// about something else for footwear is not read, and a best code the words do not contradict is kept.
import { describe, expect, it } from "vitest";
import { readFootwear } from "../../models/hs-classifier/footwear-reading";
import { describeMaterial, materialFor, readMaterials } from "../../models/hs-classifier/material-reading";
import { combinedTrainingConfigSchema } from "../../models/hs-classifier/combined-training";
import { readFileSync } from "node:fs";

const codeOf = (text: string) => readFootwear(text)?.code ?? null;

describe("footwear's heading by the upper's and the sole's material", () => {
  it("reads the upper's material, synthetic leather as plastics", () => {
    expect(codeOf("Men's genuine leather oxford shoes")).toBe("640399");
    expect(codeOf("Suede moccasins rubber sole")).toBe("640399");
    expect(codeOf("PU leather loafers men")).toBe("640299");
    expect(codeOf("Vegan leather ankle boots")).toBe("640291");
    expect(codeOf("Microfiber leather sneakers")).toBe("640299");
    expect(codeOf("EVA garden clogs")).toBe("640299");
    expect(codeOf("Canvas sneakers low top")).toBe("640419");
    expect(codeOf("Cotton canvas high top sneakers")).toBe("640419");
  });

  it("reads a material said to be the sole's or the lining's as not the upper's", () => {
    expect(codeOf("Rubber sole canvas shoes")).toBe("640419");
    expect(codeOf("Leather-soled men's oxford shoes calfskin")).toBe("640359");
    expect(codeOf("Fleece lined suede boots")).toBe("640391");
    expect(codeOf("Canvas espadrilles with jute sole")).toBe("640520");
    expect(codeOf("Suede clogs wooden sole")).toBe("640510");
    expect(codeOf("Mesh sneakers with leather outsole")).toBe("640420");
    expect(codeOf("Footwear with outer soles of rubber and uppers of leather")).toBe("640399");
    // a sole's material after the word for sole, as a line read from Vietnamese is ("đế cao su": sole rubber)
    expect(codeOf("sports shoes men sole rubber")).toBeNull();
  });

  it("reads the subheadings: ski, sports, flip-flops, metal toe-cap, waterproof, ankle", () => {
    expect(codeOf("Ski boots plastic shell")).toBe("640212");
    expect(codeOf("Football boots synthetic upper with studs")).toBe("640219");
    expect(codeOf("Leather cycling shoes road bike")).toBe("640319");
    expect(codeOf("PVC flip flops beach")).toBe("640220");
    expect(codeOf("Steel toe leather work boots")).toBe("640340");
    expect(codeOf("Kids rubber rain boots")).toBe("640192");
    expect(codeOf("Rubber wellingtons knee high")).toBe("640199");
    expect(codeOf("PVC rain clogs garden")).toBe("640199");
    expect(codeOf("Waterproof rubber boots for fishing")).toBe("640192");
    // a "waterproof" sneaker is as often stitched: 64.02, not the moulded footwear of 64.01
    expect(codeOf("Waterproof PU sneakers")).toBe("640299");
    expect(codeOf("Nylon snow boots kids")).toBe("640419");
    expect(codeOf("Women's suede ankle boots")).toBe("640391");
    expect(codeOf("Leather sandals with ankle strap")).toBe("640399");
    expect(codeOf("Footwear with uppers and outer soles of leather, not covering the ankle")).toBe("640359");
    // tennis, basketball, gym and training shoes "and the like" only in 64.04; a leather basketball shoe is not sports footwear
    expect(codeOf("Mesh running shoes men")).toBe("640411");
    expect(codeOf("Leather basketball sneakers high top")).toBe("640391");
    expect(codeOf("Knit sock sneakers slip-on")).toBe("640419");
  });

  it("reads no other goods, and no footwear whose upper's material it is not told", () => {
    for (const text of [
      "Shoe rack 4 tier metal",
      "Leather shoe polish black",
      "Rubber boot tray",
      "Canvas shoe bag for travel",
      "Brake shoes for trucks",
      "Aluminium snow shoes with plastic bindings",
      "Polishes, creams and similar preparations for footwear, leather",
      "Cotton shoe laces 120 cm",
      "Finished cow leather for shoes",
      "Nylon footwear lacings 150 cm",
      "Cotton romper with boots print",
      "Plastic water pumps",
      "Leather uppers for footwear",
      "Knitted socks and hosiery, footwear without applied soles, cotton",
      "Men's oxford shoes size 42",
      "Stainless steel sink",
    ])
      expect(codeOf(text), text).toBeNull();
    expect(codeOf("Women's synthetic leather pumps high heel")).toBe("640299");
  });

  it("applies whatever the best code, unless the words do not contradict it", () => {
    const read = (text: string) => readMaterials(text, { footwear: true });
    expect(readMaterials("EVA garden clogs")).toEqual([]);
    expect(materialFor(read("EVA garden clogs"), "820130")!.code).toBe("640299");
    // without its sole named, a textile upper's footwear may have soles of jute (6405.20)
    expect(materialFor(read("Canvas espadrilles"), "640520")).toBeUndefined();
    expect(materialFor(read("Canvas espadrilles"), "640299")!.code).toBe("640419");
    // "cotton", "plush", "velvet": perhaps the lining's, so another heading of footwear stays
    expect(materialFor(read("Cotton slippers warm"), "640299")).toBeUndefined();
    expect(materialFor(read("Velvet loafers men"), "620520")!.code).toBe("640419");
    // jewellery's reading still applies where the best code is jewellery
    expect(materialFor(read("925 Sterling Silver Hoop Earrings"), "711719")!.code).toBe("711311");
  });

  it("says what it read, as written", () => {
    const [reading] = readMaterials("Women's suede ankle boots block heel", { footwear: true });
    expect(describeMaterial(reading!)).toBe("footwear with uppers of leather, covering the ankle (“suede … ankle … boots”) → 6403.91");
    const [moccasins] = readMaterials("Suede moccasins rubber sole", { footwear: true });
    expect(describeMaterial(moccasins!)).toBe(
      "footwear with uppers of leather, outer soles of rubber or plastics, not covering the ankle (“Suede … rubber sole … moccasins”) → 6403.99",
    );
  });

  it("is refused in a training config without the margin it is scored by, before anything is trained", () => {
    const config = JSON.parse(readFileSync("models/configs/hs-combined.json", "utf8"));
    expect(config.combine).toMatchObject({ readsFootwear: true, readsHouseholdArticles: true, materialMargin: 1 });
    expect(combinedTrainingConfigSchema.safeParse(config).success).toBe(true);
    delete config.combine.materialMargin;
    const refused = combinedTrainingConfigSchema.safeParse(config);
    expect(refused.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "combine.readsFootwear: readsFootwear goes with materialMargin",
      // household articles (household-reading.ts, from hs-combined@1.25.0) are scored by it too
      "combine.readsHouseholdArticles: readsHouseholdArticles goes with materialMargin",
      // and fasteners, fittings and the like (metal-article-reading.ts, from 1.33.0), flat-rolled steel (from 1.34.0)
      "combine.readsMetalArticles: readsMetalArticles goes with materialMargin",
      "combine.readsFlatRolled: readsFlatRolled goes with materialMargin",
    ]);
  });
});
