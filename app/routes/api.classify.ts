import { json, type ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "~/method-not-allowed.server";
import { requireUser, tokenIdOf } from "~/auth/guards.server";
import { classify, classifyRequestSchema } from "~/classify/classifier.server";
import { CHARACTERS_PER_COUNTED_DESCRIPTION, countedDescriptions, LIMITS, MOST_COUNTED_PER_REQUEST } from "~/classify/limits";
import { takeApiBudget } from "../../workbench/store/api-budget";
import { getEnv } from "../../workbench/config/env";
import { getDb } from "~/store/context.server";
import { QueueFull } from "../../models/hs-classifier/inference-pool";
import { RemoteError } from "../../models/remote/remote-client";
import { ModelVersionNotFound, RegistryError, resolveVersion } from "../../workbench/registry/model-registry";
import { cannotClassify } from "../../workbench/registry/model-version";

export function loader() {
  return json(
    { error: 'Use POST with a JSON body: {"descriptions": ["..."], "topK"?: 5, "model"?: "name@version", "threshold"?: 0.8}' },
    { status: 405, headers: { Allow: "POST" } },
  );
}

/** where a request is wrong; a description is also named as people count: descriptions[3] is description 4 */
function where(path: PropertyKey[]): string {
  const [field, index] = path;
  if (path.length === 2 && field === "descriptions" && typeof index === "number") return `descriptions[${index}] (description ${index + 1})`;
  return path.map(String).join(".") || "body";
}

/** POST /api/classify — session or bearer token; see README "JSON API". */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const user = await requireUser(request);
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > LIMITS.bodyBytes)
    return json({ error: `The body is ${declared} bytes; at most ${LIMITS.bodyBytes} are accepted.` }, { status: 413 });
  const text = await request.text();
  if (Buffer.byteLength(text) > LIMITS.bodyBytes) return json({ error: `The body is larger than ${LIMITS.bodyBytes} bytes.` }, { status: 413 });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return json({ error: `The body is not valid JSON: ${(error as Error).message}` }, { status: 400 });
  }
  const parsed = classifyRequestSchema.safeParse(body);
  if (!parsed.success) {
    const tooMany = parsed.error.issues.some((i) => i.code === "too_big" && i.path.length === 1 && i.path[0] === "descriptions");
    return json({ error: parsed.error.issues.map((i) => `${where(i.path)}: ${i.message}`).join("; ") }, { status: tooMany ? 413 : 400 });
  }
  // the budgets are charged for work the server will do, not for requests refused above
  const tokenId = tokenIdOf(user);
  const env = getEnv();
  const counted = countedDescriptions(parsed.data.descriptions);
  const budget = await takeApiBudget(
    getDb(),
    [
      { budget: "requests", perMinute: env.WORKBENCH_API_REQUESTS_PER_MINUTE, cost: 1, burstAtLeast: 5 },
      { budget: "descriptions", perMinute: env.WORKBENCH_API_DESCRIPTIONS_PER_MINUTE, cost: counted, burstAtLeast: MOST_COUNTED_PER_REQUEST },
    ],
    { user: user.id, ...(tokenId === undefined ? {} : { token: tokenId }) },
  );
  if (!budget.ok) {
    const whose = budget.of === "token" ? "this API token" : user.username;
    const error =
      budget.budget === "requests"
        ? `Too many requests for ${whose} (${budget.perMinute} a minute); try again in ${budget.retryAfterSeconds} s.`
        : `Too many descriptions for ${whose}: this request counts ${counted} (a description once per ${CHARACTERS_PER_COUNTED_DESCRIPTION} characters started) of ${budget.perMinute} a minute; try again in ${budget.retryAfterSeconds} s.`;
    return json({ error }, { status: 429, headers: { "Retry-After": String(budget.retryAfterSeconds) } });
  }
  try {
    const version = await resolveVersion(getDb(), parsed.data.model ?? "production");
    const refused = cannotClassify(version);
    if (refused) return json({ error: refused }, { status: 409 });
    const results = await classify(version, parsed.data.descriptions, parsed.data.topK, parsed.data.threshold);
    return json({ model: { name: version.name, version: version.version, sha256: version.sha256 }, results });
  } catch (error) {
    if (error instanceof ModelVersionNotFound) return json({ error: error.message }, { status: error.status });
    if (error instanceof RemoteError) return json({ error: `The model's endpoint did not answer: ${error.message}` }, { status: 502 });
    // e.g. the endpoint's token variable is not set on this server
    if (error instanceof RegistryError) return json({ error: error.message }, { status: 503 });
    if (error instanceof QueueFull)
      return json({ error: "The server is busy classifying; try again in a moment." }, { status: 503, headers: { "Retry-After": "1" } });
    if (error instanceof Error && error.name === "ArtifactError") {
      console.error(error.message);
      return json({ error: "This model version's files do not match the registry; an administrator has been told." }, { status: 500 });
    }
    throw error;
  }
}
