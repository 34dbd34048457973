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

type RowGroup = { ipc: Uint8Array; rows: number; group: number; groups: number; bytes: number };

/** Reads one row group at a time, so a load can report progress and be cancelled between groups. */
export async function* parquetRowGroups(file: Blob): AsyncGenerator<RowGroup> {
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

/**
 * Hands a Parquet file's row groups to `insert` one at a time, decoding the next (on this page's thread) while the
 * current one is inserted (in DuckDB's worker): the two overlap on two cores. `inserted` hears each group once its
 * insert is done (progress). A throw from either (a cancel) stops the reading and lets go of the file.
 */
export async function insertRowGroups(
  file: Blob,
  insert: (group: RowGroup) => Promise<unknown>,
  inserted: (group: RowGroup) => void = () => undefined,
): Promise<void> {
  const groups = parquetRowGroups(file);
  try {
    let next = groups.next();
    for (let read = await next; !read.done; read = await next) {
      const done = insert(read.value);
      next = groups.next();
      // a failure of the next group is met when it is awaited, not reported as unhandled meanwhile
      next.catch(() => undefined);
      await done;
      inserted(read.value);
    }
  } finally {
    await groups.return(undefined).catch(() => undefined);
  }
}

/** Arrow IPC stream → Parquet bytes (ZSTD). */
export async function ipcToParquet(ipc: Uint8Array): Promise<Uint8Array> {
  await ensureParquetWasm();
  const properties = new WriterPropertiesBuilder().setCompression(Compression.ZSTD).build();
  return writeParquet(WasmTable.fromIPCStream(ipc), properties);
}
