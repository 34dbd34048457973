// The Models page's upload of a predictions file: the file is written to a private temporary folder, read and checked
// by the same code as `workbench models import-predictions`, and removed whatever happens. Messages name the file as
// the user called it, never the server's path.
import {
  MaxPartSizeExceededError,
  NodeOnDiskFile,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readPredictionFile } from "../../models/files/prediction-file";
import type { PredictionFile } from "../../workbench/registry/prediction-imports";

export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

/** A file name as shown and stored: no folders, no control characters, at most 120 characters. */
export const displayName = (name: string) =>
  (
    name
      .split(/[\\/]/)
      .pop()!
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, "")
      .trim() || "upload"
  ).slice(0, 120);

export class UploadError extends Error {
  override name = "UploadError";
}

/**
 * The form's fields (checked by `check` first: session role and CSRF token) and its checked predictions file. Throws
 * PredictionFileError, UploadError or the reader's errors; the temporary copy is removed in every case.
 */
export async function readPredictionUpload(
  request: Request,
  check: (form: FormData) => Promise<void>,
): Promise<{ form: FormData; file: PredictionFile }> {
  const dir = mkdtempSync(join(tmpdir(), "workbench-upload-"));
  let original = "upload";
  try {
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(
        request,
        unstable_composeUploadHandlers(
          unstable_createFileUploadHandler({
            directory: dir,
            maxPartSize: MAX_UPLOAD_BYTES,
            // stored under a fixed name in the private folder (its format is told by its first bytes); the user's name
            // is kept for messages and the registry
            file: ({ filename }) => {
              original = displayName(filename);
              return "upload";
            },
          }),
          unstable_createMemoryUploadHandler({ maxPartSize: 64 * 1024 }),
        ),
      );
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) throw new UploadError(`the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
      throw new UploadError("the upload could not be read; choose the file again");
    }
    await check(form);
    const upload = form.get("file");
    if (!(upload instanceof NodeOnDiskFile) || upload.size === 0)
      throw new UploadError("choose a predictions file (CSV, Parquet or an Excel .xlsx workbook)");
    const set = form.get("set");
    return { form, file: await readPredictionFile(upload.getFilePath(), original, typeof set === "string" && set ? set : undefined) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
