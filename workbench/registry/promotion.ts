// Promotion of a model version to production: requests with a frozen comparison and gate results, four-eyes
// decisions, atomic swaps, rollback, and the production history behind "what was in production at X".
// Plain functions over the database, shared by the routes and the CLI; every rule is enforced here.
import { resolve } from "node:path";
import { readVerifiedFiles } from "./artifact-files";
import { repoRoot } from "../hs/load-fixtures";
import { evaluateFirstGates, evaluateGates, type ArtifactCheck, type GateResult, type GatesConfig, type OtherSetEvidence } from "./gates";
import { roleAtLeast } from "./roles";
import type { Comparison } from "../evaluation/compare";
import { compareVersions, evaluateVersion, type VersionEvaluation } from "../evaluation/comparison-service";
import type { PredictorOf } from "../evaluation/predictor";
import { audit, type Actor } from "../store/audit";
import { type Db } from "../store/db";
import { nowIso } from "../clock";
import { reportModelFailure } from "./model-failure";
import { formatModelRef } from "./model-ref";
import type { RegisteredVersion } from "./model-version";
import { findModelVersion, ModelVersionNotFound, resolveVersion } from "./model-registry";
import { archivedToCandidates, productionVersion, rollbackTarget, switchProduction } from "./production-state";
import { seededProduction } from "./seed-models";
import type { User } from "../store/users";
import { loadGatesConfig } from "./gates-config";
import { enqueueWebhook } from "./webhook";
import { unavailableOn, verifyImportedPredictions } from "./prediction-imports";
import { REAL_SET_IDS, shippedSet } from "../evaluation/evaluation-sets";
import { hs6Top1Text } from "../text/format";

export class PromotionError extends Error {
  override name = "PromotionError";
  constructor(
    message: string,
    /** HTTP status it maps to: 400 bad input, 403 not allowed, 404 unknown, 409 conflict */
    readonly status: 400 | 403 | 404 | 409,
  ) {
    super(message);
  }
}

export type RequestStatus = "open" | "approved" | "rejected" | "withdrawn";

export interface FrozenReport {
  /** production (A) against the candidate (B); absent for a first production */
  comparison?: Comparison;
  /** a first production's evidence (nothing was in production to compare with): the candidate's own figures on the set */
  evaluation?: VersionEvaluation;
  /**
   * the real sets besides the request's: production against the candidate on each (the candidate alone for a first
   * production, or where production has no predictions), or why the candidate has none; absent in requests made before
   */
  otherSets?: FrozenOtherSet[];
  gatesConfig: GatesConfig;
  artifacts: ArtifactCheck[];
  frozenAt: string;
}

export interface FrozenOtherSet {
  set: { id: string; label: string };
  comparison?: Comparison;
  evaluation?: VersionEvaluation;
  unavailable?: string;
}

/** What the other-real-sets gate reads of a frozen set. */
const otherSetEvidence = (o: FrozenOtherSet): OtherSetEvidence =>
  o.comparison
    ? { set: o.set, report: o.comparison.report }
    : o.evaluation
      ? { set: o.set, hs6Top1: o.evaluation.scores.metrics.accuracy.hs6.top1, n: o.evaluation.scores.metrics.n }
      : { set: o.set, unavailable: o.unavailable ?? "no figures" };

export interface PromotionRequest {
  id: number;
  modelName: string;
  candidate: { id: number; version: string; sha256: string };
  baseline: { id: number; name: string; version: string; sha256: string } | null;
  evaluationSet: string;
  status: RequestStatus;
  requestedBy: { id: number; username: string };
  requestedAt: string;
  decidedBy: { id: number; username: string } | null;
  /** the credential of the decision: "session", or an API token with who created it and when */
  decidedVia: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  gateOverride: boolean;
  gates: GateResult[];
  gatesPassed: boolean;
}

interface RequestRow {
  id: number;
  model_name: string;
  candidate_version_id: number;
  candidate_version: string;
  candidate_sha256: string;
  baseline_version_id: number | null;
  baseline_name: string | null;
  baseline_version: string | null;
  baseline_sha256: string | null;
  evaluation_set: string;
  status: RequestStatus;
  requested_by: number;
  requested_by_name: string;
  requested_at: string;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_via: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  gate_override: number;
  gates_json: string;
}

