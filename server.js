// Production server: validates configuration, prepares the database (migrate + seed), then serves the Remix build.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";

// The production server always runs as production (no stack traces, no development behaviour), whatever the shell says.
if (!process.env.NODE_ENV) process.env.NODE_ENV = "production";

const buildPath = new URL("./build/index.js", import.meta.url);
if (!existsSync(buildPath)) {
  console.error("No production build found (build/index.js). Run `npm start`, which builds first, or `npm run build`.");
  process.exit(1);
}
const build = await import(buildPath.href);

let prepared;
try {
  prepared = await build.entry.module.prepare();
} catch (error) {
  console.error(["EnvError", "StoreError"].includes(error?.name) ? error.message : error);
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
// The client's address (sign-in throttling, audit) is the socket's, unless WORKBENCH_TRUST_PROXY says how many proxies
// in front of us add X-Forwarded-For honestly; a client cannot choose its address by sending that header itself.
app.set("trust proxy", prepared.trustProxy);
// Security headers on every response, static files included; a fresh CSP nonce per response for Remix's scripts.
app.use((req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  res.set(build.entry.module.securityHeaders(res.locals.cspNonce));
  next();
});
// Request bodies are limited while they stream in, before anything buffers them: small for requests without
// credentials (sign-in), larger for signed-in forms and the JSON API. A body over its limit gets 413 and the
// connection is closed; nothing more of it is read.
const BODY_LIMITS = { anonymous: 64 * 1024, signedIn: 1024 * 1024 };
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const signedIn = Boolean(req.headers.authorization) || /(?:^|;\s*)__workbench=/.test(req.headers.cookie ?? "");
  const limit = signedIn ? BODY_LIMITS.signedIn : BODY_LIMITS.anonymous;
  const tooLarge = () => {
    if (!res.headersSent) res.status(413).set("Connection", "close").type("text/plain").send(`The request body is larger than ${limit} bytes.`);
    req.unpipe();
    req.destroy();
  };
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) return tooLarge();
  let received = 0;
  req.on("data", (chunk) => {
    received += chunk.length;
    if (received > limit) tooLarge();
  });
  next();
});
// An Origin that is not a URL is no browser's: refuse it here (Remix's own check would fail with a 500 on it).
app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (origin && origin !== "null" && !URL.canParse(origin)) return res.status(403).type("text/plain").send("Forbidden: malformed Origin header.");
  next();
});
// Forms are posted as urlencoded or multipart, the JSON API as JSON: anything else is refused before a route reads it.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  // (a predictions file is uploaded to the API as multipart, on that one path)
  const allowed = req.path.startsWith("/api/")
    ? req.path === "/api/models"
      ? ["application/json", "multipart/form-data"]
      : ["application/json"]
    : ["application/x-www-form-urlencoded", "multipart/form-data"];
  // a request without a body (DELETE, an empty POST) has nothing to refuse: no Content-Length (or 0) and no Transfer-Encoding
  const bodyless = !req.headers["transfer-encoding"] && (req.headers["content-length"] ?? "0") === "0";
  if (bodyless && !type) return next();
  if (!allowed.includes(type)) {
    return res
      .status(415)
      .type("text/plain")
      .send(`Unsupported content type '${type.slice(0, 60) || "(none)"}'; send ${allowed.join(" or ")}.`);
  }
  next();
});
// how long a browser keeps what public/ holds: DuckDB-WASM's runtimes are large and versioned by the package
const DUCKDB_MAX_AGE = "1d";
const PUBLIC_MAX_AGE = "1h";
// WebAssembly runtimes (DuckDB's 34 MB, parquet-wasm, TensorFlow.js) are gzipped once by scripts/postinstall.js, not per
// request: compressing the DuckDB runtime took 0.75 s of the server's CPU each time a page opened Explore. Without the
// .gz file (or a client that does not take gzip) the plain file is served below.
app.use((req, res, next) => {
  if ((req.method !== "GET" && req.method !== "HEAD") || !req.path.endsWith(".wasm") || req.acceptsEncodings("gzip") !== "gzip") return next();
  res.vary("Accept-Encoding");
  const maxAge = req.path.startsWith("/duckdb/") ? DUCKDB_MAX_AGE : PUBLIC_MAX_AGE;
  const headers = { "Content-Encoding": "gzip", "Content-Type": "application/wasm" };
  res.sendFile(`${req.path}.gz`, { root: "public", maxAge, headers }, (error) => {
    if (error && !res.headersSent) next();
  });
});
// level 1: API answers (~20 kB of JSON) compress to 5.5 kB instead of 5.0 kB for about 40% less CPU on a busy server
app.use(compression({ level: 1 }));
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use("/duckdb", express.static("public/duckdb", { maxAge: DUCKDB_MAX_AGE }));
// the workers' bundles keep their names from build to build: a browser asks again each time (304 when unchanged)
app.use("/workers", express.static("public/workers", { maxAge: 0 }));
app.use(express.static("public", { maxAge: PUBLIC_MAX_AGE }));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: "production",
    getLoadContext: (req, res) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown", cspNonce: res.locals.cspNonce }),
  }),
);

// Errors that reach Express (a malformed URL such as /%c0, an aborted body): a status and a sentence, never a stack.
// (Express recognises an error handler by its four parameters)
app.use((error, req, res, _next) => {
  // already answered (a body over its limit was refused while the route still read it): nothing left to say
  if (res.headersSent) return res.end();
  const status = Number.isInteger(error?.status) && error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status === 500) console.error(error);
  res
    .status(status)
    .type("text/plain")
    .send(status === 500 ? "Internal error; it has been logged." : "Bad request.");
});

const server = app.listen(prepared.port, () => {
  console.log(prepared.message);
  console.log(`HS Model Workbench is running on http://localhost:${prepared.port}`);
});
// Node closes an idle kept-alive connection after 5 s; a client (a proxy, a browser, an API script) that sends its next
// request on it at that moment gets ECONNRESET. Clients and proxies keep idle connections for about a minute: outlast them.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.on("error", (error) => {
  console.error(error.code === "EADDRINUSE" ? `Port ${prepared.port} is already in use: stop the other process or set PORT to a free port.` : error);
  process.exit(1);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
