// Translation revision 11: a product name read as the kind of device in a line about an accessory of it.
import { describe, expect, it } from "vitest";
import { deviceReader } from "../../models/hs-classifier/device-reading";
import { RetrievalIndex, type RetrievalDocument } from "../../models/hs-classifier/retrieval-index";
import { glossaryTerms, loadDevices, readDeviceList } from "../../models/hs-classifier/retrieval-documents";
import { retrievalWords } from "../../models/hs-classifier/retrieval-text";
import { TEST_RETRIEVAL_CONFIG, topCode as top } from "../support/retrieval-test-config";

const DEVICES = [
  ["iphone", "phone"],
  ["galaxy", "phone"],
  ["galaxy watch", "smartwatch"],
  ["ipad", "tablet"],
  ["airpods", "earbuds"],
  ["apple watch", "smartwatch"],
  ["nintendo switch", "console"],
] as const;
const read = deviceReader(DEVICES)!;

describe("deviceReader", () => {
  it("reads a name and its model words as the kind of device when an accessory follows it", () => {
    expect(read("iPhone 15 case")).toEqual({ text: "phone case", read: [{ name: "iPhone 15", device: "phone" }] });
    expect(read("iPhone 14 Pro Max silicone case")?.text).toBe("phone silicone case");
    expect(read("Galaxy S23 Ultra clear TPU cover")?.text).toBe("phone clear TPU cover");
    expect(read("iPad Air 5 (2nd gen) folio")?.read).toEqual([{ name: "iPad Air 5 (2nd gen)", device: "tablet" }]);
    // the longer name first, a hyphen or no space inside it as lines write it
    expect(read("Galaxy-Watch 6 strap")).toEqual({ text: "smartwatch strap", read: [{ name: "Galaxy-Watch 6", device: "smartwatch" }] });
    expect(read("APPLEWATCH band")?.text).toBe("smartwatch band");
  });

  it("reads it when the accessory comes first and the line says what it is for", () => {
    expect(read("clear case for iPhone 13")?.text).toBe("clear case for phone");
    expect(read("Magnetic case compatible with iPhone 15 MagSafe")?.text).toBe("Magnetic case compatible with phone MagSafe");
    expect(read("strap fits Apple Watch Series 9")?.text).toBe("strap fits smartwatch");
    // a second device of the same accessory
    expect(read("wireless charger for iPhone and AirPods")).toEqual({
      text: "wireless charger for phone and earbuds",
      read: [
        { name: "iPhone", device: "phone" },
        { name: "AirPods", device: "earbuds" },
      ],
    });
  });

  it("reads lines in the five languages of our trade glossaries, the accessory before the name or after it", () => {
    expect(read("Funda iPhone 15 silicona")?.text).toBe("Funda phone silicona");
    expect(read("Capinha para iPhone 13 transparente")?.text).toBe("Capinha para phone transparente");
    expect(read("Coque iPhone 15 Pro transparente")?.text).toBe("Coque phone transparente");
    expect(read("iPhone 14 Schutzhülle Silikon")?.text).toBe("phone Schutzhülle Silikon");
    // with a Polish ending
    expect(read("Etui na iPada Air")).toEqual({ text: "Etui na tablet", read: [{ name: "iPada Air", device: "tablet" }] });
    // what comes with the device, in those languages too
    for (const text of ["iPhone 15 con cargador", "iPad Air mit Hülle", "iPhone 13 i etui"]) expect(read(text), text).toBeUndefined();
  });

  it("writes the kind once where the line names it after the name", () => {
    expect(read("iPhone 12 phone case")?.text).toBe(" phone case");
  });

  it("leaves a line about the device itself, or the device with what comes with it, as it stands", () => {
    for (const text of [
      "iPhone 15 Pro 256GB",
      "Galaxy S23 smartphone with charger",
      "iPhone 15 with case",
      "Nintendo Switch OLED console",
      "Apple Watch Series 9 GPS 45mm midnight",
      "galaxy projector night light",
      "light switch cover",
    ])
      expect(read(text), text).toBeUndefined();
    // only whole names: "iphones" is no product name, "ipadding" none either
    expect(read("ipadding case")).toBeUndefined();
  });
});

