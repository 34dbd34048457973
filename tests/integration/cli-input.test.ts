// Security suite (issue 14): the CLI printed a screen of minified code for a truncated Parquet file (exit 7), read an
// unterminated quote silently, took tokens on the command line and echoed a too-short SESSION_SECRET.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "workbench-cli-input-"));
process.env.WORKBENCH_DATA_DIR = join(dir, "data");
const { runCli: run } = await import("./cli-harness");
const { parseEnv } = await import("../../workbench/config/env");
const { getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { seedModelVersions } = await import("../../workbench/registry/seed-models");
const { repoRoot } = await import("../../workbench/hs/load-fixtures");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("CLI input files", () => {
  // what each file is, and the start of what the one line says after its name
  const files: Record<string, [Buffer, string]> = {
    "truncated.parquet": [Buffer.from("PAR1 this is not the rest of a parquet file"), "not a readable Parquet file"],
    "binary.csv": [Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)), "not a readable CSV file"],
    "unterminated.csv": [Buffer.from('description,code\n"live horses,0101\nfrozen cod,0303\n'), "not a readable CSV file"],
    // told by their first bytes, whatever their names say
    "old-workbook.csv": [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "this is an old Excel (.xls) workbook"],
    "lines.csv.gz": [Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0]), "this is a gzip-compressed file: decompress it first"],
  };
  it.each(Object.keys(files))("refuses %s with one line naming the file (exit 1)", async (name) => {
    await seedModelVersions(getDb(), repoRoot());
    const file = join(dir, name);
    const [bytes, message] = files[name]!;
    writeFileSync(file, bytes);
    const result = await run(
      "predict",
      "--model",
      "hs-baseline@1.0.0",
      "--input",
      file,
      "--text-column",
      "description",
      "--out",
      join(dir, "out.csv"),
    );
    expect(result.code).toBe(1);
    expect(result.err.split("\n")).toHaveLength(1);
    expect(result.err).toContain(`${file}: ${message}`);
    expect(result.err.length).toBeLessThan(400);
  });

  it("refuses a folder given as the input, naming it (exit 2)", async () => {
    await seedModelVersions(getDb(), repoRoot());
    const result = await run(
      "predict",
      "--model",
      "hs-baseline@1.0.0",
      "--input",
      dir,
      "--text-column",
      "description",
      "--out",
      join(dir, "out.csv"),
    );
    expect([result.code, result.err.split("\n")[0]]).toEqual([2, `workbench predict: ${dir} is a folder; give a file`]);
  });
});

describe("CLI input formats", () => {
  it("reads JSON (an array or one object per line) and a CSV named .parquet by what they hold", async () => {
    await seedModelVersions(getDb(), repoRoot());
    const rows = [
      { description: "live horses for breeding", code: "010121" },
      { description: "frozen cod fillets", code: "030471" },
    ];
    const inputs: Record<string, string> = {
      "lines.json": JSON.stringify(rows, null, 2),
      "lines.ndjson": rows.map((r) => JSON.stringify(r)).join("\n") + "\n",
      "lines.parquet": "description,code\nlive horses for breeding,010121\nfrozen cod fillets,030471\n",
    };
    const out = join(dir, "formats-out.csv");
    for (const [name, text] of Object.entries(inputs)) {
      writeFileSync(join(dir, name), text);
      const result = await run("predict", "--model", "hs-baseline@1.0.0", "--input", join(dir, name), "--text-column", "description", "--out", out);
      expect(result.code, `${name}: ${result.err}`).toBe(0);
      expect(result.out, name).toContain("2 descriptions classified by hs-baseline@1.0.0");
      // JSON records count from 1; a CSV's rows count its header as row 1
      const row = name.endsWith(".parquet") ? 2 : 1;
      expect(readFileSync(out, "utf8").split("\n")[1], name).toMatch(new RegExp(`^${row},live horses for breeding,\\d{6},`));
    }
    writeFileSync(join(dir, "broken.json"), '[{"description": "live horses"');
    const broken = await run(
      "predict",
      "--model",
      "hs-baseline@1.0.0",
      "--input",
      join(dir, "broken.json"),
      "--text-column",
      "description",
      "--out",
      out,
    );
    expect([broken.code, broken.err.split("\n").length]).toEqual([1, 1]);
    expect(broken.err).toContain(`${join(dir, "broken.json")}: not a readable JSON (an array of objects) file (`);
  });
});

