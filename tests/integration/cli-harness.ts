import { vi } from "vitest";
import { main } from "../../models/cli/main";

/** Runs the CLI in-process and returns its exit code and what it printed (stderr progress bars muted). */
export async function runCli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    const code = await main(argv);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    vi.restoreAllMocks();
  }
}
