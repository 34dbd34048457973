// What one classification may hold: a JSON API request (and the Classify page when a version answers through the
// server), and the Classify page's own run in the browser — a page of results to read, not a file to process.
export const LIMITS = { descriptions: 100, characters: 1000, topK: 20, bodyBytes: 256 * 1024 };

/** lines the Classify page classifies at once in the browser */
export const BROWSER_LINES = 200;