describe("CLI Excel workbooks", () => {
  it("without --text-column or --label-column, reads the columns named as Explore names them, and says which; without --model, production", async () => {
    await seedModelVersions(getDb(), repoRoot());
    const file = join(dir, "named.csv");
    writeFileSync(file, "Line,Item Description,HS Code\n1,live horses for breeding,010121\n2,frozen cod fillets,030471\n");
    const out = join(dir, "named-out.csv");
    // and without --model, the production version (as the Classify page's default)
    const predicted = await run("predict", "--input", file, "--out", out);
    expect(predicted.code, predicted.err).toBe(0);
    expect(predicted.out).toContain("2 descriptions classified by hs-baseline@1.0.0");
    expect(predicted.err).toBe(`goods descriptions from the column 'Item Description' of ${file} (--text-column chooses another)`);
    expect(readFileSync(out, "utf8").split("\n")[1]).toMatch(/^2,live horses for breeding,\d{6},/);
    const evaluated = await run("evaluate", "--model", "hs-baseline@1.0.0", "--input", file, "--json");
    expect(evaluated.code, evaluated.err).toBe(0);
    expect(evaluated.err).toContain(`codes from the column 'HS Code' of ${file}`);
    expect(JSON.parse(evaluated.out).metrics.n).toBe(2);
    const same = await run("evaluate", "--input", file, "--text-column", "HS Code");
    expect([same.code, same.err]).toEqual([2, expect.stringContaining("the descriptions and the codes cannot both be the column 'HS Code'")]);
    // a column named otherwise: the one of words, as Explore finds it, and said (an invoice's reference and its
    // one-word categories are not descriptions)
    writeFileSync(
      file,
      "linha,fatura,categoria,descricao\n1,FT2026/0001,vestuario,CAMISA ALGODAO MASC AZUL\n2,FT2026/0002,animais,RACAO CAO ADULTO 15KG\n",
    );
    const byWords = await run("predict", "--model", "hs-baseline@1.0.0", "--input", file, "--out", out);
    expect(byWords.code, byWords.err).toBe(0);
    expect(byWords.err).toBe(`goods descriptions from the column 'descricao' of ${file}, the one of words (--text-column chooses another)`);
    expect(readFileSync(out, "utf8").split("\n")[1]).toMatch(/^2,CAMISA ALGODAO MASC AZUL,\d{6},/);
    // with none of words, never a guess
    writeFileSync(file, "a,b\nZZR1LT6,010121\n");
    const unnamed = await run("predict", "--model", "hs-baseline@1.0.0", "--input", file, "--out", out);
    expect(unnamed.code).toBe(2);
    expect(unnamed.err).toContain(
      `--text-column is required: no column of ${file} is named as goods descriptions are, and none holds words (its columns: a, b)`,
    );
  });

  it("reads a workbook's first sheet with the sheet's row numbers; names the sheet or the broken file in one line", async () => {
    await seedModelVersions(getDb(), repoRoot());
    const workbook = join(repoRoot(), "fixtures/demo-declarations.xlsx");
    const out = join(dir, "workbook-out.csv");
    const predict = (input: string, column = "goods_description") =>
      run("predict", "--model", "hs-baseline@1.0.0", "--input", input, "--text-column", column, "--out", out);
    const result = await predict(workbook);
    expect(result.code, result.err).toBe(0);
    // the sheet's row 22 is blank
    expect(result.out).toContain("30 of 31 descriptions classified by hs-baseline@1.0.0");
    expect(result.out).toContain(`1 have no letter or digit (row 22 of ${workbook})`);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines).toHaveLength(32);
    expect(lines[1]).toMatch(/^2,"cooking stoves, ranges & ovens, except microwave, indust 10 bales",\d{6},0\.\d{4},/);
    expect(lines[21]).toBe("22,,,,,,,,,,,");

    // a workbook named as a CSV is read as the workbook it is
    const renamed = join(dir, "declarations.csv");
    writeFileSync(renamed, readFileSync(workbook));
    expect((await predict(renamed)).out).toContain("30 of 31 descriptions classified by hs-baseline@1.0.0");

    const missing = await predict(workbook, "description");
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`${workbook} (sheet “Declarations”) has no column 'description'; its columns are declaration_id,`);
    const cut = join(dir, "cut.xlsx");
    writeFileSync(cut, readFileSync(workbook).subarray(0, 3000));
    const broken = await predict(cut);
    expect([broken.code, broken.err.split("\n").length]).toEqual([1, 1]);
    expect(broken.err).toMatch(
      new RegExp(
        `^workbench predict: ${cut.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not a readable ZIP archive \\(.+\\); is the workbook complete\\?$`,
      ),
    );
  });
});