describe("the retrieval index from revision 11", () => {
  const documents: RetrievalDocument[] = [
    ["851713", "iphone"],
    ["851713", "smartphones mobile phones"],
    ["392690", "phone case"],
    ["392690", "other articles of plastics"],
    ["911180", "watch cases of base metal"],
    ["420292", "tablet case"],
    ["847130", "ipad"],
    ["847130", "portable automatic data processing machines laptop tablet"],
  ].map(([code, text], i) => ({ code: code!, text: text!, source: `line ${i}` }));
  const indexOf = (translationRevision: 10 | 11) =>
    new RetrievalIndex(documents, { ...TEST_RETRIEVAL_CONFIG, translationRevision }, { devices: DEVICES });
  const [revision10, revision11] = [indexOf(10), indexOf(11)];

  it("finds the accessory where the name found the device, and lists what it read", () => {
    expect(top(revision10, "iPhone 15 case")).toBe("851713");
    expect(top(revision11, "iPhone 15 case")).toBe("392690");
    expect(top(revision11, "case for iPad Air 5")).toBe("420292");
    expect(revision11.devicesOf("case for iPad Air 5")).toEqual([{ name: "iPad Air 5", device: "tablet" }]);
    expect(revision10.devicesOf("case for iPad Air 5")).toEqual([]);
    expect(revision11.readsDevices).toBe(true);
    expect(revision10.readsDevices).toBe(false);
  });

  it("reads a foreign line as foreign though the kind of device written in it is English", () => {
    const withTranslations = new RetrievalIndex(
      documents,
      { ...TEST_RETRIEVAL_CONFIG, translationRevision: 11 },
      { devices: DEVICES, translations: new Map([["funda", "case"]]) },
    );
    expect(withTranslations.translationsOf("Funda iPhone 15")).toEqual([{ word: "funda", english: "case" }]);
    expect(top(withTranslations, "Funda iPhone 15")).toBe("392690");
  });

  it("reads a device's own line as before", () => {
    for (const text of ["iPhone 15 Pro 256GB", "iPad Air 64GB"]) {
      expect(top(revision11, text), text).toBe(top(revision10, text));
      expect(revision11.devicesOf(text)).toEqual([]);
    }
  });
});

describe("a device list (fixtures/glossary/devices.csv)", () => {
  it("is read as lower-case names, each once, with a one-word kind, naming the row of one that is not", () => {
    expect(readDeviceList("name,device\niphone,phone\napple watch,smartwatch\n", "devices.csv")).toEqual([
      ["iphone", "phone"],
      ["apple watch", "smartwatch"],
    ]);
    expect(() => readDeviceList("name,device\niPhone,phone\n", "devices.csv")).toThrow(
      "devices.csv row 2: 'iPhone' is not a product name in lower case",
    );
    expect(() => readDeviceList("name,device\nipad,tablet pc\n", "devices.csv")).toThrow("devices.csv row 2: 'tablet pc' is not a kind of device");
    expect(() => readDeviceList("name,device\nipad,tablet\nkindle,tablet\nipad,tablet\n", "devices.csv")).toThrow(
      "devices.csv row 4: 'ipad' is listed already on row 2",
    );
  });

  it("ships with a kind the device-goods glossary pairs with accessories for each name", () => {
    const devices = loadDevices();
    expect(devices.length).toBeGreaterThanOrEqual(30);
    const accessories = new Set(glossaryTerms("device-goods").flatMap((t) => retrievalWords(t.text)));
    for (const [name, device] of devices) expect(accessories.has(retrievalWords(device)[0]!), `${name}: ${device}`).toBe(true);
  });
});
