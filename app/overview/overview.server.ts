// The managers' landing page: what is in production, since when and on whose approval, how accurate it is (from the
// model cards' evaluations, so every number has a source), how versions evolved, and what waits for a decision.
import { modelCardSchema, type ModelCard } from "../../models/hs-classifier/model-card";
import { CHAPTERS } from "../../workbench/evaluation/confusion-matrix";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import { listPromotionRequests } from "../../workbench/registry/promotion";
import { productionAt, productionVersion } from "../../workbench/registry/production-state";
import type { Db } from "../../workbench/store/db";
import { listModelVersions, modelCardOf } from "../../workbench/registry/model-registry";
import { formatModelRef } from "../../workbench/registry/model-ref";
import { nowIso } from "../../workbench/clock";
import type { ShippedSetId } from "../../workbench/evaluation/evaluation-sets";

/** The set the headline figures come from (phrased unlike training) and the one for "declarations". */
export const HEADLINE_SET: ShippedSetId = "held-out";
export const DECLARATIONS_SET: ShippedSetId = "demo-extract";

function cardOf(db: Db, name: string, version: string): ModelCard | null {
  const parsed = modelCardSchema.safeParse(modelCardOf(db, { name, version }));
  return parsed.success ? parsed.data : null;
}

/** The candidate a manager would look at next: the best held-out HS 6 top-1 (the newest on a tie). */
export function strongestCandidate(db: Db, versions: ReturnType<typeof listModelVersions>): string | null {
  let best: { ref: string; top1: number } | null = null;
  for (const v of versions.filter((x) => x.status === "candidate")) {
    const top1 = cardOf(db, v.name, v.version)?.evaluation[HEADLINE_SET]?.metrics.accuracy.hs6?.top1 ?? -1;
    if (!best || top1 >= best.top1) best = { ref: formatModelRef(v), top1 };
  }
  return best?.ref ?? null;
}

export function overviewData(db: Db) {
  const versions = [...listModelVersions(db)].sort((a, b) => a.registeredAt.localeCompare(b.registeredAt) || a.name.localeCompare(b.name));
  const production = productionVersion(db) ?? null;
  const since = productionAt(db, nowIso())[0] ?? null;
  const request = since?.requestId ? listPromotionRequests(db).find((r) => r.id === since.requestId) : undefined;
  const card = production ? cardOf(db, production.name, production.version) : null;
  const headline = card?.evaluation[HEADLINE_SET]?.metrics ?? null;
  const declarations = card?.evaluation[DECLARATIONS_SET] ?? null;
  const nomenclature = loadNomenclature();

  // Accuracy by section and chapter: HS6 top-1 and chapter top-1, weighted by the lines of each chapter.
  const chapters = (headline?.perChapter ?? []).map((c) => ({
    ...c,
    name: nomenclature.nameOf(c.chapter),
    section: nomenclature.lookup(c.chapter)?.section.id ?? "",
  }));
  const sections = nomenclature.sections().map((s) => {
    const members = chapters.filter((c) => c.section === s.id);
    const support = members.reduce((sum, c) => sum + c.support, 0);
    return {
      id: s.id,
      name: s.name,
      chapters: members.map((c) => c.chapter),
      support,
      top1: support ? members.reduce((sum, c) => sum + c.top1 * c.support, 0) / support : null,
      top1Hs2: support ? members.reduce((sum, c) => sum + c.top1Hs2 * c.support, 0) / support : null,
    };
  });

  return {
    production: production && {
      ref: formatModelRef(production),
      name: production.name,
      version: production.version,
      sha256: production.sha256,
      since: since?.since ?? production.statusChangedAt,
      how: since?.reason ?? "seed",
      requestId: since?.requestId ?? null,
      approvedBy: request?.decidedBy?.username ?? null,
      requestedBy: request?.requestedBy.username ?? null,
    },
    headline: headline && {
      set: HEADLINE_SET,
      description: card!.evaluation[HEADLINE_SET]!.description,
      n: headline.n,
      accuracy: headline.accuracy,
      meanLeadingDigits: headline.meanLeadingDigits,
    },
    declarations: declarations && { description: declarations.description, n: declarations.metrics.n, coverage: declarations.metrics.coverage },
    chapters,
    sections,
    allChapters: CHAPTERS.length,
    versions: versions.map((v) => {
      const m = cardOf(db, v.name, v.version)?.evaluation[HEADLINE_SET]?.metrics;
      return {
        ref: formatModelRef(v),
        status: v.status,
        registeredAt: v.registeredAt,
        hs6: m?.accuracy.hs6?.top1 ?? null,
        hs2: m?.accuracy.hs2?.top1 ?? null,
      };
    }),
    challenger: strongestCandidate(db, versions),
    open: listPromotionRequests(db, { status: "open" }).map((r) => ({
      id: r.id,
      from: r.baseline ? formatModelRef(r.baseline) : null,
      to: `${r.modelName}@${r.candidate.version}`,
      requestedBy: r.requestedBy.username,
      requestedAt: r.requestedAt,
      gatesPassed: r.gatesPassed,
    })),
  };
}
