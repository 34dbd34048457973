// From a combined configuration to a verified artifact (ADR 0013): two shipped versions — a retrieval model and a
// calibrated network — read from their own verified artifacts, the combined scores' temperature (and from 1.10.0 the
// top code's rescaling) fitted on the real evaluation sets (calibration only), the evaluation on every shipped set and the model card. Nothing is trained:
// the members are, and the combination's weight was chosen on the real sets (selection, which they may be used for).
import { join } from "node:path";
import { z } from "zod";
import { ArtifactError, readVerifiedFiles } from "../../workbench/registry/artifact-files";
import { artifactKind } from "../../workbench/registry/artifact-manifest";
import { REAL_SET_IDS, shippedSet } from "../../workbench/evaluation/evaluation-sets";
import { parseModelRef } from "../../workbench/registry/model-ref";
import { fitTemperature, fitTopCodeCalibration, softmax } from "./calibration";
import { evaluateOnShippedSets } from "./card-evaluation";
import { createClassifier } from "./classifier";
import { combinedConfigSchema, combinedKernel, combinedScores, type CombinedModel } from "./combined-model";
import { garmentSubheadings } from "./garment-reading";
import { quantitySubheadings } from "./quantity-reading";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import { writeArtifact } from "./artifact";
import { artifactKernel } from "./artifact-kernel";
import { modelCardSchema, REAL_TEXT_POLICY, SUGGEST_WITH_EVIDENCE, weakChaptersOf } from "./model-card";
import { nodeTf } from "./tf";
import type { TrainProgress, TrainResult } from "./train-pipeline";

const memberRef = z.string().refine((s) => parseModelRef(s) !== null, { error: "a version like hs-retrieval@1.2.0" });

export const combinedTrainingConfigSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, { error: "name: lower-case letters, digits and '-'" }),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { error: "version: like 1.0.0" }),
  description: z.string().min(1),
  combine: combinedConfigSchema.safeExtend({ retrieval: memberRef, network: memberRef }),
});
export type CombinedTrainingConfig = z.infer<typeof combinedTrainingConfigSchema>;

