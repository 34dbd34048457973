// The managers' landing page: what is in production, since when and on whose approval, how accurate it is on real
// text (the real evaluation sets; the model card's synthetic figures only until those are computed, labelled so),
// how versions evolved, and what waits for a decision. Every number names its set.
import { modelCardSchema, type ModelCard } from "../../models/hs-classifier/model-card";
import { CHAPTERS } from "../../workbench/evaluation/confusion-matrix";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import { listPromotionRequests } from "../../workbench/registry/promotion";
import { productionAt, productionVersion } from "../../workbench/registry/production-state";
import type { Db } from "../../workbench/store/db";
import { listModelVersions, modelCardOf, resolveVersion } from "../../workbench/registry/model-registry";
import type { ModelVersion } from "../../workbench/registry/model-version";
import { compareVersions, formatModelRef } from "../../workbench/registry/model-ref";
import { nowIso } from "../../workbench/clock";
import { DEFAULT_SET_ID, SHIPPED_SETS, type ShippedSetId } from "../../workbench/evaluation/evaluation-sets";
import { realTextFigures, type RealSetId } from "../../workbench/evaluation/real-text";
import { measuredCoverage } from "../../workbench/evaluation/metrics";
import type { PredictorOf } from "../../workbench/evaluation/predictor";
import { measureRealSets, noteMeasuringFailed, whyNotMeasured } from "~/models/measuring-failures.server";

/** How long the Overview and the Models list wait for real-text figures before showing what is measured. */
export const PAGE_WAIT_MS = 1500;

/** Jobs measuring real-text figures now, from every caller, by version (how many versions /healthz reports). */
const jobsNow = new Map<string, number>();

export function versionsBeingMeasured(): number {
  return jobsNow.size;
}

/**
 * Real-text figures need each version's predictions on the real sets (518 lines; seconds per artifact, started when
 * the server starts, once). A page waits for them at most `waitMs`, then shows what is measured and names the versions
 * still being measured (it updates itself); a version that cannot be measured keeps its card's synthetic figures,
 * labelled so, and the pages say why (whyNotMeasured). A remote endpoint may be slow or down: its figures come in the
 * background, never waited for.
 */
export async function ensureRealTextFigures(db: Db, predictorOf: PredictorOf, waitMs = Infinity): Promise<string[]> {
  const versions = (await listModelVersions(db)).filter((v) => v.status !== "archived");
  const measuring = new Set<string>();
  const local: Promise<void>[] = [];
  for (const v of versions) {
    const job = resolveVersion(db, v).then(
      (version) => measureRealSets(db, version, predictorOf),
      (error: unknown) => noteMeasuringFailed(v, error),
    );
    if (v.kind === "remote") continue;
    const ref = formatModelRef(v);
    measuring.add(ref);
    jobsNow.set(ref, (jobsNow.get(ref) ?? 0) + 1);
    local.push(
      job.then(() => {
        measuring.delete(ref);
        const left = jobsNow.get(ref)! - 1;
        if (left) jobsNow.set(ref, left);
        else jobsNow.delete(ref);
      }),
    );
  }
  if (!Number.isFinite(waitMs)) await Promise.all(local);
  else {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(local), new Promise<void>((r) => (timer = setTimeout(r, waitMs).unref()))]);
    clearTimeout(timer);
  }
  return [...measuring].sort();
}

/** The real set the headline figures come from, and the model-card sets used until real-text figures exist. */
export const HEADLINE_SET: RealSetId = DEFAULT_SET_ID;
export const SYNTHETIC_HEADLINE_SET: ShippedSetId = "held-out";
export const SYNTHETIC_DECLARATIONS_SET: ShippedSetId = "demo-extract";

/**
 * A version's real-text figures (read once), and its HS6 / chapter top-1 on the headline real set, else on its card's
 * synthetic held-out set.
 */
type VersionFigures = Awaited<ReturnType<typeof versionFigures>>;

export async function versionFigures(db: Db, v: { name: string; version: string; sha256: string }) {
  const { sets, pooled } = await realTextFigures(db, v.sha256);
  const real = sets.find((f) => f.set === HEADLINE_SET);
  const m = real?.metrics ?? (await cardOf(db, v.name, v.version))?.evaluation[SYNTHETIC_HEADLINE_SET]?.metrics;
  return { real, others: sets.filter((f) => f.set !== HEADLINE_SET), pooled, hs6: m?.accuracy.hs6?.top1 ?? null, hs2: m?.accuracy.hs2?.top1 ?? null };
}

async function cardOf(db: Db, name: string, version: string): Promise<ModelCard | null> {
  const parsed = modelCardSchema.safeParse(await modelCardOf(db, { name, version }));
  return parsed.success ? parsed.data : null;
}

/** Registration order, one that never depends on how the registry listed them: versions registered together by name, then version. */
const registrationOrder = (a: ModelVersion, b: ModelVersion) =>
  a.registeredAt.localeCompare(b.registeredAt) || a.name.localeCompare(b.name) || compareVersions(a.version, b.version);

/**
 * The candidate a manager would look at next: the best HS 6 top-1 on all real text (both real sets together); a version
 * not yet measured there (the first minutes of a fresh start) comes after every measured one, ranked by the headline
 * set or its card, so a synthetic figure never outranks a real one (on a tie the last in registration order, whatever
 * order `versions` is in).
 */