const REQUEST_SELECT = `
  SELECT r.*, c.version AS candidate_version, c.sha256 AS candidate_sha256, b.name AS baseline_name, b.version AS baseline_version, b.sha256 AS baseline_sha256,
         ru.username AS requested_by_name, du.username AS decided_by_name
  FROM promotion_requests r
  JOIN model_versions c ON c.id = r.candidate_version_id
  LEFT JOIN model_versions b ON b.id = r.baseline_version_id
  JOIN users ru ON ru.id = r.requested_by
  LEFT JOIN users du ON du.id = r.decided_by`;

function toRequest(r: RequestRow): PromotionRequest {
  const gates = JSON.parse(r.gates_json) as GateResult[];
  return {
    id: r.id,
    modelName: r.model_name,
    candidate: { id: r.candidate_version_id, version: r.candidate_version, sha256: r.candidate_sha256 },
    baseline:
      r.baseline_version_id === null
        ? null
        : { id: r.baseline_version_id, name: r.baseline_name!, version: r.baseline_version!, sha256: r.baseline_sha256! },
    evaluationSet: r.evaluation_set,
    status: r.status,
    requestedBy: { id: r.requested_by, username: r.requested_by_name },
    requestedAt: r.requested_at,
    decidedBy: r.decided_by === null ? null : { id: r.decided_by, username: r.decided_by_name! },
    decidedVia: r.decided_via,
    decidedAt: r.decided_at,
    decisionComment: r.decision_comment,
    gateOverride: r.gate_override === 1,
    gates,
    gatesPassed: gates.every((g) => g.passed),
  };
}

export async function listPromotionRequests(db: Db, filter: { status?: RequestStatus } = {}): Promise<PromotionRequest[]> {
  const rows = (await db.all(`${REQUEST_SELECT} ${filter.status ? "WHERE r.status = ?" : ""} ORDER BY r.id DESC`, [
    ...(filter.status ? [filter.status] : []),
  ])) as RequestRow[];
  return rows.map(toRequest);
}

export async function getPromotionRequest(db: Db, id: number): Promise<PromotionRequest | undefined> {
  const row = (await db.get(`${REQUEST_SELECT} WHERE r.id = ?`, [id])) as RequestRow | undefined;
  return row && toRequest(row);
}

export async function frozenReportOf(db: Db, id: number): Promise<FrozenReport | undefined> {
  const row = (await db.get("SELECT report_json FROM promotion_requests WHERE id = ?", [id])) as { report_json: string } | undefined;
  return row && (JSON.parse(row.report_json) as FrozenReport);
}

/** What "artifacts verified" means for each kind: files match, frozen predictions match, or the endpoint's canary. */
async function checkArtifacts(db: Db, refs: string[], canaries: ReadonlyMap<number, { ok: boolean; message: string }>): Promise<ArtifactCheck[]> {
  const checks: ArtifactCheck[] = [];
  for (const ref of refs) checks.push(await checkArtifact(db, ref, canaries));
  return checks;
}

async function checkArtifact(db: Db, ref: string, canaries: ReadonlyMap<number, { ok: boolean; message: string }>): Promise<ArtifactCheck> {
  const v = await resolveVersion(db, ref);
  if (v.kind === "predictions") return { ref, ...(await verifyImportedPredictions(db, v.id)) };
  if (v.kind === "remote") return { ref, ...(canaries.get(v.id) ?? { ok: false, message: "the endpoint's canary was not checked" }) };
  try {
    const { manifest } = readVerifiedFiles(resolve(repoRoot(), v.artifactDir));
    return manifest.sha256 === v.sha256
      ? { ref, ok: true, message: `all files match (sha256 ${v.sha256.slice(0, 12)}…)` }
      : { ref, ok: false, message: `manifest sha256 ${manifest.sha256.slice(0, 12)}… differs from the registered ${v.sha256.slice(0, 12)}…` };
  } catch (error) {
    return { ref, ok: false, message: (error as Error).message };
  }
}

/**
 * An analyst or admin asks for a candidate to replace the production version of its model. The comparison against
 * production on the chosen set and the gate results are computed now and frozen into the request. With nothing in
 * production yet (an install without the demo), the request is for a first production: its evidence is the
 * candidate's own figures on the set, its gates those that need no comparison, and another admin approves it as any.
 */
