// The retrieval config of the tests' small indexes: the shipped versions' scoring, three neighbours voting (the test
// indexes hold a dozen lines) and every term indexed that is in at most half of them; their documents, and the best
// code of a text.
import type { RetrievalConfig, RetrievalDocument, RetrievalIndex } from "../../models/hs-classifier/retrieval-index";

export const TEST_RETRIEVAL_CONFIG: RetrievalConfig = {
  wordWeight: 0.5,
  charNgrams: [3, 4, 5],
  neighbours: 3,
  votePower: 2,
  voteWeight: 0.1,
  headingWeight: 0.1,
  chapterWeight: 0.1,
  maxDocumentShare: 0.5,
};

/** A small index's documents from [code, text] pairs, each sourced "test CODE". */
export const testDocuments = (pairs: readonly (readonly [string, string])[]): RetrievalDocument[] =>
  pairs.map(([code, text]) => ({ code, text, source: `test ${code}` }));

/** The best subheading an index gives a text. */
export const topCode = (index: RetrievalIndex, text: string) => index.codes[index.best(text, 1, new Float32Array(index.codes.length))[0]!];