export async function strongestCandidate(
  db: Db,
  versions: ModelVersion[],
  figuresOf: (v: ModelVersion) => Promise<VersionFigures> | VersionFigures = (v) => versionFigures(db, v),
): Promise<string | null> {
  let best: { version: ModelVersion; real: boolean; top1: number } | null = null;
  for (const v of versions.filter((x) => x.status === "candidate")) {
    const f = await figuresOf(v);
    const real = Boolean(f.pooled);
    const top1 = f.pooled?.metrics.accuracy.hs6.top1 ?? f.hs6 ?? -1;
    const better = !best || (real !== best.real ? real : top1 > best.top1 || (top1 === best.top1 && registrationOrder(v, best.version) > 0));
    if (better) best = { version: v, real, top1 };
  }
  return best ? formatModelRef(best.version) : null;
}

export async function overviewData(db: Db) {
  const versions = [...(await listModelVersions(db))].sort(registrationOrder);
  const production = (await productionVersion(db)) ?? null;
  const since = (await productionAt(db, nowIso()))[0] ?? null;
  const request = since?.requestId ? (await listPromotionRequests(db)).find((r) => r.id === since.requestId) : undefined;
  const figures = new Map(await Promise.all(versions.map(async (v) => [v.id, await versionFigures(db, v)] as const)));
  const card = production ? await cardOf(db, production.name, production.version) : null;
  const { real, others, pooled } = (production && figures.get(production.id)) ?? { real: undefined, others: [], pooled: null };
  const synthetic = card?.evaluation[SYNTHETIC_HEADLINE_SET];
  const headlineSource = real
    ? { set: HEADLINE_SET, label: real.label, description: real.description, origin: "real" as const, metrics: real.metrics, ece: real.ece }
    : synthetic
      ? {
          set: SYNTHETIC_HEADLINE_SET,
          label: SHIPPED_SETS[SYNTHETIC_HEADLINE_SET].label,
          description: synthetic.description,
          origin: "synthetic" as const,
          metrics: synthetic.metrics,
          ece: synthetic.ece ?? null,
        }
      : null;
  const headline = headlineSource?.metrics ?? null;
  const syntheticDeclarations = card?.evaluation[SYNTHETIC_DECLARATIONS_SET];
  const declarations = pooled
    ? {
        set: "real",
        label: pooled.label,
        description: pooled.description,
        origin: "real" as const,
        n: pooled.metrics.n,
        coverage: pooled.metrics.coverage,
      }
    : syntheticDeclarations
      ? {
          set: SYNTHETIC_DECLARATIONS_SET,
          label: SHIPPED_SETS[SYNTHETIC_DECLARATIONS_SET].label,
          description: syntheticDeclarations.description,
          origin: "synthetic" as const,
          n: syntheticDeclarations.metrics.n,
          coverage: syntheticDeclarations.metrics.coverage,
        }
      : null;
  const nomenclature = loadNomenclature();
  const challenger = await strongestCandidate(db, versions, (v) => figures.get(v.id)!);
  const challengerVersion = versions.find((v) => formatModelRef(v) === challenger);
  const challengerPooled = challengerVersion ? figures.get(challengerVersion.id)!.pooled : null;

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
    headline: headlineSource && {
      set: headlineSource.set,
      label: headlineSource.label,
      origin: headlineSource.origin,
      description: headlineSource.description,
      n: headlineSource.metrics.n,
      accuracy: headlineSource.metrics.accuracy,
      meanLeadingDigits: headlineSource.metrics.meanLeadingDigits,
      ece: headlineSource.ece,
      /** why production's real-text figures are missing when its measuring failed (else they are being computed) */
      notMeasured: headlineSource.origin === "real" || !production ? null : whyNotMeasured(production.sha256),
      /** production on the other real sets: a manager sees every kind of real text, not the headline's only */
      otherReal:
        headlineSource.origin === "real" ? others.map((f) => ({ set: f.set, label: f.label, n: f.metrics.n, accuracy: f.metrics.accuracy })) : [],
    },
    declarations,
    chapters,
    sections,
    allChapters: CHAPTERS.length,
    versions: versions.map((v) => {
      const { hs6, hs2, real: measured } = figures.get(v.id)!;
      return { ref: formatModelRef(v), status: v.status, registeredAt: v.registeredAt, hs6, hs2, real: Boolean(measured) };
    }),
    /** the real set the charts and links fall back to before any figure on it exists */
    realSet: { id: HEADLINE_SET, label: SHIPPED_SETS[HEADLINE_SET].label },
    challenger,
    /** the strongest candidate's auto-acceptance on both real sets: what a promotion would change (null until measured) */
    challengerAutoAccept: challengerPooled && measuredCoverage(challengerPooled.metrics),
    open: (await listPromotionRequests(db, { status: "open" })).map((r) => ({
      id: r.id,
      from: r.baseline ? formatModelRef(r.baseline) : null,
      to: `${r.modelName}@${r.candidate.version}`,
      requestedBy: r.requestedBy.username,
      requestedAt: r.requestedAt,
      gatesPassed: r.gatesPassed,
    })),
  };
}
