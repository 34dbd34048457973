// `workbench promote …` and `workbench audit --at`: the same rules as the Promotions page (the functions are shared),
// acting as the user of an API token, so the CLI cannot bypass roles or four-eyes.
import {
  decidePromotion,
  listPromotionRequests,
  requestSummary,
  requestPromotion,
  rollbackProduction,
  type PromotionRequest,
} from "../../workbench/registry/promotion";
import { productionAt } from "../../workbench/registry/production-state";
import { deliverDueWebhooks } from "../../workbench/registry/webhook";
import { parseInstant } from "../../workbench/text/instant";
import { verifyAuditChain } from "../../workbench/store/audit";
import { cliPredictorOf, cliStore as store } from "./cli-store";
import { canaryCheck } from "../remote/remote-version";
import { actingUser, TOKEN_OPTION } from "./acting-user";
import { JSON_OPTION, printTable, required, setOption, UsageError, type Command } from "./command";
import { formatModelRef } from "../../workbench/registry/model-ref";
import { DEFAULT_SET_ID, SHIPPED_SET_IDS } from "../../workbench/evaluation/evaluation-sets";
import { utcText } from "../../workbench/text/format";

const gateLine = (r: PromotionRequest) => `${r.gates.filter((g) => g.passed).length}/${r.gates.length} gates passed`;

function printRequest(r: PromotionRequest, json: boolean) {
  if (json) return console.log(JSON.stringify(r, null, 2));
  console.log(
    `#${r.id}: ${r.baseline ? formatModelRef(r.baseline) : "first production"} → ${r.modelName}@${r.candidate.version} on ${r.evaluationSet}, ${r.status} (${gateLine(r)})`,
  );
  for (const g of r.gates) console.log(`  ${g.passed ? "pass" : "FAIL"}  ${g.label}: ${g.detail}`);
}

async function afterChange() {
  // One delivery attempt now; a running server retries what is still pending.
  await deliverDueWebhooks((await store()).db);
}

