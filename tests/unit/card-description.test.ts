import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cardDescriptionParts, membersNotNamed } from "../../models/hs-classifier/card-description";

const descriptionOf = (ref: string) => (JSON.parse(readFileSync(`models/artifacts/${ref}/card.json`, "utf8")) as { description: string }).description;

describe("a card's description", () => {
  it("leads with what the model is and what this version changed; earlier changes follow, none lost", () => {
    const text = descriptionOf("hs-combined/1.7.0");
    const parts = cardDescriptionParts(text, "1.7.0");
    expect(parts.summary).toMatch(/^hs-retrieval@1\.3\.0 and hs-hierarchical-glossary@1\.0\.0 combined:/);
    expect(parts.thisVersion).toMatch(/^1\.7\.0's retrieval member, hs-retrieval@1\.6\.0, also reads Portuguese/);
    expect(parts.earlier.map((c) => c.slice(0, 5))).toEqual(["1.2.0", "1.3.0", "1.4.0", "1.5.0", "1.6.0"]);
    expect([parts.summary, ...parts.earlier, parts.thisVersion].join(" ")).toBe(text.replace(/\s+/g, " "));
  });

  it("keeps a version whose last change is another's as history, and a plain description whole", () => {
    // hs-retrieval-fast 1.1.0's description names no later change; 1.2.0's last sentence is 1.1.0's
    expect(cardDescriptionParts(descriptionOf("hs-retrieval-fast/1.1.0"), "1.1.0")).toEqual({
      summary: descriptionOf("hs-retrieval-fast/1.1.0"),
      thisVersion: null,
      earlier: [],
    });
    const fast = cardDescriptionParts(descriptionOf("hs-retrieval-fast/1.2.0"), "1.2.0");
    expect(fast.thisVersion).toBeNull();
    expect(fast.earlier).toHaveLength(1);
    expect(cardDescriptionParts("A model. 2 layers. Version 1.0.0 is first.", "1.0.0")).toEqual({
      summary: "A model. 2 layers. Version 1.0.0 is first.",
      thisVersion: null,
      earlier: [],
    });
  });

  it("says which versions a combined version is built from where its summary names the members it was first written for", () => {
    const cardOf = (ref: string) =>
      JSON.parse(readFileSync(`models/artifacts/${ref}/card.json`, "utf8")) as { description: string; training: { sources: string[] } };
    const latest = cardOf("hs-combined/1.34.0");
    expect(cardDescriptionParts(latest.description, "1.34.0").summary).toMatch(/^hs-retrieval@1\.3\.0 and hs-hierarchical-glossary@1\.0\.0 combined/);
    expect(membersNotNamed(cardDescriptionParts(latest.description, "1.34.0").summary, latest.training.sources)).toEqual([
      "hs-retrieval@1.22.0",
      "hs-hierarchical-glossary@1.0.0",
    ]);
    // the version the summary was written for, and a version that names no other model's version, need no such line
    const first = cardOf("hs-combined/1.2.0");
    expect(membersNotNamed(cardDescriptionParts(first.description, "1.2.0").summary, first.training.sources)).toBeNull();
    const standard = cardOf("hs-standard/1.0.0");
    expect(membersNotNamed(cardDescriptionParts(standard.description, "1.0.0").summary, standard.training.sources)).toBeNull();
  });
});
