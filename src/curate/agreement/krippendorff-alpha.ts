/** Moved to core/ so that review/ (a peer of curate/) can measure reviewer agreement too. */
export { krippendorffAlpha, type MeasurementLevel } from '../../core/krippendorff-alpha.js';