describe("CLI repeated descriptions", () => {
  it("classifies each distinct description once and answers every row, repeats alike", async () => {
    await seedModelVersions(getDb(), repoRoot());
    const file = join(dir, "repeated.csv");
    const rows = ["frozen cod fillets", "live horses for breeding", "frozen cod fillets", "frozen cod fillets", "live horses for breeding"];
    writeFileSync(file, ["description", ...rows].join("\n") + "\n");
    const out = join(dir, "repeated-out.csv");
    const predicted = await run("predict", "--model", "hs-baseline@1.0.0", "--input", file, "--threshold", "0.8", "--out", out);
    expect(predicted.code, predicted.err).toBe(0);
    expect(predicted.out).toContain("5 descriptions (2 distinct, each classified once) classified by hs-baseline@1.0.0");
    const answers = readFileSync(out, "utf8").trim().split("\n").slice(1);
    expect(answers.map((l) => l.split(",")[1])).toEqual(rows);
    // a repeat carries its first occurrence's answer, codes, probabilities and decision alike
    const rest = (l: string) => l.split(",").slice(1).join(",");
    expect(rest(answers[2]!)).toBe(rest(answers[0]!));
    expect(rest(answers[3]!)).toBe(rest(answers[0]!));
    expect(rest(answers[4]!)).toBe(rest(answers[1]!));
    expect(rest(answers[0]!)).not.toBe(rest(answers[1]!));
  });
});

describe("CLI labels a spreadsheet turned into numbers", () => {
  it("lists them with what to say; --code-length gives them their leading zero back, counted and said", async () => {
    await seedModelVersions(getDb(), repoRoot());
    const file = join(dir, "lost-zeros.csv");
    writeFileSync(file, "description,hs_code\nlive horses for breeding,10121\nfrozen cod fillets,030471\nwhole milk powder,40221\n");
    const evaluate = (...more: string[]) => run("evaluate", "--model", "hs-baseline@1.0.0", "--input", file, "--json", ...more);
    const listed = await evaluate();
    expect(listed.code, listed.err).toBe(0);
    expect(JSON.parse(listed.out)).toMatchObject({ metrics: { n: 1 }, excluded: { count: 2 }, repaired: { count: 0 } });
    expect(listed.err).toContain("2 label(s) look like codes a spreadsheet turned into numbers: --code-length 6, 8 or 10 says which length");

    const repaired = await evaluate("--code-length", "6");
    expect(repaired.code, repaired.err).toBe(0);
    const result = JSON.parse(repaired.out);
    expect(result).toMatchObject({ metrics: { n: 3 }, excluded: { count: 0 }, repaired: { count: 2 } });
    expect(result.repaired.examples[0]).toEqual({
      ref: "row 2",
      label: "10121",
      how: "added the leading zero a spreadsheet dropped ('10121' → 010121)",
    });
    expect(repaired.err).toContain("2 label(s) repaired as --code-length 6 says, e.g. row 2: added the leading zero");

    // a column said to hold 10 digits repairs none of these, and says why each is left out
    expect(JSON.parse((await evaluate("--code-length", "10")).out)).toMatchObject({ metrics: { n: 0 }, excluded: { count: 3 } });
    expect(await evaluate("--code-length", "7")).toMatchObject({ code: 2, err: expect.stringContaining("--code-length must be 6, 8 or 10") });
    // several versions are compared on a built-in set: a file given with them is refused, never ignored
    const several = await run("compare", "--versions", "hs-baseline@1.0.0,hs-standard@1.0.0", "--input", file);
    expect([several.code, several.err]).toEqual([2, expect.stringContaining("a labelled file (--input) goes with --a and --b")]);
  });
});

