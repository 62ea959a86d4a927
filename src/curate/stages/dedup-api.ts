/**
 * The dedup and agreement functions curation calls, gathered in one place (they live in
 * src/curate/dedup and src/curate/agreement).
 */
export { exactDuplicateClusters } from '../dedup/exact-dedup.js';
export { nearDuplicateClusters } from '../dedup/near-dedup.js';
export { semanticDuplicateClusters } from '../dedup/semantic-dedup.js';
export { chooseRepresentative } from '../dedup/choose-representative.js';
export { contaminatedIndexes } from '../dedup/decontaminate.js';
export { krippendorffAlpha } from '../agreement/krippendorff-alpha.js';
