// Bundles the app's Web Workers (app/classify/classify-worker.ts) into public/workers/, which the server serves at
// /workers/ (revalidated on every use: the name carries no hash). The Remix compiler bundles the pages only. Run by
// `npm run build` and `npm start` after `remix build`.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export async function buildWorkers() {
  await build({
    absWorkingDir: root,
    entryPoints: ["app/classify/classify-worker.ts"],
    outfile: "public/workers/classify-worker.js",
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWorkers();
