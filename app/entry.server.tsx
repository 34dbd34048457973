import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { getEnv } from "../workbench/config/env";
import { formatSeedReport, seedDemo } from "../workbench/store/boot";
import { NonceProvider } from "./components/nonce";
import { openServerStore } from "./store/context.server";
import { startWebhookWorker } from "../workbench/registry/webhook";
import { pooledPredictorOf } from "./classify/inference.server";
import { ensureRealTextFigures } from "./overview/overview.server";

export { securityHeaders } from "./security-headers.server";

const ABORT_DELAY = 5_000;

/**
 * Called once by server.js before it listens: validates the configuration, migrates and seeds the
 * database, and returns what to print. Throws EnvError with a readable message on bad configuration.
 */
export async function prepare(): Promise<{ port: number; message: string; trustProxy: boolean | number }> {
  const env = getEnv();
  const store = await openServerStore();
  const report = await seedDemo(store, env);
  startWebhookWorker(store.db);
  // every version's predictions on the real sets, so the first Overview shows real-text figures without waiting
  if (env.WORKBENCH_MEASURE_AT_START) void ensureRealTextFigures(store.db, pooledPredictorOf);
  return { port: env.PORT, message: `Data directory: ${store.dataDir}\n${formatSeedReport(report)}`, trustProxy: env.WORKBENCH_TRUST_PROXY };
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  const bot = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </NonceProvider>,
      {
        nonce,
        [bot ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          // the security headers (CSP with this nonce, nosniff, Referrer-Policy) are set by server.js on every response
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
