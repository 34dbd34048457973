// What one classification may hold: a JSON API request (and the Classify page when a version answers through the
// server), and the Classify page's own run in the browser — a page of results to read, not a file to process.
export const LIMITS = { descriptions: 100, characters: 1000, topK: 20, bodyBytes: 256 * 1024 };

/** lines the Classify page classifies at once in the browser */
export const BROWSER_LINES = 200;

/**
 * The API's descriptions budget counts a description once per this many characters started: its work grows with its
 * length (ADR 0012), so 100 descriptions of 1,000 characters count 500, as much work as about 500 of 200.
 */
export const CHARACTERS_PER_COUNTED_DESCRIPTION = 200;

export const countedDescriptions = (descriptions: readonly string[]): number =>
  descriptions.reduce((n, d) => n + Math.max(1, Math.ceil(d.length / CHARACTERS_PER_COUNTED_DESCRIPTION)), 0);

/** what the largest request allowed counts */
export const MOST_COUNTED_PER_REQUEST = LIMITS.descriptions * Math.ceil(LIMITS.characters / CHARACTERS_PER_COUNTED_DESCRIPTION);
