// Copies the browser runtimes the app serves itself (no CDN: the app must work offline) into public/.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const copies = [
  {
    from: "node_modules/@duckdb/duckdb-wasm/dist",
    to: "public/duckdb",
    files: ["duckdb-mvp.wasm", "duckdb-eh.wasm", "duckdb-browser-mvp.worker.js", "duckdb-browser-eh.worker.js"],
  },
  { from: "node_modules/parquet-wasm/esm", to: "public/parquet", files: ["parquet_wasm_bg.wasm"] },
  {
    from: "node_modules/@tensorflow/tfjs-backend-wasm/dist",
    to: "public/tfjs",
    files: ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"],
  },
];
for (const { from, to, files } of copies) {
  mkdirSync(join(root, to), { recursive: true });
  for (const file of files) {
    const source = join(root, from, file);
    if (!existsSync(source)) {
      console.error(`postinstall: ${source} is missing; is the package installed?`);
      process.exit(1);
    }
    copyFileSync(source, join(root, to, file));
    // served as is to browsers that take gzip (server.js): 34 MB of DuckDB runtime travel as 7.7 MB, compressed once here
    if (file.endsWith(".wasm")) writeFileSync(join(root, to, `${file}.gz`), gzipSync(readFileSync(source), { level: 6 }));
  }
  console.log(`postinstall: copied ${files.length} files to ${to}/`);
}
