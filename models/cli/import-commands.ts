// Bringing another team's model (issue 16): the lines of an evaluation set to run it on, and its predictions imported
// as a version that is evaluated, compared and promoted like one trained here.
import { writeFileSync } from "node:fs";
import { basename } from "node:path";
import { userInfo } from "node:os";
import { cliPredictorOf, cliStore as store } from "./cli-store";
import { csvField } from "../../workbench/csv";
import { isRealSet, isShippedSet, shippedSet, SHIPPED_SETS, type ShippedSetId } from "../../workbench/evaluation/evaluation-sets";
import { modelCardSchema, REAL_TEXT_POLICY } from "../hs-classifier/model-card";
import { realFiguresOf, realFiguresText } from "./real-figures";
import { PredictionFileError } from "../../workbench/evaluation/prediction-file";
import { formatModelRef, modelRefSchema } from "../../workbench/registry/model-ref";
import { DEFAULT_ENDPOINT_SETTINGS } from "../../workbench/registry/remote-endpoints";
import { registerRemote } from "../remote/remote-version";
import { resolveVersion } from "../../workbench/registry/model-registry";
import { KIND_LABELS } from "../../workbench/registry/model-version";
import { predictorFor } from "../../workbench/registry/prediction-imports";
import { versionDetails } from "../../workbench/registry/version-details";
import { addNote, setArchived } from "../../workbench/registry/version-lifecycle";
import { REGISTRY_COLUMNS, registryTable, sortRegistry, type RegistryColumn } from "../../workbench/evaluation/registry-table";
import { encodedPredictionsFor } from "../../workbench/evaluation/prediction-cache";
import { pct } from "../../workbench/text/format";
import { actingUser, TOKEN_OPTION } from "./acting-user";
import { progressBar } from "./progress";
import { importPredictions } from "../../workbench/registry/prediction-imports";
import { readPredictionFile } from "../files/prediction-file";
import { cardDescriptionParts, membersNotNamed } from "../hs-classifier/card-description";
import { accuracyFigures, JSON_OPTION, outputFile, printTable, required, setOption, UsageError, type Command } from "./command";

/**
 * What `models show` prints of a version's card, as its page shows it: what it is, what it is for, its limits (the
 * real-text policy first, also for a card that predates it), its figures on our own text, its calibration. A
 * predictions or remote version has only a description.
 */
function printCard(raw: unknown): void {
  const parsed = modelCardSchema.safeParse(raw);
  if (!parsed.success) {
    const description = (raw as { description?: unknown } | undefined)?.description;
    if (typeof description === "string") console.log(`  ${description}`);
    return;
  }
  const card = parsed.data;
  console.log(`  ${card.description}`);
  const members = membersNotNamed(cardDescriptionParts(card.description, card.version).summary, card.training.sources);
  if (members) console.log(`  built from ${members.join(" and ")} (the description names the members it was first written for)`);
  console.log(`  intended use: ${card.intendedUse}`);
  for (const limitation of new Set([REAL_TEXT_POLICY, ...card.limitations])) console.log(`  limitation: ${limitation}`);
  // the real sets' figures are the registry's, printed before the card (also for a card that predates the real sets)
  const generated = Object.entries(card.evaluation).filter(([id]) => !isRealSet(id));
  if (generated.length) console.log("  on our own text (the card), chapter / HS6 top-1 / HS6 top-5:");
  for (const [id, { description, metrics }] of generated) {
    console.log(`    ${isShippedSet(id) ? SHIPPED_SETS[id].label : description}: ${accuracyFigures(metrics.accuracy)} (n=${metrics.n})`);
  }
  if (card.calibration)
    console.log(
      `  calibration: ${card.calibration.method} ${card.calibration.temperature.toFixed(3)}, fitted on ${card.calibration.fittedOn.join(", ")}`,
    );
}

