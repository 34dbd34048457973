// The retrieval config of the tests' small indexes: the shipped versions' scoring, three neighbours voting (the test
// indexes hold a dozen lines) and every term indexed that is in at most half of them.
import type { RetrievalConfig } from "../../models/hs-classifier/retrieval-index";

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
