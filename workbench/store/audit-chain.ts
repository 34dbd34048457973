// The audit log as a hash chain: each entry's hash covers its content and the previous entry's hash, so an entry
// changed, removed or slipped in with file access breaks every link after it (`npx workbench audit verify`).
import { sha256 } from "../sha256";

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

/** The hash of an entry after `previous` (null for the first). */
export const linkHash = (previous: string | null, content: string) => sha256(`${previous ?? ""}\n${content}`);
