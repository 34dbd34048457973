// Parquet in the browser without DuckDB's Parquet extension (which it would download at run time):
// parquet-wasm (Rust, compiled to WebAssembly, served from /parquet/) converts Parquet <-> Arrow IPC.
import initParquetWasm, {
  Compression,
  ParquetFile,
  Table as WasmTable,
  WriterPropertiesBuilder,
  writeParquet,
} from "parquet-wasm/esm/parquet_wasm.js";

let ready: Promise<unknown> | null = null;

export function ensureParquetWasm(): Promise<unknown> {
  ready ??= initParquetWasm({ module_or_path: new URL("/parquet/parquet_wasm_bg.wasm", window.location.origin) }).catch((e) => {
    ready = null;
    throw e;
  });
  return ready;
}

/** Reads one row group at a time, so a load can report progress and be cancelled between groups. */
export async function* parquetRowGroups(file: Blob): AsyncGenerator<{ ipc: Uint8Array; rows: number; group: number; groups: number; bytes: number }> {
  await ensureParquetWasm();
  const parquet = await ParquetFile.fromFile(file);
  try {
    const metadata = parquet.metadata();
    const groups = metadata.numRowGroups();
    for (let group = 0; group < groups; group++) {
      const info = metadata.rowGroup(group);
      const table = await parquet.read({ rowGroups: [group] });
      yield { ipc: table.intoIPCStream(), rows: Number(info.numRows()), group, groups, bytes: Number(info.compressedSize()) };
    }
  } finally {
    parquet.free();
  }
}

/** Arrow IPC stream → Parquet bytes (ZSTD). */
export async function ipcToParquet(ipc: Uint8Array): Promise<Uint8Array> {
  await ensureParquetWasm();
  const properties = new WriterPropertiesBuilder().setCompression(Compression.ZSTD).build();
  return writeParquet(WasmTable.fromIPCStream(ipc), properties);
}