export async function requestPromotion(
  db: Db,
  input: { candidate: string; set: string },
  user: User,
  actor: Actor,
  options: PromotionEvidenceOptions,
): Promise<PromotionRequest> {
  const { candidate, baseline } = await checkPromotionRequest(db, input, user);
  const gatesConfig = options.gates ?? loadGatesConfig();
  let evidence: Evidence;
  try {
    const compare = async (setId: string) => {
      const state = await compareVersions(db, formatModelRef(baseline!), input.candidate, setId, { predictorOf: options.predictorOf, wait: true });
      if (state.status !== "ready") throw new Error("the comparison did not finish");
      return state.comparison;
    };
    const evaluate = (setId: string) => evaluateVersion(db, input.candidate, setId, { predictorOf: options.predictorOf });
    evidence = baseline ? { comparison: await compare(input.set) } : { evaluation: await evaluate(input.set) };
    // chosen on one real set, it must hold on the others
    evidence.otherSets = [];
    for (const id of otherRealSetIds(input.set)) {
      const set = { id, label: shippedSet(id).label };
      const unavailable = await unavailableOn(db, candidate, id);
      if (unavailable) evidence.otherSets.push({ set, unavailable });
      else if (baseline && !(await unavailableOn(db, baseline, id))) evidence.otherSets.push({ set, comparison: await compare(id) });
      else evidence.otherSets.push({ set, evaluation: await evaluate(id) });
    }
  } catch (error) {
    const what = baseline ? `compare ${input.candidate} with production ${formatModelRef(baseline)}` : `evaluate ${input.candidate}`;
    throw new PromotionError(`cannot ${what}: ${reportModelFailure(`Evaluating ${input.candidate} for a promotion request failed`, error)}`, 400);
  }
  // a remote version's "artifact" is its endpoint: it must still answer the probe as it did when registered
  const canaries = new Map<number, { ok: boolean; message: string }>();
  for (const v of [baseline, candidate].filter((x): x is RegisteredVersion => x?.kind === "remote")) {
    canaries.set(
      v.id,
      options.canary
        ? await options.canary(v).catch((e: Error) => ({ ok: false, message: e.message }))
        : { ok: false, message: "no canary check here" },
    );
  }
  return await freezeRequest(db, { input, candidate, baseline, evidence, gatesConfig, canaries }, user, actor);
}

/** The real sets a request must also hold on: every real set besides its own. */
export const otherRealSetIds = (setId: string) => REAL_SET_IDS.filter((id) => id !== setId);

/**
 * A request as an approver reads it away from its page (the CLI's `promote show`, `GET /api/promotions/:id`): its
 * gates, the verdict frozen on its set and on each other real set, and the real sets its evidence never checked.
 */
export async function requestSummary(db: Db, id: number) {
  const request = await getPromotionRequest(db, id);
  if (!request) throw new PromotionError(`no promotion request #${id}`, 404);
  const frozen = (await frozenReportOf(db, id))!;
  const verdictOf = (e: { comparison?: Comparison; evaluation?: VersionEvaluation; unavailable?: string }) =>
    e.comparison?.verdict.headline ??
    (e.evaluation ? `the candidate alone: HS6 top-1 ${hs6Top1Text(e.evaluation.scores.metrics)}` : `not checked: ${e.unavailable}`);
  const { id: setId, label } = (frozen.comparison ?? frozen.evaluation)!.set;
  return {
    request,
    evidence: { set: { id: setId, label }, frozenAt: frozen.frozenAt, verdict: verdictOf(frozen) },
    otherSets: (frozen.otherSets ?? []).map((o) => ({ set: o.set, verdict: verdictOf(o) })),
    notChecked: realSetsNotChecked(frozen),
  };
}

/**
 * The real sets a request's frozen evidence says nothing about: every other one for a request frozen before requests
 * compared them (2026-12-06), none since. An approver is told, rather than reading a silence as a pass.
 */
export function realSetsNotChecked(frozen: FrozenReport): { id: string; label: string }[] {
  if (frozen.otherSets) return [];
  return otherRealSetIds((frozen.comparison ?? frozen.evaluation)!.set.id).map((id) => ({ id, label: shippedSet(id).label }));
}