describe("CLI labels of HS 2017", () => {
  it("are read as HS 2017 when the codes say so, and said; --hs-version HS2022 reads them as given, each old code named", async () => {
    await seedModelVersions(getDb(), repoRoot());
    const file = join(dir, "labels-2017.csv");
    // 030510 (fish meal) is 030910 in HS 2022; 851712 (phones) split; 010121 and 030617 are the same in both
    writeFileSync(
      file,
      "description,hs_code\nfish meal fit for human consumption,030510\nmobile phone smartphone,851712\nlive horses for breeding,010121\nfrozen shrimp peeled,030617\n",
    );
    const evaluate = (...more: string[]) => run("evaluate", "--model", "hs-baseline@1.0.0", "--input", file, "--json", ...more);
    const detected = await evaluate();
    expect(detected.code, detected.err).toBe(0);
    expect(detected.err).toContain(
      "codes read as HS 2017, through the correlation: 100.0% of the labels are HS 2017 codes, 50.0% HS 2022 ones (--hs-version HS2022 reads them as HS 2022)",
    );
    expect(JSON.parse(detected.out)).toMatchObject({
      hsVersion: "HS2017",
      metrics: { n: 3 },
      excluded: { count: 1, examples: [{ row: 3, label: "851712", reason: "'851712': HS2017 851712 has no single HS2022 successor" }] },
    });
    const given = await evaluate("--hs-version", "HS2022");
    expect(given.err).not.toContain("read as HS 2017");
    const asGiven = JSON.parse(given.out);
    expect(asGiven).toMatchObject({ hsVersion: "HS2022", metrics: { n: 2 }, excluded: { count: 2 } });
    expect(asGiven.excluded.examples[0].reason).toBe(
      "'030510': subheading 030510 is not in HS2022 heading 0305; it is an HS2017 code, replaced by 030910",
    );
  });
});

describe("CLI labels of several accepted codes", () => {
  it("count a prediction that matches any of them; an alternative that is not a code is said, the line stands on the others", async () => {
    const { labelledLines } = await import("../../workbench/evaluation/evaluation-sets");
    const labels = ["010121;010129", "010121 | 9999", "abc;xyz", "6113001010;6113001012", "030617"];
    const read = labelledLines(
      labels.map(() => "live animals"),
      labels,
      { hsVersion: "HS2022", refOf: (i) => `row ${i + 2}` },
    );
    expect(read.lines.map((l) => [l.truth, l.alsoAccepted ?? []])).toEqual([
      ["010121", ["010129"]],
      ["010121", []],
      ["611300", []],
      ["030617", []],
    ]);
    expect(read.unmappedAlternatives).toEqual([{ index: 1, ref: "row 3", label: "9999", reason: expect.stringContaining("'9999'") }]);
    expect(read.excluded).toEqual([{ index: 2, ref: "row 4", label: "abc;xyz", reason: expect.stringMatching(/\(none of its 2 codes is valid\)$/) }]);

    // the rulings' own column of every accepted code, through the CLI: the built-in set's figures, said on stderr
    await seedModelVersions(getDb(), repoRoot());
    const file = join(dir, "several-codes.csv");
    writeFileSync(file, 'description,all_codes\nlive horses for breeding,"999999;010129;010121"\nfrozen shrimp peeled,"030617|1234"\n');
    const result = await run("evaluate", "--model", "hs-baseline@1.0.0", "--input", file, "--label-column", "all_codes", "--json");
    expect(result.code, result.err).toBe(0);
    expect(result.err).toContain("1 line(s) name several accepted codes: a prediction counts if it matches any of them");
    expect(result.err).toContain("2 accepted code(s) beside a valid one not counted, e.g. row 2: '999999': chapter 99 does not exist");
    expect(JSON.parse(result.out)).toMatchObject({
      metrics: { n: 2 },
      excluded: { count: 0 },
      alternativesNotCounted: {
        count: 2,
        examples: [
          { row: 2, code: "999999" },
          { row: 3, code: "1234" },
        ],
      },
    });
  });
});

