// Formatting shared by pages and the exported HTML reports.

/** A share (0–1) as a percentage with one decimal; "—" when there is none. */
export const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(digits)}%`);

/** Text made safe for HTML built as a string (the self-contained reports). */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