type Evidence = Pick<FrozenReport, "comparison" | "evaluation" | "otherSets">;

export interface PromotionEvidenceOptions {
  predictorOf: PredictorOf;
  gates?: GatesConfig;
  /** asks a remote version's endpoint the probe lines again (models layer) */
  canary?: (version: RegisteredVersion) => Promise<{ ok: boolean; message: string }>;
}

/** The checks a request must pass before its evidence is computed (again when it is frozen). */
export async function checkPromotionRequest(db: Db, input: { candidate: string; set: string }, user: User) {
  if (!roleAtLeast(user.role, "analyst"))
    throw new PromotionError(`requesting a promotion needs the analyst or admin role (you are ${user.role})`, 403);
  let candidate;
  try {
    candidate = await resolveVersion(db, input.candidate === "production" ? "" : input.candidate);
  } catch (error) {
    if (error instanceof ModelVersionNotFound) throw new PromotionError(error.message, error.status === 409 ? 400 : error.status);
    throw error;
  }
  if (candidate.status !== "candidate") throw new PromotionError(`${input.candidate} is ${candidate.status}; only a candidate can be promoted`, 409);
  // none: a first production
  const baseline = (await productionVersion(db)) ?? null;
  const open = (await db.get("SELECT id FROM promotion_requests WHERE candidate_version_id = ? AND status = 'open'", [candidate.id])) as
    { id: number } | undefined;
  if (open) throw new PromotionError(`request #${open.id} for ${input.candidate} is already open`, 409);
  return { candidate, baseline };
}

async function freezeRequest(
  db: Db,
  {
    input,
    candidate,
    baseline,
    evidence,
    gatesConfig,
    canaries,
  }: {
    input: { candidate: string; set: string };
    candidate: RegisteredVersion;
    baseline: RegisteredVersion | null;
    evidence: Evidence;
    gatesConfig: GatesConfig;
    canaries: ReadonlyMap<number, { ok: boolean; message: string }>;
  },
  user: User,
  actor: Actor,
): Promise<PromotionRequest> {
  const artifacts = await checkArtifacts(db, [...(baseline ? [formatModelRef(baseline)] : []), input.candidate], canaries);
  const { comparison, evaluation } = evidence;
  const set = (comparison ?? evaluation)!.set;
  const others = (evidence.otherSets ?? []).map(otherSetEvidence);
  const gates = comparison
    ? evaluateGates(comparison.report, gatesConfig, artifacts, set.id, others)
    : evaluateFirstGates(evaluation!.scores.metrics.accuracy.hs6.top1, evaluation!.scores.metrics.n, gatesConfig, artifacts, set.id, others);
  if (candidate.kind === "predictions") {
    // judged on its frozen predictions like any version; an approver overrides this knowingly
    gates.push({
      id: "serving",
      label: "Can classify new text once in production",
      passed: false,
      detail: `${input.candidate} is a predictions file: /api/classify and the Classify page would refuse every request while it is in production`,
    });
  }
  const frozen: FrozenReport = { ...evidence, gatesConfig, artifacts, frozenAt: nowIso() };

  const id = await db.transaction(async (db) => {
    // production may have changed while the comparison ran: the frozen evidence must be against the current one
    const now = await productionVersion(db);
    if (now?.id !== baseline?.id)
      throw new PromotionError(`production changed while comparing (now ${now ? formatModelRef(now) : "none"}); request again`, 409);
    const requestId = Number(
      (await db.value<number>(
        `INSERT INTO promotion_requests (model_name, candidate_version_id, baseline_version_id, evaluation_set, report_json, gates_json, status, requested_by, requested_at)
           VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?) RETURNING id`,
        [candidate.name, candidate.id, baseline?.id ?? null, set.id, JSON.stringify(frozen), JSON.stringify(gates), user.id, nowIso()],
      ))!,
    );
    await audit(db, {
      actor,
      action: "promotion.request",
      targetType: "promotion_request",
      targetId: requestId,
      after: {
        candidate: input.candidate,
        candidateSha256: candidate.sha256,
        production: baseline ? formatModelRef(baseline) : null,
        productionSha256: baseline?.sha256 ?? null,
        set: set.id,
        setHash: set.hash,
        ...(comparison
          ? { deltaHs6Top1: comparison.report.delta, mcnemarP: comparison.report.mcnemar.pValue }
          : { hs6Top1: evaluation!.scores.metrics.accuracy.hs6.top1 }),
        gates: Object.fromEntries(gates.map((g) => [g.id, g.passed])),
      },
    });
    return requestId;
  });
  return (await getPromotionRequest(db, id))!;
}

