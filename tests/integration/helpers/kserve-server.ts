// A real model server process for the remote-model tests: serves one of the shipped models over the Open Inference
// Protocol (KServe v2 JSON) the way a customs unit's Python service would, and can be told to fail its first calls
// (FAIL_FIRST=n: HTTP 503), to throttle them (THROTTLE_FIRST=n: HTTP 429, Retry-After 1) or to answer slowly
// (DELAY_MS), so retries and timeouts are tested against a real socket.
import { createServer } from "node:http";
import { loadArtifact } from "../../../models/hs-classifier/artifact";
import { nodeTf } from "../../../models/hs-classifier/tf";

const model = process.env.MODEL ?? "hs-baseline/1.0.0";
const name = process.env.MODEL_NAME ?? "hs";
let failFirst = Number(process.env.FAIL_FIRST ?? 0);
let throttleFirst = Number(process.env.THROTTLE_FIRST ?? 0);
const delayMs = Number(process.env.DELAY_MS ?? 0);
const token = process.env.REQUIRE_TOKEN;
let calls = 0;

const loaded = await loadArtifact(await nodeTf(), `models/artifacts/${model}`);
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", async () => {
    const send = (status: number, json: unknown) => res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(json));
    if (req.method === "GET" && req.url === "/v2/health/ready") return send(200, { ready: true });
    if (req.method !== "POST" || req.url !== `/v2/models/${name}/infer`) return send(404, { error: `no model at ${req.url}` });
    if (token && req.headers.authorization !== `Bearer ${token}`) return send(401, { error: "unauthorised" });
    calls++;
    process.stdout.write(`call ${calls}\n`);
    if (failFirst > 0) {
      failFirst--;
      return send(503, { error: "warming up" });
    }
    if (throttleFirst > 0) {
      throttleFirst--;
      return res.writeHead(429, { "Content-Type": "application/json", "Retry-After": "1" }).end(JSON.stringify({ error: "too many requests" }));
    }
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    const request = JSON.parse(body) as { inputs: { name: string; data: string[] }[]; parameters?: { top_k?: number } };
    const texts = request.inputs.find((i) => i.name === "text")!.data;
    const k = request.parameters?.top_k ?? 5;
    const candidates = await loaded.classifier.topK(texts, k);
    send(200, {
      model_name: name,
      outputs: [
        {
          name: "codes",
          shape: [texts.length, k],
          datatype: "BYTES",
          data: candidates.flatMap((c) => Array.from({ length: k }, (_, j) => c[j]?.code ?? "")),
        },
        {
          name: "probabilities",
          shape: [texts.length, k],
          datatype: "FP32",
          data: candidates.flatMap((c) => Array.from({ length: k }, (_, j) => c[j]?.probability ?? 0)),
        },
      ],
    });
  });
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
});
