// Predictions for a server-side extract, made where it lies: each distinct text of a column classified once (an
// extract repeats its descriptions), written as one Parquet file that the extract's view joins by text. The file is
// written beside its final name and renamed into place, so a failed or stopped run leaves no half file.
import { DuckDBInstance } from "@duckdb/node-api";
import { renameSync, rmSync } from "node:fs";
import type { Predictor } from "../evaluation/predictor";
import { formatModelRef } from "../registry/model-ref";
import { quoteLiteral } from "../sql-quote";
import type { ServerExtract } from "./server-extract";

const BATCH = 4096;

export async function writeServerPredictions(
  extract: Pick<ServerExtract, "distinctTexts">,
  column: string,
  predictor: Predictor,
  file: string,
  onProgress: (p: { done: number; total: number }) => void = () => undefined,
): Promise<number> {
  const texts = await extract.distinctTexts(column);
  const by = formatModelRef(predictor.identity);
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const partial = `${file}.partial`;
  try {
    await connection.run("CREATE TABLE p (text VARCHAR, predicted_code VARCHAR, predicted_confidence DOUBLE, predicted_by VARCHAR)");
    const appender = await connection.createAppender("p");
    onProgress({ done: 0, total: texts.length });
    for (let i = 0; i < texts.length; i += BATCH) {
      const batch = texts.slice(i, i + BATCH);
      const candidates = await predictor.topK(batch, 1);
      batch.forEach((text, j) => {
        const top = candidates[j]?.[0];
        appender.appendVarchar(text);
        if (top) {
          appender.appendVarchar(top.code);
          appender.appendDouble(top.probability);
        } else {
          appender.appendNull();
          appender.appendNull();
        }
        appender.appendVarchar(by);
        appender.endRow();
      });
      onProgress({ done: i + batch.length, total: texts.length });
    }
    appender.closeSync();
    await connection.run(`COPY p TO ${quoteLiteral(partial)} (FORMAT parquet)`);
    renameSync(partial, file);
    return texts.length;
  } finally {
    rmSync(partial, { force: true });
    connection.closeSync();
    instance.closeSync();
  }
}