/** Why `user` cannot decide `request`, or null when they can (the page explains disabled buttons with this). */
export function decisionRefusal(request: PromotionRequest, user: User): { message: string; status: 403 | 409 } | null {
  if (request.status !== "open") {
    return {
      message: `request #${request.id} was already ${request.status} by ${request.decidedBy?.username ?? "someone"} at ${request.decidedAt}`,
      status: 409,
    };
  }
  if (user.role !== "admin") return { message: `only an admin can approve or reject a promotion (you are ${user.role})`, status: 403 };
  if (user.id === request.requestedBy.id) {
    return { message: "four-eyes rule: you requested this promotion, so another admin must approve or reject it", status: 403 };
  }
  // An admin made after the request, or made by the requester, is not a second pair of eyes.
  if (!user.adminSince || user.adminSince > request.requestedAt) {
    return {
      message: `four-eyes rule: you hold the admin role since ${user.adminSince ?? "—"}, after this request was made (${request.requestedAt}); an admin from before the request must decide`,
      status: 403,
    };
  }
  if (user.adminGrantedBy === request.requestedBy.id || user.adminConfirmedBy === request.requestedBy.id) {
    return { message: "four-eyes rule: the requester took part in giving you the admin role, so another admin must decide", status: 403 };
  }
  return null;
}

/**
 * Approves (swapping production atomically and archiving the previous version) or rejects an open request. Only an
 * admin other than the requester; a comment is required to reject and to approve with a failed gate (override).
 * Runs in one IMMEDIATE transaction: of two approvals racing, the second finds the request decided and changes nothing.
 */
export async function decidePromotion(
  db: Db,
  id: number,
  decision: { approve: boolean; comment?: string },
  user: User,
  actor: Actor,
): Promise<PromotionRequest> {
  const comment = decision.comment?.trim() || null;
  const result = await db.transaction(async (db) => {
    const request = await getPromotionRequest(db, id);
    if (!request) throw new PromotionError(`no promotion request #${id}`, 404);
    const refusal = decisionRefusal(request, user);
    if (refusal) throw new PromotionError(refusal.message, refusal.status);
    if (!decision.approve) {
      if (!comment) throw new PromotionError("a comment is required to reject a promotion", 400);
      await db.run(
        "UPDATE promotion_requests SET status = 'rejected', decided_by = ?, decided_at = ?, decision_comment = ?, decided_via = ? WHERE id = ? AND status = 'open'",
        [user.id, nowIso(), comment, actor.credential ?? null, id],
      );
      await audit(db, {
        actor,
        action: "promotion.reject",
        targetType: "promotion_request",
        targetId: id,
        before: { status: "open" },
        after: { status: "rejected", comment },
      });
      return { request, event: null };
    }
    const override = !request.gatesPassed;
    if (override && !comment) {
      const failed = request.gates.filter((g) => !g.passed).map((g) => g.label);
      throw new PromotionError(`gates failed (${failed.join("; ")}): approving anyway is an override and needs a comment`, 400);
    }
    const current = await productionVersion(db);
    if (current?.id !== request.baseline?.id) {
      throw new PromotionError(
        `production is now ${current ? formatModelRef(current) : "none"}, not ${request.baseline ? formatModelRef(request.baseline) : "none"} as when the evidence was frozen; request again`,
        409,
      );
    }
    const candidate = (await db.get("SELECT status FROM model_versions WHERE id = ?", [request.candidate.id])) as { status: string };
    if (candidate.status !== "candidate")
      throw new PromotionError(`${request.modelName}@${request.candidate.version} is ${candidate.status} now`, 409);
    const now = nowIso();
    await switchProduction(db, { name: request.modelName, current, nextId: request.candidate.id, reason: "promotion", requestId: id }, actor, now);
    await db.run(
      "UPDATE promotion_requests SET status = 'approved', decided_by = ?, decided_at = ?, decision_comment = ?, gate_override = ?, decided_via = ? WHERE id = ? AND status = 'open'",
      [user.id, now, comment, override ? 1 : 0, actor.credential ?? null, id],
    );
    // a first production replaces none
    const change = { from: current ? formatModelRef(current) : null, to: `${request.modelName}@${request.candidate.version}` };
    await audit(db, {
      actor,
      action: "promotion.approve",
      targetType: "promotion_request",
      targetId: id,
      before: { status: "open", production: change.from },
      after: { status: "approved", production: change.to, sha256: request.candidate.sha256, comment },
    });
    if (override) {
      await audit(db, {
        actor,
        action: "promotion.override",
        targetType: "promotion_request",
        targetId: id,
        after: { failedGates: request.gates.filter((g) => !g.passed).map((g) => ({ gate: g.id, detail: g.detail })), comment },
      });
    }
    const event = await enqueueWebhook(db, "promotion.approved", {
      requestId: id,
      ...change,
      sha256: request.candidate.sha256,
      approvedBy: user.username,
      at: now,
      override,
    });
    return { request, event };
  });
  return (await getPromotionRequest(db, result.request.id))!;
}

