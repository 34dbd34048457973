// Promotion requests whose evidence takes a while (the demo extract: 100,000 lines per model) are prepared in the
// background: the page that asked returns at once and shows the progress; the request is frozen when the comparison is
// ready, with the same checks as a request made directly. Jobs live in this process only (a restart forgets them;
// the cached predictions survive).
import { nowIso, nowMs } from "../clock";
import { predictionProgress } from "../evaluation/prediction-cache";
import { setOf } from "../evaluation/comparison-service";
import { shippedSet } from "../evaluation/evaluation-sets";
import type { Actor } from "../store/audit";
import type { Db } from "../store/db";
import type { User } from "../store/users";
import { reportModelFailure } from "./model-failure";
import { checkPromotionRequest, otherRealSetIds, requestPromotion, type PromotionEvidenceOptions } from "./promotion";

export interface PromotionJob {
  id: number;
  candidate: string;
  set: string;
  requestedBy: string;
  startedAt: string;
  state: "computing" | "done" | "failed";
  /** lines predicted so far, per model */
  progress: { model: string; done: number; total: number }[];
  requestId: number | null;
  error: string | null;
}

/**
 * the predictions the evidence needs, as progress names them: production (none for a first production) and the
 * candidate on the request's set, then on each other real set (the other-real-sets gate)
 */
type Job = PromotionJob & { predicted: { model: string; sha: string; setHash: string }[]; settled: Promise<unknown> };
const jobs = new Map<number, Job>();
let nextId = 1;

/** Checks the request now (refusals are immediate), then computes the evidence and freezes the request in the background. */
export async function startPromotionRequest(
  db: Db,
  input: { candidate: string; set: string },
  user: User,
  actor: Actor,
  options: PromotionEvidenceOptions,
): Promise<PromotionJob> {
  const { candidate, baseline } = await checkPromotionRequest(db, input, user);
  const set = setOf(input.set);
  const job: Job = {
    id: nextId++,
    candidate: input.candidate,
    set: input.set,
    requestedBy: user.username,
    startedAt: nowIso(),
    state: "computing",
    progress: [],
    requestId: null,
    error: null,
    predicted: [set, ...otherRealSetIds(set.id).map(shippedSet)].flatMap((s) => {
      const on = s.id === set.id ? "" : ` on ${s.label}`;
      return [
        ...(baseline ? [{ model: `production${on}`, sha: baseline.sha256, setHash: s.hash }] : []),
        { model: `${input.candidate}${on}`, sha: candidate.sha256, setHash: s.hash },
      ];
    }),
    settled: Promise.resolve(),
  };
  job.settled = requestPromotion(db, input, user, actor, options).then(
    (request) => Object.assign(job, { state: "done", requestId: request.id }),
    (error: unknown) =>
      Object.assign(job, { state: "failed", error: reportModelFailure(`Requesting the promotion of ${input.candidate} failed`, error) }),
  );
  jobs.set(job.id, job);
  return promotionJob(job.id)!;
}

export function promotionJob(id: number): PromotionJob | undefined {
  const job = jobs.get(id);
  if (!job) return undefined;
  const { predicted, settled: _settled, ...visible } = job;
  const progress = predicted.map(({ model, sha, setHash }) => {
    const p = predictionProgress(sha, setHash);
    return { model, done: p?.done ?? 0, total: p?.total ?? 0 };
  });
  return { ...visible, progress: job.state === "computing" ? progress.filter((p) => p.total > 0) : [] };
}

/** Jobs still computing or finished in the last hour, newest first. */
export function recentPromotionJobs(): PromotionJob[] {
  const hourAgo = new Date(nowMs() - 3_600_000).toISOString();
  return [...jobs.values()]
    .filter((j) => j.state === "computing" || j.startedAt > hourAgo)
    .map((j) => promotionJob(j.id)!)
    .reverse();
}

/** The job once it has finished, or as it is after `ms` milliseconds. */
export async function settledPromotionJob(id: number, ms: number): Promise<PromotionJob | undefined> {
  const job = jobs.get(id);
  if (job) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([job.settled, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }
  return promotionJob(id);
}
