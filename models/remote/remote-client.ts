// Calling a remote model (issue 16): the workbench's own /api/classify contract and the Open Inference Protocol
// (KServe v2 JSON) with a small adapter, in batches with a concurrency limit, a timeout per call, retries with
// backoff, and progress. A line that still fails is reported with its reason, never turned into an answer.
import { z } from "zod";
import { normaliseCode } from "../../workbench/hs/codes";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import type { Candidate } from "../../workbench/evaluation/metrics";
import type { RemoteEndpoint } from "../../workbench/registry/remote-endpoints";

export class RemoteError extends Error {
  override name = "RemoteError";
}

const RETRIES = 3;
const BACKOFF_MS = 250;
const MAX_WAIT_MS = 10_000;
/**
 * A 429 is the endpoint's budget, not a failure (a workbench counts descriptions a minute per token): the batch waits
 * as long as Retry-After says, up to a minute each time, and such waits use up no try — up to this many of them.
 */
const THROTTLED_WAITS = 20;
const MAX_THROTTLED_WAIT_MS = 60_000;

/** One failed call: whether trying again may help (network, timeout, 429, 5xx) or not (401, 404, a malformed answer). */
class CallFailed extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
    readonly waitMs?: number,
    /** answered 429: the endpoint asks to come back later */
    readonly throttled = false,
  ) {
    super(message);
  }
}

const workbenchAnswer = z.object({
  results: z.array(z.object({ candidates: z.array(z.object({ code: z.string(), probability: z.number() })) })),
});

const kserveAnswer = z.object({
  outputs: z.array(
    z.object({ name: z.string(), shape: z.array(z.number().int()), datatype: z.string(), data: z.array(z.union([z.string(), z.number()])) }),
  ),
});

const where = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return "the endpoint";
  }
};

/** The request a protocol sends for `texts`, and how its answer becomes candidates per text. */
function protocolCall(
  endpoint: RemoteEndpoint,
  texts: readonly string[],
  k: number,
): { url: string; body: unknown; read(json: unknown): unknown[][] } {
  if (endpoint.protocol === "workbench") {
    return {
      url: endpoint.url,
      body: { descriptions: texts, topK: k, ...(endpoint.remoteModel ? { model: endpoint.remoteModel } : {}) },
      read(json) {
        const answer = workbenchAnswer.parse(json);
        return answer.results.map((r) => r.candidates.map((c) => [c.code, c.probability]));
      },
    };
  }
  // Open Inference Protocol: one BYTES input "text" [n]; outputs "codes" (BYTES [n, k]) and "probabilities" (FP32 [n, k])
  return {
    url: `${endpoint.url.replace(/\/+$/, "")}/v2/models/${encodeURIComponent(endpoint.remoteModel ?? "")}/infer`,
    body: { inputs: [{ name: "text", shape: [texts.length], datatype: "BYTES", data: texts }], parameters: { top_k: k } },
    read(json) {
      const answer = kserveAnswer.parse(json);
      const codes = answer.outputs.find((o) => o.name === "codes");
      const probabilities = answer.outputs.find((o) => o.name === "probabilities");
      if (!codes || !probabilities) throw new Error("the answer needs outputs named 'codes' and 'probabilities'");
      const width = codes.shape[1] ?? 1;
      if (probabilities.shape.join() !== codes.shape.join()) throw new Error("'codes' and 'probabilities' have different shapes");
      return texts.map((_, i) =>
        Array.from({ length: width }, (_, j) => [String(codes.data[i * width + j] ?? ""), Number(probabilities.data[i * width + j])]),
      );
    },
  };
}

/** One answer line as candidates: HS 2022 subheadings, probabilities in [0, 1], best first; else why not. */
function candidatesOf(raw: unknown[], k: number): Candidate[] | string {
  const nomenclature = loadNomenclature();
  const out: Candidate[] = [];
  for (const pair of raw.slice(0, k)) {
    const [code, probability] = pair as [string, number];
    if (code === "") continue;
    const normalised = normaliseCode(code);
    const hs6 = normalised.ok && normalised.code.length >= 6 ? normalised.code.slice(0, 6) : null;
    if (!hs6 || !nomenclature.has(hs6)) return `answered '${String(code).slice(0, 20)}', not an HS 2022 subheading`;
    if (!(probability >= 0 && probability <= 1)) return `answered a probability of ${probability} for ${hs6}`;
    out.push({ code: hs6, probability });
  }
  if (!out.length) return "answered no code";
  return out.sort((a, b) => b.probability - a.probability);
}

