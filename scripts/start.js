// `npm start`: builds when the build is missing or older than the sources, then starts server.js.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { staleBuildReason } from "./build-freshness.js";
import { buildWorkers } from "./build-workers.js";

const root = new URL("..", import.meta.url).pathname;
const stale = staleBuildReason(root);
if (stale) {
  console.log(`Building the app (${stale})…`);
  const result = spawnSync(process.execPath, [join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  await buildWorkers();
}
process.chdir(root);
await import("../server.js");
