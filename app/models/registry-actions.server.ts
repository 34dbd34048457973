// Registry changes as the Models page and the JSON API make them: the same checks, the same domain functions, one
// outcome shape (the page turns it into a message or a redirect, the API into a status and JSON).
import { z } from "zod";
import { knownFields } from "../../workbench/json-fields";
import type { User } from "../../workbench/store/users";
import { actorOf } from "~/auth/guards.server";
import { getDb, getStore } from "~/store/context.server";
import { readPredictionUpload, UploadError } from "./import-upload.server";
import { PredictionFileError } from "../../workbench/evaluation/prediction-file";
import { ModelVersionNotFound, RegistryError } from "../../workbench/registry/model-registry";
import { modelRefSchema } from "../../workbench/registry/model-ref";
import type { ModelVersion } from "../../workbench/registry/model-version";
import { importPredictions } from "../../workbench/registry/prediction-imports";
import { DEFAULT_ENDPOINT_SETTINGS } from "../../workbench/registry/remote-endpoints";
import { addNote, LifecycleError, setArchived } from "../../workbench/registry/version-lifecycle";
import { registerRemote } from "../../models/remote/remote-version";
import { RemoteError } from "../../models/remote/remote-client";

export type Outcome =
  | { ok: true; message: string; version?: ModelVersion }
  | { ok: false; status: 400 | 403 | 404 | 409; message: string; problems?: string[]; total?: number };

const refOf = (name: unknown, version: unknown) => modelRefSchema.safeParse(`${String(name ?? "").trim()}@${String(version ?? "").trim()}`);

/** Errors every registry change may meet, as outcomes; anything else is a bug and is thrown on. */
function failure(error: unknown): Outcome {
  if (error instanceof PredictionFileError)
    return {
      ok: false,
      status: 400,
      message: `${error.file}: ${error.total} problem${error.total === 1 ? "" : "s"}, nothing imported.`,
      problems: error.problems,
      total: error.total,
    };
  if (error instanceof RemoteError) return { ok: false, status: 400, message: `The endpoint was not registered: ${error.message}` };
  if (error instanceof LifecycleError) return { ok: false, status: error.status, message: error.message };
  if (error instanceof ModelVersionNotFound) return { ok: false, status: error.status, message: error.message };
  if (error instanceof RegistryError) return { ok: false, status: 409, message: error.message };
  if (error instanceof UploadError || (error instanceof Error && ["UsageError", "InputError"].includes(error.name)))
    return { ok: false, status: 400, message: (error as Error).message };
  throw error;
}

/** A predictions file uploaded as multipart (name, version, set?, description?, file); `check` runs before the file is read. */
export async function importUpload(request: Request, user: User, context: unknown, check: (form: FormData) => Promise<void>): Promise<Outcome> {
  try {
    const { form, file } = await readPredictionUpload(request, check);
    const ref = refOf(form.get("name"), form.get("version"));
    if (!ref.success) return { ok: false, status: 400, message: `Name and version: ${ref.error.issues[0]!.message}` };
    const description =
      String(form.get("description") ?? "")
        .trim()
        .slice(0, 2000) || `Predictions imported from ${file.name}`;
    const { version } = await importPredictions(getDb(), { ...ref.data, description, files: [file] }, actorOf(user, context));
    return { ok: true, message: `Imported ${version.name}@${version.version}.`, version };
  } catch (error) {
    return failure(error);
  }
}

export const remoteFieldsSchema = knownFields({
  name: z.string().trim(),
  version: z.string().trim(),
  url: z.string(),
  protocol: z.string(),
  remoteModel: z.string().trim().default(""),
  token: z.string().default(""),
  tokenEnv: z.string().trim().default(""),
  timeoutSeconds: z.coerce.number({ error: "the timeout must be a number of seconds" }).default(DEFAULT_ENDPOINT_SETTINGS.timeoutMs / 1000),
  concurrency: z.coerce.number().int().default(DEFAULT_ENDPOINT_SETTINGS.concurrency),
  batchSize: z.coerce.number().int().default(DEFAULT_ENDPOINT_SETTINGS.batchSize),
  description: z.string().trim().max(2000).default(""),
});

/** An endpoint registered from form fields or a JSON body (admins only: the server will call the URL). */
export async function registerEndpoint(fields: unknown, user: User, context: unknown): Promise<Outcome> {
  const parsed = remoteFieldsSchema.safeParse(fields);
  if (!parsed.success)
    return {
      ok: false,
      status: 400,
      message: parsed.error.issues.map((i) => `${i.path.length ? String(i.path[0]) : "body"}: ${i.message}`).join("; "),
    };
  const f = parsed.data;
  const ref = refOf(f.name, f.version);
  if (!ref.success) return { ok: false, status: 400, message: `Name and version: ${ref.error.issues[0]!.message}` };
  if (f.token && f.tokenEnv) return { ok: false, status: 400, message: "Give a token or the name of its environment variable, not both." };
  try {
    const version = await registerRemote(
      getStore(),
      {
        ...ref.data,
        description: f.description || `Remote model at ${f.url}`,
        settings: {
          url: f.url,
          protocol: f.protocol,
          remoteModel: f.remoteModel || null,
          timeoutMs: Math.round(f.timeoutSeconds * 1000),
          concurrency: f.concurrency,
          batchSize: f.batchSize,
        },
        credential: f.tokenEnv ? { kind: "env", name: f.tokenEnv } : f.token ? { kind: "token", token: f.token } : null,
      },
      actorOf(user, context),
    );
    return { ok: true, message: `Registered ${version.name}@${version.version}.`, version };
  } catch (error) {
    return failure(error);
  }
}

export async function archiveOrRestore(ref: string, archive: boolean, reason: string, user: User, context: unknown): Promise<Outcome> {
  try {
    await setArchived(getDb(), ref, archive, reason, user, actorOf(user, context));
    return { ok: true, message: `${ref} ${archive ? "archived" : "restored as a candidate"}.` };
  } catch (error) {
    return failure(error);
  }
}

export async function noteOn(ref: string, text: string, user: User, context: unknown): Promise<Outcome> {
  try {
    await addNote(getDb(), ref, text, user, actorOf(user, context));
    return { ok: true, message: "Note added." };
  } catch (error) {
    return failure(error);
  }
}
