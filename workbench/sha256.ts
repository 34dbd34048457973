import { createHash } from "node:crypto";

/** Hex sha256 of bytes or text: artifact files, set hashes, audit links, stored token and session ids. */
export const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");
