import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gatesConfigSchema, type GatesConfig } from "./gates";
import { repoRoot } from "../hs/load-fixtures";

export const GATES_FILE = "models/promotion-gates.json";

/** The gates configured in the repository, validated on every read (a request records the config it used). */
export function loadGatesConfig(file = join(repoRoot(), GATES_FILE)): GatesConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`cannot read the promotion gates ${file}: ${(error as Error).message}`);
  }
  const parsed = gatesConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}