async function callOnce(endpoint: RemoteEndpoint, token: string | null, texts: readonly string[], k: number): Promise<(Candidate[] | string)[]> {
  const call = protocolCall(endpoint, texts, k);
  let response: Response;
  try {
    response = await fetch(call.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(call.body),
      signal: AbortSignal.timeout(endpoint.timeoutMs),
      redirect: "error",
    });
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    throw new CallFailed(timedOut ? `no answer within ${endpoint.timeoutMs / 1000} s` : `${where(call.url)} cannot be reached`, true);
  }
  if (!response.ok) {
    const retryAfter = Number(response.headers.get("Retry-After"));
    const retry = response.status === 429 || response.status >= 500;
    const hint =
      response.status === 401 || response.status === 403
        ? " (the endpoint refused the credential)"
        : response.status === 404
          ? " (no such model or path)"
          : "";
    await response.body?.cancel();
    throw new CallFailed(
      `answered HTTP ${response.status}${hint}`,
      retry,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      response.status === 429,
    );
  }
  let rows: unknown[][];
  try {
    rows = call.read(await response.json());
  } catch (error) {
    throw new CallFailed(`gave an answer that does not follow the ${endpoint.protocol} protocol (${(error as Error).message.slice(0, 160)})`, false);
  }
  if (rows.length !== texts.length) throw new CallFailed(`answered ${rows.length} lines for ${texts.length}`, false);
  return rows.map((r) => candidatesOf(r, k));
}

export interface RemoteAnswers {
  /** per text: its candidates, or null when it failed */
  candidates: (Candidate[] | null)[];
  failures: { index: number; reason: string }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Top-k codes for every text, in batches (the endpoint's batch size and concurrency), with retries and progress. */
export async function remoteTopK(
  endpoint: RemoteEndpoint,
  token: string | null,
  texts: readonly string[],
  k: number,
  onProgress?: (done: number, total: number) => void,
): Promise<RemoteAnswers> {
  const candidates: (Candidate[] | null)[] = new Array(texts.length).fill(null);
  const failures: { index: number; reason: string }[] = [];
  const batches: number[] = [];
  for (let start = 0; start < texts.length; start += endpoint.batchSize) batches.push(start);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < batches.length) {
      const start = batches[next++]!;
      const batch = texts.slice(start, start + endpoint.batchSize);
      for (let attempt = 0, throttled = 0; ;) {
        try {
          const answers = await callOnce(endpoint, token, batch, k);
          answers.forEach((a, i) => {
            if (typeof a === "string") failures.push({ index: start + i, reason: a });
            else candidates[start + i] = a;
          });
          break;
        } catch (error) {
          const failed = error instanceof CallFailed ? error : new CallFailed((error as Error).message, false);
          const waiting = failed.throttled && throttled < THROTTLED_WAITS;
          if (waiting) throttled++;
          else attempt++;
          if (!failed.retry || attempt >= RETRIES) {
            const reason = `${failed.message}${failed.retry ? ` (${RETRIES} tries${throttled ? `, ${throttled} waits the endpoint asked for` : ""})` : ""}`;
            batch.forEach((_, i) => failures.push({ index: start + i, reason }));
            break;
          }
          await sleep(
            waiting
              ? Math.min(MAX_THROTTLED_WAIT_MS, failed.waitMs ?? BACKOFF_MS)
              : Math.min(MAX_WAIT_MS, failed.waitMs ?? BACKOFF_MS * 2 ** (attempt - 1)),
          );
        }
      }
      done += batch.length;
      onProgress?.(done, texts.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(endpoint.concurrency, batches.length) }, worker));
  failures.sort((a, b) => a.index - b.index);
  return { candidates, failures };
}

/** Whether the endpoint answers at all: one short line, once, within its timeout. */
export async function remoteHealth(endpoint: RemoteEndpoint, token: string | null): Promise<{ ok: boolean; message: string; ms: number }> {
  const started = performance.now();
  try {
    const [answer] = await callOnce(endpoint, token, ["health check"], 1);
    const ms = Math.round(performance.now() - started);
    return typeof answer === "string" ? { ok: false, message: answer, ms } : { ok: true, message: `answered in ${ms} ms`, ms };
  } catch (error) {
    return { ok: false, message: `${where(endpoint.url)} ${(error as Error).message}`, ms: Math.round(performance.now() - started) };
  }
}

/** Fails with counts and examples when any line failed: a failed line is never scored as right or wrong. */
export function completeAnswers(ref: string, answers: RemoteAnswers, texts: number): Candidate[][] {
  if (!answers.failures.length) return answers.candidates as Candidate[][];
  const reasons = new Map<string, number>();
  for (const f of answers.failures) reasons.set(f.reason, (reasons.get(f.reason) ?? 0) + 1);
  const summary = [...reasons]
    .slice(0, 3)
    .map(([reason, n]) => `${n} × ${reason}`)
    .join("; ");
  throw new RemoteError(
    `${ref}: ${answers.failures.length} of ${texts} lines failed (${summary}; first line ${answers.failures[0]!.index + 1}); nothing was scored — check the endpoint and try again`,
  );
}
