// Shared by the browser benchmarks: bundle a page script with esbuild, serve it with the product's wasm bundles and
// the benchmark data on localhost, and launch headless Chromium (Debian's, else Playwright's).
import { chromium } from "@playwright/test";
import { build } from "esbuild";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join } from "node:path";

export async function bundlePage(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    minify: true,
    define: { "process.env.NODE_ENV": '"production"' },
  });
  return result.outputFiles[0]!.text;
}

const TYPES: Record<string, string> = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".csv": "text/csv" };

/**
 * Serves `/` (a page running page.js), /duckdb/, /parquet/, /tfjs/ and /workers/ from public/, /data/ from `dataDir`, and the
 * shipped model versions' files as the app serves them to the browser (/resources/models/NAME/VERSION/FILE, with the
 * manifest's sha256 as the registered one).
 */
export async function serve(pageJs: string, root: string, dataDir: string) {
  const server = createServer((req, res) => {
    const url = new URL(req.url!, "http://localhost");
    if (url.pathname === "/") {
      res.writeHead(200, { "Content-Type": "text/html" });
      return res.end(`<!doctype html><title>bench</title><body style="margin:0"><script type="module" src="/page.js"></script></body>`);
    }
    if (url.pathname === "/page.js") {
      res.writeHead(200, { "Content-Type": "text/javascript" });
      return res.end(pageJs);
    }
    const model = /^\/resources\/models\/([a-z0-9-]+)\/([0-9.]+)\/([a-z.]+)$/.exec(url.pathname);
    const file = /^\/(duckdb|parquet|tfjs|workers)\//.test(url.pathname)
      ? join(root, "public", url.pathname)
      : url.pathname.startsWith("/data/")
        ? join(dataDir, url.pathname.slice(6))
        : model
          ? join(root, "models/artifacts", model[1]!, model[2]!, model[3]!)
          : null;
    if (!file || !existsSync(file)) {
      res.writeHead(404);
      return res.end();
    }
    const registered = model
      ? { "X-Registered-Sha256": (JSON.parse(readFileSync(join(file, "../manifest.json"), "utf8")) as { sha256: string }).sha256 }
      : {};
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Content-Length": statSync(file).size, ...registered });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as { port: number }).port };
}

export function launchChromium() {
  const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);
  return chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--js-flags=--max-old-space-size=4096"],
  });
}
