import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { getEnv } from "../workbench/config/env";
import { formatSeedReport, seedDemo } from "../workbench/store/boot";
import { getStore } from "./store/context.server";
import { startWebhookWorker } from "../workbench/registry/webhook";

const ABORT_DELAY = 5_000;

/**
 * Called once by server.js before it listens: validates the configuration, migrates and seeds the
 * database, and returns what to print. Throws EnvError with a readable message on bad configuration.
 */
export async function prepare(): Promise<{ port: number; message: string }> {
  const env = getEnv();
  const store = getStore();
  const report = await seedDemo(store, env);
  startWebhookWorker(store.db);
  return { port: env.PORT, message: `Data directory: ${store.dataDir}\n${formatSeedReport(report)}` };
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const bot = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />, {
      [bot ? "onAllReady" : "onShellReady"]() {
        shellRendered = true;
        const body = new PassThrough();
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        responseHeaders.set("X-Content-Type-Options", "nosniff");
        responseHeaders.set("X-Frame-Options", "DENY");
        responseHeaders.set("Referrer-Policy", "same-origin");
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
    });
    setTimeout(abort, ABORT_DELAY);
  });
}