export const importCommands: Command[] = [
  {
    name: "sets export",
    summary: "Write the lines of an evaluation set (line_id, text; no codes) for another model to predict",
    usage: `workbench sets export --set ${Object.keys(SHIPPED_SETS).join("|")} --out FILE.csv`,
    options: {
      set: { type: "string", describe: "which evaluation set" },
      out: { type: "string", describe: "the CSV file to write (line_id, text)" },
    },
    async run(values) {
      const id = setOption(values) ?? required(values, "set");
      const out = outputFile(values, "out");
      const set = shippedSet(id as ShippedSetId);
      writeFileSync(out, ["line_id,text", ...set.lines.map((l) => `${csvField(l.ref)},${csvField(l.text)}`)].join("\n") + "\n");
      console.log(`${set.lines.length.toLocaleString("en")} lines of ${set.label} → ${out} (set sha256 ${set.hash.slice(0, 12)}…)`);
      return 0;
    },
  },
  {
    name: "models import-predictions",
    summary: "Register another model's predictions on evaluation sets as a candidate version (docs/predictions-format.md)",
    usage: "workbench models import-predictions --name NAME --version V [--set SET] --input FILE.csv|.parquet|.xlsx [--description TEXT] [--json]",
    options: {
      name: { type: "string", describe: "the model's name in the registry" },
      version: { type: "string", describe: "its version, e.g. 1.0.0 (a name and version are registered once)" },
      set: { type: "string", describe: "the evaluation set of every line, when the file has no set column" },
      input: { type: "string", describe: "the predictions file: CSV, Parquet, Excel or JSON (docs/predictions-format.md)" },
      description: { type: "string", describe: "what model made these predictions, shown on its page" },
      ...JSON_OPTION,
    },
    async run(values) {
      const ref = modelRefSchema.safeParse(`${required(values, "name")}@${required(values, "version")}`);
      if (!ref.success) throw new UsageError(ref.error.issues[0]!.message);
      const input = required(values, "input");
      let file;
      try {
        file = await readPredictionFile(input, basename(input), setOption(values));
      } catch (error) {
        if (!(error instanceof PredictionFileError)) throw error;
        if (values.json) console.log(JSON.stringify({ imported: false, file: error.file, problems: error.problems, total: error.total }, null, 2));
        else {
          console.error(
            `workbench models import-predictions: ${error.file}: ${error.total} problem${error.total === 1 ? "" : "s"}, nothing imported`,
          );
          for (const p of error.problems) console.error(`  ${p}`);
          if (error.total > error.problems.length) console.error(`  … and ${error.total - error.problems.length} more`);
        }
        return 1;
      }
      const [name, version] = [values.name as string, values.version as string];
      const result = await importPredictions(
        (await store()).db,
        { name, version, description: (values.description as string | undefined) ?? `Predictions imported from ${file.name}`, files: [file] },
        { id: null, username: `cli:${userInfo().username}`, client: "cli" },
      );
      if (values.json) {
        console.log(JSON.stringify({ imported: true, version: result.version, sets: result.sets }, null, 2));
        return 0;
      }
      console.log(`Registered ${name}@${version} as a candidate (predictions file ${file.name}, sha256 ${file.sha256.slice(0, 16)}…).`);
      printTable(
        ["set", "lines", "top-k"],
        result.sets.map((s) => [s.setId, s.lines, s.topK]),
      );
      return 0;
    },
  },
  {
    name: "models register-remote",
    summary: "Register an HTTP endpoint (workbench /api/classify or KServe v2) as a candidate version, after it answers a probe",
    usage:
      "workbench models register-remote --name NAME --version V --url URL --protocol workbench|kserve-v2 [--remote-model NAME] [--token-env VAR | --token-stdin] [--timeout-ms 10000] [--concurrency 4] [--batch-size 50] [--description TEXT] [--json]",
    options: {
      name: { type: "string", describe: "the model's name in the registry" },
      version: { type: "string", describe: "its version, e.g. 1.0.0 (a name and version are registered once)" },
      url: { type: "string", describe: "the endpoint's address: …/api/classify, or a KServe v2 server's base address" },
      protocol: { type: "string", describe: "workbench (our /api/classify contract) or kserve-v2 (Open Inference Protocol)" },
      "remote-model": { type: "string", describe: "the model's name on the endpoint (needed for kserve-v2)" },
      "token-env": { type: "string", describe: "the environment variable holding the endpoint's bearer token, read at each call" },
      "token-stdin": { type: "boolean", describe: "read the endpoint's bearer token from standard input; it is stored sealed" },
      "timeout-ms": { type: "string", describe: `how long one call may take (default ${DEFAULT_ENDPOINT_SETTINGS.timeoutMs})` },
      concurrency: { type: "string", describe: `calls at once (default ${DEFAULT_ENDPOINT_SETTINGS.concurrency})` },
      "batch-size": { type: "string", describe: `descriptions per call (default ${DEFAULT_ENDPOINT_SETTINGS.batchSize})` },
      description: { type: "string", describe: "what the endpoint serves, shown on its page (default: its address)" },
      ...JSON_OPTION,
    },
    async run(values) {
      const ref = modelRefSchema.safeParse(`${required(values, "name")}@${required(values, "version")}`);
      if (!ref.success) throw new UsageError(ref.error.issues[0]!.message);
      if (values["token-env"] && values["token-stdin"]) throw new UsageError("give either --token-env or --token-stdin, not both");
      const number = (name: string, fallback: number) => {
        const raw = values[name];
        if (raw === undefined) return fallback;
        const n = Number(raw);
        if (!Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number`);
        return n;
      };
      // a token is read from stdin or the environment, never from the command line (it would stay in shell history)
      const credential = values["token-env"]
        ? { kind: "env" as const, name: values["token-env"] as string }
        : values["token-stdin"]
          ? { kind: "token" as const, token: (await readStdin()).trim() }
          : null;
      if (credential?.kind === "token" && !credential.token) throw new UsageError("--token-stdin read an empty token");
      const url = required(values, "url");
      const version = await registerRemote(
        await store(),
        {
          ...ref.data,
          description: (values.description as string | undefined) ?? `Remote model at ${url}`,
          settings: {
            url,
            protocol: required(values, "protocol"),
            remoteModel: (values["remote-model"] as string | undefined) ?? null,
            timeoutMs: number("timeout-ms", DEFAULT_ENDPOINT_SETTINGS.timeoutMs),
            concurrency: number("concurrency", DEFAULT_ENDPOINT_SETTINGS.concurrency),
            batchSize: number("batch-size", DEFAULT_ENDPOINT_SETTINGS.batchSize),
          },
          credential,
        },
        { id: null, username: `cli:${userInfo().username}`, client: "cli" },
      );
      if (values.json) console.log(JSON.stringify({ registered: true, version }, null, 2));
      else
        console.log(
          `Registered ${formatModelRef(version)} as a candidate (remote, ${url}); it answered the probe (sha256 ${version.sha256.slice(0, 16)}…).`,
        );
      return 0;
    },
  },
  {
    name: "models show",
    summary:
      "One version: kind, status, source, sha256, its figures on real text, card or description, imported files or endpoint (never a token), notes",
    usage: "workbench models show --model REF [--json]",
    options: { model: { type: "string", describe: "the version: NAME@VERSION, or production" }, ...JSON_OPTION },
    async run(values) {
      const details = await versionDetails((await store()).db, await resolveVersion((await store()).db, required(values, "model")));
      if (values.json) console.log(JSON.stringify(details, null, 2));
      else {
        const v = details.version;
        console.log(`${v.name}@${v.version}: ${v.status}, ${KIND_LABELS[v.kind]}, registered ${v.registeredAt} by ${v.registeredBy || "—"}`);
        console.log(`  source ${v.source}\n  sha256 ${v.sha256}`);
        for (const s of details.imported ?? [])
          console.log(`  predictions for ${s.setId}: ${s.lines} lines, top-${s.topK}, from ${s.fileName} (${s.fileSha256.slice(0, 16)}…)`);
        if (details.endpoint)
          console.log(`  endpoint ${details.endpoint.url} (${details.endpoint.protocol}), credential: ${details.endpoint.credential}`);
        console.log("  on real text (never trained on), chapter / HS6 top-1 / HS6 top-5:");
        for (const f of await realFiguresOf((await store()).db, v)) {
          const why = f.metrics ? ` (n=${f.metrics.n})` : f.unavailable ? "" : ` (workbench models table --set ${f.id})`;
          console.log(`    ${SHIPPED_SETS[f.id].label}: ${realFiguresText(f)}${why}`);
        }
        printCard(details.card);
        for (const n of details.notes) console.log(`  note ${n.at} ${n.author}: ${n.body}`);
      }
      return 0;
    },
  },
  {
    name: "models table",
    summary:
      "Every version on one evaluation set: top-1/3/5 at chapter, heading and HS6, calibration error, share auto-accepted with accuracy shown to be at least 95%",
    usage: `workbench models table --set ${Object.keys(SHIPPED_SETS).join("|")} [--sort ${REGISTRY_COLUMNS.join("|")}] [--json]`,
    options: {
      set: { type: "string", describe: "which evaluation set (versions not measured on it yet are measured first)" },
      sort: { type: "string", describe: "the column to sort by, best first (default hs6top1)" },
      ...JSON_OPTION,
    },
    async run(values) {
      const id = setOption(values) ?? required(values, "set");
      const sort = (values.sort as string | undefined) ?? "hs6top1";
      if (!(REGISTRY_COLUMNS as readonly string[]).includes(sort)) throw new UsageError(`--sort must be one of ${REGISTRY_COLUMNS.join(", ")}`);
      const db = (await store()).db;
      const set = shippedSet(id as ShippedSetId);
      // measure what is not measured yet (a predictions version answers only its own sets)
      for (const row of (await registryTable(db, set)).filter((r) => !r.figures && !r.unavailable)) {
        const bar = progressBar(`predict ${row.ref}`);
        try {
          await encodedPredictionsFor(db, await predictorFor(db, await resolveVersion(db, row.ref), cliPredictorOf), set, (p) =>
            bar.update(p.done, p.total),
          );
        } catch (error) {
          console.error(`${row.ref}: not measured (${(error as Error).message})`);
        }
        bar.done();
      }
      const rows = sortRegistry(await registryTable(db, set), sort as RegistryColumn, true);
      if (values.json) {
        console.log(JSON.stringify({ set: id, sort, rows }, null, 2));
        return 0;
      }
      console.log(`${set.label}, sorted by ${sort}:`);
      printTable(
        ["version", "status", "kind", "n", ...REGISTRY_COLUMNS],
        rows.map((r) => [
          r.ref,
          r.status,
          r.kind,
          r.figures?.n ?? "",
          ...REGISTRY_COLUMNS.map((c) =>
            r.figures ? (c === "ece" ? r.figures[c]!.toFixed(3) : pct(r.figures[c]!)) : r.unavailable ? "—" : "not measured",
          ),
        ]),
      );
      return 0;
    },
  },
  ...(["archive", "restore"] as const).map((verb): Command => ({
    name: `models ${verb}`,
    summary:
      verb === "archive"
        ? "Archive a candidate version (admin; audited): hidden from Classify and the defaults, evidence kept"
        : "Restore an archived version as a candidate (admin; audited)",
    usage: `workbench models ${verb} --model REF --reason TEXT [--token-stdin] [--json] (the acting user: WORKBENCH_TOKEN or stdin)`,
    options: {
      model: { type: "string", describe: "the version: NAME@VERSION" },
      reason: { type: "string", describe: "why, kept in the audit log" },
      ...JSON_OPTION,
      ...TOKEN_OPTION,
    },
    async run(values) {
      const { user, actor } = await actingUser(values);
      const ref = required(values, "model");
      await setArchived((await store()).db, ref, verb === "archive", required(values, "reason"), user, actor);
      if (values.json) console.log(JSON.stringify(await versionDetails((await store()).db, await resolveVersion((await store()).db, ref)), null, 2));
      else console.log(`${ref} ${verb === "archive" ? "archived" : "restored as a candidate"}.`);
      return 0;
    },
  })),
  {
    name: "models note",
    summary: "Add a note to a version (analyst or admin; append-only, audited)",
    usage: "workbench models note --model REF --text TEXT [--token-stdin] [--json] (the acting user: WORKBENCH_TOKEN or stdin)",
    options: {
      model: { type: "string", describe: "the version: NAME@VERSION, or production" },
      text: { type: "string", describe: "the note; notes are never edited or removed" },
      ...JSON_OPTION,
      ...TOKEN_OPTION,
    },
    async run(values) {
      const { user, actor } = await actingUser(values);
      const note = await addNote((await store()).db, required(values, "model"), required(values, "text"), user, actor);
      console.log(values.json ? JSON.stringify(note, null, 2) : "Note added.");
      return 0;
    },
  },
];

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
