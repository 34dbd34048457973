// Production server: validates configuration, prepares the database (migrate + seed), then serves the Remix build.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";

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
  console.error(error?.name === "EnvError" ? error.message : error);
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
// Security headers on every response, static files included; a fresh CSP nonce per response for Remix's scripts.
app.use((req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  res.set(build.entry.module.securityHeaders(res.locals.cspNonce));
  next();
});
app.use(compression());
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
// DuckDB-WASM runtimes are large and versioned by the package: cache them for a day.
app.use("/duckdb", express.static("public/duckdb", { maxAge: "1d" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: "production",
    getLoadContext: (req, res) => ({ clientAddress: req.socket.remoteAddress ?? "unknown", cspNonce: res.locals.cspNonce }),
  }),
);

const server = app.listen(prepared.port, () => {
  console.log(prepared.message);
  console.log(`HS Model Workbench is running on http://localhost:${prepared.port}`);
});
server.on("error", (error) => {
  console.error(error.code === "EADDRINUSE" ? `Port ${prepared.port} is already in use: stop the other process or set PORT to a free port.` : error);
  process.exit(1);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