export const promotionCommands: Command[] = [
  {
    name: "promote request",
    summary: "Ask for a candidate to replace production, or to be the first in production (evidence and gates frozen into the request)",
    usage: `workbench promote request --candidate NAME@VERSION [--set ${SHIPPED_SET_IDS.join("|")}] [--token-stdin] [--json]`,
    options: {
      candidate: { type: "string", describe: "the candidate version to put in production: NAME@VERSION" },
      set: { type: "string", describe: `the evaluation set it is compared with production on (default ${DEFAULT_SET_ID}, as on the page)` },
      ...JSON_OPTION,
      ...TOKEN_OPTION,
    },
    async run(values) {
      const set = setOption(values) ?? DEFAULT_SET_ID;
      const { user, actor } = await actingUser(values);
      const request = await requestPromotion((await store()).db, { candidate: required(values, "candidate"), set }, user, actor, {
        predictorOf: cliPredictorOf,
        canary: async (version) => canaryCheck(await store(), version),
      });
      printRequest(request, Boolean(values.json));
      return 0;
    },
  },
  {
    name: "promote approve",
    summary: "Approve an open request (admin, not the requester); --comment required to override failed gates",
    usage: "workbench promote approve --id N [--comment TEXT] [--token-stdin] [--json]",
    options: {
      id: { type: "string", describe: "the request's id, as `promote list` shows it" },
      comment: { type: "string", describe: "kept with the decision; needed to approve despite failed gates" },
      ...JSON_OPTION,
      ...TOKEN_OPTION,
    },
    async run(values) {
      const { user, actor } = await actingUser(values);
      const request = await decidePromotion(
        (await store()).db,
        requestId(values),
        { approve: true, comment: values.comment as string | undefined },
        user,
        actor,
      );
      await afterChange();
      printRequest(request, Boolean(values.json));
      return 0;
    },
  },
  {
    name: "promote reject",
    summary: "Reject an open request with a comment (admin, not the requester)",
    usage: "workbench promote reject --id N --comment TEXT [--token-stdin]",
    options: {
      id: { type: "string", describe: "the request's id, as `promote list` shows it" },
      comment: { type: "string", describe: "why it is rejected (needed), kept with the decision" },
      ...TOKEN_OPTION,
    },
    async run(values) {
      const { user, actor } = await actingUser(values);
      const request = await decidePromotion(
        (await store()).db,
        requestId(values),
        { approve: false, comment: values.comment as string | undefined },
        user,
        actor,
      );
      printRequest(request, false);
      return 0;
    },
  },
  {
    name: "promote rollback",
    summary: "Put the previous production version back (admin, with a reason)",
    usage: "workbench promote rollback --reason TEXT [--token-stdin]",
    options: { reason: { type: "string", describe: "why, kept in the audit log and sent with the rollback's webhook" }, ...TOKEN_OPTION },
    async run(values) {
      const { user, actor } = await actingUser(values);
      const change = await rollbackProduction((await store()).db, required(values, "reason"), user, actor);
      await afterChange();
      console.log(`Rolled back: ${change.from} → ${change.to}`);
      return 0;
    },
  },
  {
    name: "promote show",
    summary: "One request: its gates, the verdicts frozen with it on its set and the other real sets, and what its evidence never checked",
    usage: "workbench promote show --id N [--json]",
    options: {
      id: { type: "string", describe: "the request's id, as `promote list` shows it" },
      ...JSON_OPTION,
    },
    async run(values) {
      const summary = await requestSummary((await store()).db, requestId(values));
      if (values.json) {
        console.log(JSON.stringify(summary, null, 2));
        return 0;
      }
      const { request, evidence, otherSets: others, notChecked } = summary;
      printRequest(request, false);
      console.log(`\nOn ${evidence.set.label} (frozen ${utcText(evidence.frozenAt)}): ${evidence.verdict}`);
      for (const o of others) console.log(`On ${o.set.label}: ${o.verdict}`);
      if (notChecked.length) {
        const candidate = `${request.modelName}@${request.candidate.version}`;
        const command = request.baseline ? `compare --a ${formatModelRef(request.baseline)} --b ${candidate}` : `evaluate --model ${candidate}`;
        const sets = notChecked.map((x) => x.label).join(" or ");
        console.log(
          `\nNot checked: frozen before requests compared every real set, this evidence says nothing about ${sets} (workbench ${command} --set ${notChecked[0]!.id} shows it).`,
        );
      }
      return 0;
    },
  },
  {
    name: "promote list",
    summary: "List promotion requests",
    usage: "workbench promote list [--status open|approved|rejected|withdrawn] [--json]",
    options: {
      status: { type: "string", describe: "only requests in this state: open, approved, rejected or withdrawn (default: all)" },
      ...JSON_OPTION,
    },
    async run(values) {
      const status = values.status as PromotionRequest["status"] | undefined;
      if (status && !["open", "approved", "rejected", "withdrawn"].includes(status))
        throw new UsageError("--status must be open, approved, rejected or withdrawn");
      const requests = await listPromotionRequests((await store()).db, { status });
      if (values.json) console.log(JSON.stringify(requests, null, 2));
      else
        printTable(
          ["id", "from (production)", "to (candidate)", "set", "status", "gates", "requested by", "decided by"],
          requests.map((r) => [
            r.id,
            r.baseline ? formatModelRef(r.baseline) : "none (first production)",
            `${r.modelName}@${r.candidate.version}`,
            r.evaluationSet,
            r.status,
            gateLine(r),
            r.requestedBy.username,
            r.decidedBy?.username ?? "",
          ]),
        );
      return 0;
    },
  },
  {
    name: "audit verify",
    summary: "Check the audit log's hash chain; reports the first entry that was changed, removed or inserted",
    usage: "workbench audit verify [--json]",
    options: { ...JSON_OPTION },
    async run(values) {
      const result = await verifyAuditChain((await store()).db);
      if (values.json) console.log(JSON.stringify(result, null, 2));
      else if (result.ok) console.log(`Audit log intact: ${result.entries} entries, every link holds.`);
      else console.log(`Audit log broken at entry #${result.brokenAt}: ${result.problem}. (${result.entries} entries read.)`);
      return result.ok ? 0 : 1;
    },
  },
  {
    name: "audit",
    summary: "What was in production at a date or time (ISO 8601)",
    usage: "workbench audit --at 2026-11-25T14:00:00Z [--json]",
    options: {
      at: { type: "string", describe: "an ISO 8601 date or date-time, e.g. 2026-11-25 or 2026-11-25T14:00:00Z" },
      ...JSON_OPTION,
    },
    async run(values) {
      const at = parseInstant(required(values, "at"));
      if (!at) throw new UsageError(`--at must be an ISO 8601 date or date-time, e.g. 2026-11-25 or 2026-11-25T14:00:00Z (got '${values.at}')`);
      const rows = await productionAt((await store()).db, at);
      if (values.json) console.log(JSON.stringify({ at, production: rows }, null, 2));
      else {
        console.log(`In production at ${at}:`);
        if (!rows.length) console.log("  nothing");
        printTable(
          ["model", "version", "since", "until", "by", "how", "sha256"],
          rows.map((r) => [
            r.name,
            r.version,
            r.since,
            r.until ?? "(still)",
            r.by,
            r.reason + (r.requestId ? ` #${r.requestId}` : ""),
            r.sha256.slice(0, 16),
          ]),
        );
      }
      return 0;
    },
  },
];

function requestId(values: Record<string, unknown>): number {
  const id = Number(required(values, "id"));
  if (!Number.isInteger(id) || id < 1) throw new UsageError(`--id must be a request number (got '${values.id}')`);
  return id;
}