export async function trainCombined(config: CombinedTrainingConfig, onProgress: (p: TrainProgress) => void, root: string): Promise<TrainResult> {
  const started = performance.now();
  const tf = await nodeTf();
  const dirOf = (ref: string) => {
    const { name, version } = parseModelRef(ref)!;
    return join(root, name, version);
  };
  onProgress({ stage: "data", message: `reading ${config.combine.retrieval} and ${config.combine.network}` });
  // each member's files read and verified once: its computation is built from them, and they are copied into the new artifact
  const retrievalFiles = readVerifiedFiles(dirOf(config.combine.retrieval));
  if (artifactKind(Object.keys(retrievalFiles.files)) !== "retrieval")
    throw new ArtifactError(`${config.combine.retrieval} is not a retrieval model`);
  const networkFiles = readVerifiedFiles(dirOf(config.combine.network));
  const cardOf = (files: Record<string, Buffer>) => modelCardSchema.parse(JSON.parse(files["card.json"]!.toString("utf8")));
  const networkCard = cardOf(networkFiles.files);
  const networkTemperature = networkCard.calibration?.temperature;
  if (artifactKind(Object.keys(networkFiles.files)) !== "network" || networkTemperature === undefined) {
    throw new ArtifactError(`${config.combine.network} is not a network calibrated on the real sets`);
  }
  const read = (files: Record<string, Buffer>) => (file: string) => files[file]!;
  const { kernel: retrieval } = await artifactKernel("retrieval", read(retrievalFiles.files), retrievalFiles.manifest.files, async () => tf);
  const { kernel: net, labels, neural } = await artifactKernel("network", read(networkFiles.files), networkFiles.manifest.files, async () => tf);
  const { retrieval: _retrievalRef, network: _networkRef, ...combine } = config.combine;
  // the garment subheadings, read from the nomenclature once and kept in the artifact (the browser has no fixtures)
  const garments = combine.garmentBonus ? garmentSubheadings(loadNomenclature().subheadings()) : undefined;
  const quantities = combine.quantityMargin ? quantitySubheadings(loadNomenclature().subheadings()) : undefined;

  onProgress({ stage: "evaluate", message: "fitting the temperature on the real evaluation sets (calibration only)" });
  const real = REAL_SET_IDS.flatMap((id) => shippedSet(id).lines);
  const scored = await combinedScores(
    retrieval,
    net,
    combine,
    real.map((l) => l.text),
    garments,
    quantities,
  );
  const rows = real.map((l, i) => {
    const accepted = new Set([l.truth, ...(l.alsoAccepted ?? [])]);
    return { scores: scored[i]!.scores, accepted: scored[i]!.codes.map((c) => accepted.has(c)) };
  });
  const temperature = fitTemperature(rows);
  // then the top code's confidence, on the same lines: is the top code right, at what probability after the temperature
  const topCode = combine.calibrateTopCode
    ? fitTopCodeCalibration(
        rows.map((r) => ({ confidence: r.scores.length ? softmax(r.scores, temperature)[0]! : 0, right: r.accepted[0] ?? false })),
      )
    : undefined;
  const kernel = combinedKernel(retrieval, net, combine, temperature, garments, topCode, quantities);
  const classifier = createClassifier(kernel, { name: config.name, version: config.version, sha256: "" });

  onProgress({ stage: "evaluate", message: "evaluating on every shipped set" });
  const evaluation = await evaluateOnShippedSets(classifier, { demoExtractSample: 10_000 });

  onProgress({ stage: "save", message: "saving the artifact" });
  const identity = (ref: string, sha256: string) => ({ ...parseModelRef(ref)!, sha256 });
  const combined: CombinedModel = {
    config: combine,
    temperature,
    retrieval: identity(config.combine.retrieval, retrievalFiles.manifest.sha256),
    network: { ...identity(config.combine.network, networkFiles.manifest.sha256), temperature: networkTemperature },
    ...(garments ? { garments } : {}),
    ...(topCode ? { topCode } : {}),
    ...(quantities ? { quantities } : {}),
  };
  const contents: Record<string, Uint8Array> = {
    "combined.json": Buffer.from(JSON.stringify(combined, null, 2) + "\n"),
    "retrieval.json": retrievalFiles.files["retrieval.json"]!,
    "model.json": networkFiles.files["model.json"]!,
    "weights.bin": networkFiles.files["weights.bin"]!,
    "features.json": networkFiles.files["features.json"]!,
    "labels.json": networkFiles.files["labels.json"]!,
  };
  const retrievalCard = cardOf(retrievalFiles.files);
  const dir = join(root, config.name, config.version);
  const { manifest, card } = writeArtifact(dir, contents, {
    name: config.name,
    version: config.version,
    description: config.description,
    createdAt: new Date().toISOString(),
    intendedUse: SUGGEST_WITH_EVIDENCE,
    limitations: [
      REAL_TEXT_POLICY,
      `Combines ${config.combine.retrieval} (tariff wording searched) and ${config.combine.network} (a network trained on tariff wording and generated rewrites): it inherits both members' limits, and the weight between them was chosen on the real sets, so its figures there are optimistic.`,
      "Foreign lines are read by the retrieval member's glossaries only: the network does not read them, so they lean on retrieval.",
      ...(combine.retrievalAloneOnAsianLines ? ["Lines the retrieval member reads as Chinese, Vietnamese or Thai are scored by it alone."] : []),
      ...(combine.goodsWeight
        ? [
            "The goods a description names before what they are for are found by English use phrases only ('for', 'used in', 'designed for'): a description that names its use first, or in another language, is searched whole only. The goods part's weight was chosen on the real sets too.",
          ]
        : []),
      ...(topCode
        ? [
            `The top code's confidence is rescaled after the temperature (σ(${topCode.slope.toFixed(3)} · logit p ${topCode.intercept < 0 ? "−" : "+"} ${Math.abs(topCode.intercept).toFixed(3)})), fitted on the real sets: its calibration error there is in-sample.`,
          ]
        : []),
      ...(combine.garmentBonus
        ? [
            `Garments of chapters 61 and 62 are read from English words only (kind, knitted or not, men's or women's, the fibre that predominates)${combine.garmentsThroughTranslations ? ", a foreign line through the English its words were read as" : ": a description in another language is not read that way"}; one that does not say these things is not read as a garment, and a garment read wrongly is pushed towards the wrong subheadings. The reading's weight was chosen on the real sets, whose garment lines were looked at while writing it: its figures there are optimistic.`,
          ]
        : []),
      ...(combine.materialMargin
        ? [
            "Jewellery (a line whose best code is in heading 71.13, 71.16 or 71.17) takes the subheading the material it names gives — silver, gold or platinum, gold-filled, genuine pearls, precious or semi-precious stones (cubic zirconia counts) — and wigs and hairpieces (67.04) of human hair 6704.20, read from English words (a foreign line through the English its words were read as); a material named only as a minor part (a silver post on earrings otherwise of base metal) is read as the whole article's, and a stone's name used for a colour or a cut is told apart only where a colour or cut word follows it ('turquoise blue', 'diamond cut'; a 'turquoise bracelet' is read as of the stone). The readings were written after looking at the real listings' jewellery and wig lines: their figures there are optimistic.",
          ]
        : []),
      ...(combine.readsFootwear
        ? [
            "Footwear (a line that names shoes, boots, sandals, slippers, sneakers… and the material of their upper, whatever its best code) takes the subheading of chapter 64 they give: uppers of leather 64.03, of textile 64.04, of rubber or plastics (PU or other synthetic leather included) 64.02, rain boots 64.01, then sports footwear, flip-flops, a metal toe-cap, a leather sole and whether it covers the ankle. A material said to be the sole's or the lining's ('rubber sole', 'fleece lined') is not read as the upper's, and a title that names several upper materials is read by the first; 'cotton', 'plush', 'velvet' and similar words, which footwear titles often use for a lining or warmth, correct a best code outside chapter 64 only. Written from chapter 64's texts and notes and our own lines; one change (those soft textile words) was made after seeing two marketplace listings it read otherwise than their experts.",
          ]
        : []),
      ...(combine.readsHouseholdArticles
        ? [
            "A table, kitchen or household article (a line that names a pan, a pot, a bowl, a mug, a colander, a tray, cutlery, a rubbish bin, a bucket… and what it is made of) takes the subheading its material gives — plastics 39.24, wood 44.19 (bamboo 4419.1x), porcelain 69.11, other ceramics 69.12, glass 70.13 (a glass cup or mug a drinking glass), cast iron, enamelled iron or steel, stainless steel and other iron or steel 73.23, copper 74.18, aluminium 76.15, spoons, forks, ladles and cutlery of base metal 82.15 — where its best code is another material's article, the material's other articles or forms, or sanitary ware; a best code in the material's own heading is kept. The first material named is read, unless it is a handle's, a lid's, a tip's or a coating's ('Copper Saucepan with Brass Handle' is copper); a line that names a sink, a toilet, a jar or a bottle (whose heading its use decides) is not read so. Written from the nomenclature's texts and our own lines in eight languages before its figures on the real sets were seen (one ruling, a plastic-coated steel wire dish rack, moved to its right code; no listing moved).",
          ]
        : []),
      ...(combine.readsMetalArticles
        ? [
            "A fastener, a tube or pipe fitting, a chain, a spring, wire cloth or netting, or a hinge (a line that names screws, bolts, nuts, washers, rivets, cotter-pins, nails, elbows, tees, flanges, couplings, chain, springs, wire mesh, fencing, hinges… and what it is made of) takes the subheading its material gives — screws, bolts, nuts, washers, rivets and cotter-pins of iron or steel 73.18 (wood, self-tapping and coach screws, screw hooks, nuts, spring washers, rivets and cotters apart), of copper 74.15, of aluminium 7616.10, of plastics 3926.90, rubber washers 4016.93, nails and staples 73.17, 7415.10; fittings of iron or steel 73.07 (cast, stainless steel, flanges, butt-welding, threaded elbows), of copper 74.12 (refined, or alloys such as brass), of aluminium 76.09, of plastics 3917.40; chain 73.15, springs 73.20, wire cloth, netting and fencing 73.14 (woven, welded, chain-link, zinc- or plastic-coated), of aluminium 7616.91; such articles of copper, nickel, zinc or titanium their metal's other articles; hinges of base metal 8302.10, of plastics 3926.30 — where its best code is another material's article or another article of its material (a sink, wire, titanium's oxides); a best code the words do not contradict is kept. The first article named is read, with the first material named that is not a plating's or a part's ('zinc plated steel bolts' are steel, 'nylon insert lock nuts' name none); a line that also names a table, kitchen or household article, a piece of jewellery, or goods made of mesh (a strainer, a tea infuser, a bag) is not read so, nor a machine or tool named by a fastener ('screw conveyor', 'bolt cutter', 'pressure washer'). Written from the nomenclature's texts and our own lines before its figures on the real sets were seen (no line of either moved).",
          ]
        : []),
      ...(combine.readsFlatRolled
        ? [
            "A coil, a sheet, a plate or a strip of iron or non-alloy steel or of stainless steel (a line that names one and its steel: 'HR', 'CR', 'GI', 'PPGI' read as their words) takes the subheading of 72.08 to 72.12, 72.19 or 72.20 its words give — width (a written width below 600 mm, or a strip, is narrow; otherwise wide), hot or cold rolling, a coating (tin, zinc by electrolysis or otherwise, corrugated, aluminium-zinc, painted or plastic-coated), in coils or not (sheets and plates are not, unless the line says so), pickled, patterns in relief, and the thickness in mm (the smaller of two lengths written 'T X W') — where its best code is another flat-rolled product's (other alloy steel's too, where the line names no alloy), an article's of iron or steel (a railway fish-plate for a plate, a sink for a stainless sheet, wire netting for a galvanized strip) or tin's. A line that does not say how it was rolled is read as hot-rolled from 3 mm and cold-rolled below, and the other's code of the same thickness is kept; an uncoated product without its thickness, other alloy steel (72.25, 72.26) and electrical steel are not read, nor a narrow cold-rolled strip's carbon content (7211.23 and .29 both kept). Written from the nomenclature's texts and our own lines before its figures on the real sets were seen.",
          ]
        : []),
      ...(combine.unnamedFormsMargin
        ? [
            "A description that names a material (stainless steel, aluminium, plastic, glass, wood… in English or read through a glossary) is searched again without those words, and a heading of the material's primary or semi-finished forms (plastics in primary forms, plates and film, rubber, base metals unwrought, as bars, wire, plates, tubes and tube fittings) that this search does not name is put far down: 'stainless steel nuts' are nuts, not stainless steel wire. A line that is the material itself but names its form by a word the tariff texts do not use ('304 stainless steel 1kg lot') can lose the right heading so. Written after our own lines about articles of stainless steel in four languages were read as stainless steel wire; two choices were made on the real sets (searching the goods part only, after two rulings about pipe spools and plastic film used for something lost their chapter; keeping it), so its figures there are optimistic.",
          ]
        : []),
      ...(combine.quantityMargin
        ? [
            "A description's quantities with their unit (kW, W, HP, kVA, V, cc, kg, g, lb, l, ml, g/m²; a bound as declarations write it: 'gt 150g/m2', 'max 1500W', 'nt exc 10 kg') are read against the ranges the nomenclature's own subheading texts give: where the best code's range holds none of them, the best code of its heading whose range holds one is put one point above it (or of its chapter, where the two texts differ only by their ranges: cotton fabrics of 52.08 and 52.09). A quantity is not known to be what the range is of: a shipment's total ('15 LITRES GRAPE WINE', the wine bottled) or an engine's power read as a motor's output moves a line wrongly; lengths and thicknesses are not read, nor units written out in another language ('litros'). Written from the nomenclature's texts and our own lines; the real sets have few lines such a range decides, and none moved to or from its right code.",
          ]
        : []),
      ...(combine.ignitionMargin
        ? [
            "An engine, a generating set or a motor vehicle whose best code is of the other ignition than the fuel its line names (diesel: compression-ignition; petrol, gasoline, LPG, natural gas: spark-ignition) takes its heading's best code of that ignition; the list of which codes are which is written from the HS 2022 legal texts. A line naming both fuels, or none, is not read so, and the subheading within the ignition's codes is the members' (and the quantities').",
          ]
        : []),
      ...(combine.unnamedFuelsMargin
        ? [
            "A description that names a fuel (diesel, petrol, gasoline, kerosene, LPG, propane, butane) is searched again without it and the words fuels' own lines use (fuel, oil, octane, RON, ppm…), and a fuel's code of 27.10 or 27.11 that this search does not name is put far down: a 'Diesel car' is a car, 'Diesel fuel 10ppm' stays gas oil. A fuel line described by words the tariff texts do not use for fuels could lose its code so.",
          ]
        : []),
      ...(combine.handWrittenAsWritten
        ? [
            "A garment line in Chinese, Vietnamese or Thai is read through its hand-written glossary's English as written ('áo thun', 'เสื้อยืด', '恤': t-shirt, knitted); an entry whose English is a shirt, a jacket or a dress says nothing of knitting, and such a line is read as either.",
          ]
        : []),
      "Only HS 2022; national 8/10-digit lines are not predicted.",
    ],
    features: neural!.features,
    architecture: {
      kind: "combined",
      hidden: networkCard.architecture.hidden,
      dropout: 0,
      labels: labels.length,
      parameters: retrievalCard.architecture.parameters + networkCard.architecture.parameters,
    },
    calibration: { method: "temperature", temperature, ...(topCode ? { topCode } : {}), fittedOn: [...REAL_SET_IDS] },
    training: {
      sources: [
        `${config.combine.retrieval} (its artifact's retrieval.json)`,
        `${config.combine.network} (its network and features)`,
        ...(garments ? ["fixtures/hs/hs2022-nomenclature.csv (the garment subheadings of chapters 61 and 62, read into combined.json)"] : []),
        ...(quantities ? ["fixtures/hs/hs2022-nomenclature.csv (the subheadings' ranges of quantities, read into combined.json)"] : []),
      ],
      split: "the members' own: neither has indexed or trained on a real evaluation line",
      examples: networkCard.training.examples,
      augmentations: 0,
      seed: 0,
      secondsPerEpoch: [Math.round((performance.now() - started) / 100) / 10],
    },
    evaluation,
    weakChapters: weakChaptersOf(evaluation["cbp-rulings"]!.metrics, 5),
  });
  return { dir, manifest, card };
}
