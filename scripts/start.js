// `npm start`: builds when the build is missing or older than the sources, then starts server.js.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const buildFile = join(root, "build/index.js");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = ["app", "workbench"].map((d) => join(root, d)).filter(existsSync);
const sourceTime = Math.max(...sources.map(newestMtime), statSync(join(root, "remix.config.js")).mtimeMs);
if (!existsSync(buildFile) || statSync(buildFile).mtimeMs < sourceTime) {
  console.log("Building the app (first start or sources changed)…");
  const result = spawnSync(process.execPath, [join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
process.chdir(root);
await import("../server.js");
