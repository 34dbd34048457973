// `npm test` after the static checks: the unit/integration tests and the e2e tests side by side, then one closing line
// from both JSON reports. The e2e run leaves about a third of the machine idle (pages loading, servers starting,
// polling); vitest runs at the lowest priority (nice 19) to use that time without slowing the browser tests, and its
// output is kept in test-results/vitest.log and printed when it ends, so the two reporters never interleave.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";

mkdirSync("test-results", { recursive: true });
const UNIT_LOG = "test-results/vitest.log";

/** Runs an npm script; resolves with its exit code (a signal counts as a failure). */
function run(script, { niced = false, log } = {}) {
  const [command, args] = niced ? ["nice", ["-n", "19", "npm", "run", "--silent", script]] : ["npm", ["run", "--silent", script]];
  const child = spawn(command, args, { stdio: log ? ["ignore", "pipe", "pipe"] : "inherit", env: process.env });
  if (log) {
    const out = createWriteStream(log);
    child.stdout.pipe(out);
    child.stderr.pipe(out);
  }
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
}

const unit = run("test:unit", { niced: true, log: UNIT_LOG }).then((code) => {
  // after the e2e reporter's last line when e2e ends first, else between its lines: marked off either way
  process.stdout.write(
    `\n===== unit/integration tests (vitest, exit ${code}) =====\n${readFileSync(UNIT_LOG, "utf8")}===== end of unit/integration tests =====\n`,
  );
  return code;
});
const e2e = run("test:e2e");
const codes = await Promise.all([unit, e2e]);

const read = (file) => {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
};
const [unitReport, e2eReport] = [read("test-results/vitest.json"), read("test-results/e2e.json")];
if (!unitReport || !e2eReport) {
  console.log(`tests: a report is missing (${[!unitReport && "vitest", !e2eReport && "e2e"].filter(Boolean).join(", ")}): see the output above`);
  process.exit(1);
}
const passed = unitReport.numPassedTests + e2eReport.stats.expected;
const failed = unitReport.numFailedTests + e2eReport.stats.unexpected + e2eReport.stats.flaky;
const skipped = unitReport.numPendingTests + unitReport.numTodoTests + e2eReport.stats.skipped;
console.log(`unit/integration ${unitReport.numPassedTests} passed; e2e ${e2eReport.stats.expected} passed`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || codes.some((c) => c !== 0) ? 1 : 0;
