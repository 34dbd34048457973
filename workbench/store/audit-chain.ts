// The audit log as a hash chain: each entry's hash covers its content and the previous entry's hash, so an entry
// changed, removed or slipped in with file access breaks every link after it (`npx workbench audit verify`).
import { createHash } from "node:crypto";

export interface ChainedFields {
  at: string;
  actor_id: number | null;
  actor: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  before_json: string | null;
  after_json: string | null;
  client: string | null;
}

/** The entry's content as one canonical string (field order fixed). */
export const entryContent = (e: ChainedFields): string =>
  JSON.stringify([e.at, e.actor_id, e.actor, e.action, e.target_type, e.target_id, e.before_json, e.after_json, e.client]);

export const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");

/** The hash of an entry after `previous` (null for the first). */
export const linkHash = (previous: string | null, content: string) => sha256Hex(`${previous ?? ""}\n${content}`);