describe("CLI evaluate on a built-in set", () => {
  it("measures a version on a real set as the Overview does, lists the lines it cannot count, and refuses a file's options beside it", async () => {
    await seedModelVersions(getDb(), repoRoot());
    const json = await run("evaluate", "--model", "hs-baseline@1.0.0", "--set", "cbp-rulings", "--json");
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out);
    // the Overview's figures for the demo's production version: 14 of 199 at HS6 top-1, calibration error 0.16
    expect(report.model).toMatchObject({ name: "hs-baseline", version: "1.0.0" });
    expect(report.set).toMatchObject({ id: "cbp-rulings", origin: "real", lines: 199, excluded: { count: 1 } });
    expect(report.set.excluded.lines[0]).toMatchObject({ line: "atlas-validation-0026", label: "9405408000" });
    expect([report.metrics.n, Math.round(report.metrics.accuracy.hs6.top1 * 199)]).toEqual([199, 14]);
    expect(report.calibrationError).toBeCloseTo(0.157, 3);
    const text = await run("evaluate", "--model", "hs-baseline@1.0.0", "--set", "cbp-rulings");
    expect(text.out.split("\n").slice(0, 3)).toEqual([
      "hs-baseline@1.0.0 on US customs rulings (real): 199 lines (1 excluded: no HS 2022 subheading for their codes)",
      expect.stringContaining("never trained on"),
      expect.stringMatching(/^ {2}excluded atlas-validation-0026: '9405408000': 940540 is neither an HS 2022 subheading/),
    ]);
    expect(text.out).toMatch(/^HS6 +7\.0% /m);
    // a built-in set has its own texts and codes: a file's options beside it would be ignored
    const refused = await run("evaluate", "--set", "cbp-rulings", "--text-column", "description");
    expect([refused.code, refused.err.split("\n")[0]]).toEqual([
      2,
      "workbench evaluate: --text-column describes a labelled file (--input), not a built-in set (--set)",
    ]);
    const both = await run("compare", "--a", "production", "--b", "hs-standard@1.0.0", "--label-column", "code", "--hs-version", "HS2017");
    expect(both.err.split("\n")[0]).toBe(
      "workbench compare: --label-column, --hs-version describe a labelled file (--input), not a built-in set (--set)",
    );
  });
});

describe("CLI output files", () => {
  it("refuses an output in a folder that does not exist before any work, and names a file the system refused", async () => {
    await seedModelVersions(getDb(), repoRoot());
    const input = join(dir, "lines.csv");
    writeFileSync(input, "description\nlive horses\n");
    const predict = (out: string) => run("predict", "--model", "hs-baseline@1.0.0", "--input", input, "--text-column", "description", "--out", out);
    const missing = await predict(join(dir, "no-such-folder", "out.csv"));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`--out: the folder ${join(dir, "no-such-folder")} does not exist`);
    const folder = await predict(dir);
    expect([folder.code, folder.err.split("\n")[0]]).toEqual([2, `workbench predict: --out: ${dir} is a folder; give a file name`]);
    expect((await run("sets", "export", "--set", "cbp-rulings", "--out", join(dir, "nope", "x.csv"))).code).toBe(2);
    // the folder exists but the system refuses the file (Linux: /proc takes no new files): one line, exit 1
    const refused = await predict("/proc/predictions.csv");
    expect([refused.code, refused.err]).toEqual([1, "workbench predict: cannot open /proc/predictions.csv: no such file or folder"]);
  });
});

describe("CLI secrets", () => {
  it("takes no token on the command line", async () => {
    const result = await run("promote", "list", "--token", "hsw_secret");
    expect(result.code).toBe(2);
  });

  it("never echoes a secret in a configuration error", () => {
    const secret = "too-short-but-secret";
    expect(() => parseEnv({ SESSION_SECRET: secret })).toThrow(/SESSION_SECRET: .* \(got a value of 20 characters\)/);
    try {
      parseEnv({
        SESSION_SECRET: secret,
        WORKBENCH_DEMO_PASSWORD: "short",
        WORKBENCH_WEBHOOK_URL: "http://x.example",
        WORKBENCH_WEBHOOK_SECRET: "tiny",
      });
    } catch (error) {
      for (const value of [secret, "short", "tiny"]) expect((error as Error).message).not.toContain(`"${value}"`);
    }
  });
});