/**
 * Emergency rollback: one admin, with a reason, puts back the version the current production replaced through an
 * approved promotion. The version rolled back becomes a candidate again (it can be requested anew).
 */
export async function rollbackProduction(db: Db, reason: string, user: User, actor: Actor): Promise<{ from: string; to: string }> {
  if (user.role !== "admin") throw new PromotionError(`only an admin can roll back production (you are ${user.role})`, 403);
  if (!reason.trim()) throw new PromotionError("a reason is required to roll back", 400);
  return db.transaction(async (db) => {
    const current = await productionVersion(db);
    if (!current) throw new PromotionError("no model version is in production", 404);
    const rollback = await rollbackTarget(db);
    if (!rollback.ok) throw new PromotionError(`cannot roll back ${formatModelRef(current)}: ${rollback.reason}`, 409);
    const previous = rollback.target;
    const now = nowIso();
    await switchProduction(db, { name: previous.name, current, nextId: previous.id, reason: "rollback" }, actor, now);
    const change = { from: formatModelRef(current), to: formatModelRef(previous) };
    await audit(db, {
      actor,
      action: "promotion.rollback",
      targetType: "model_version",
      targetId: previous.id,
      before: { production: change.from },
      after: { production: change.to, reason: reason.trim() },
    });
    await enqueueWebhook(db, "production.rolled-back", { ...change, by: user.username, reason: reason.trim(), at: now });
    return change;
  });
}

/**
 * Presenter mode: back to the seeded demo state without losing history — open requests are withdrawn, the seeded
 * version returns to production (a new history row), the other versions become candidates again. Audited; the
 * audit log and decided requests stay as they are.
 */
export async function resetDemo(
  db: Db,
  user: User,
  actor: Actor,
  options: { demoMode: boolean },
): Promise<{ production: string; withdrawn: number }> {
  if (!options.demoMode) throw new PromotionError("Reset demo exists only in demo mode (WORKBENCH_DEMO_MODE=true)", 403);
  if (user.role !== "admin") throw new PromotionError(`only an admin can reset the demo (you are ${user.role})`, 403);
  const seeded = seededProduction(repoRoot())[0];
  return db.transaction(async (db) => {
    const target = seeded ? await findModelVersion(db, seeded) : undefined;
    if (!target)
      throw new PromotionError(
        `the seeded production version ${seeded ? formatModelRef(seeded) : "(none in models/artifacts/seed.json)"} is not registered`,
        409,
      );
    const now = nowIso();
    const withdrawn = (
      await db.run(
        "UPDATE promotion_requests SET status = 'withdrawn', decided_at = ?, decision_comment = 'withdrawn by a demo reset' WHERE status = 'open'",
        [now],
      )
    ).changes;
    const current = await productionVersion(db);
    if (current?.id !== target.id) await switchProduction(db, { name: target.name, current, nextId: target.id, reason: "seed" }, actor, now);
    await archivedToCandidates(db, now);
    await audit(db, {
      actor,
      action: "demo.reset",
      before: { production: current ? formatModelRef(current) : null },
      after: { production: formatModelRef(seeded!), withdrawnRequests: withdrawn },
    });
    return { production: formatModelRef(seeded!), withdrawn };
  });
}
