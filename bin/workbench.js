#!/usr/bin/env node
// `npx workbench …`: runs the TypeScript CLI through tsx, so the CLI shares the app's modules as they are.
import { register } from "tsx/esm/api";

register({ tsconfig: new URL("../tsconfig.json", import.meta.url).pathname });
const { main } = await import("../models/cli/main.ts");
const { closeCliStore } = await import("../models/cli/cli-store.ts");
try {
  process.exitCode = await main(process.argv.slice(2));
} finally {
  await closeCliStore();
}
