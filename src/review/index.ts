export {
  REVIEW_ACTIONS,
  REVIEW_DECISIONS_SQL,
  decisionInputSchema,
  type DecisionInput,
  type ReviewAction,
  type ReviewDecision,
} from './review-decisions-schema.js';
export { ReviewStore } from './review-store.js';
export { ReviewConflictError, ReviewError } from './review-error.js';
export { applyReview, type ReviewMark, type ReviewStatus } from './apply-review.js';
export { scoreUncertainty, type Uncertainty } from './uncertainty.js';
export { buildReviewQueue, type QueueItem } from './review-queue.js';
export { reviewerAgreement, type ReviewerAgreement } from './reviewer-agreement.js';
export { readReviewRecords, CURATED_ALL } from './read-review-records.js';
export { writeReviewedFiles, type ReviewedFiles } from './write-reviewed.js';
export { relabelRun, pickForReview, LOW_CONFIDENCE, type RelabelOptions, type RelabelReport } from './relabel.js';
export { learnFromReviews, type ActiveLearningReport } from './active-learning.js';
export { trainTextClassifier, type TextClassifier } from './text-classifier.js';
export { readAuxLabels, saveAuxLabels, type AuxLabel } from './aux-labels.js';
