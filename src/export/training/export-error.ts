/** Errors of `synthkit export` and fine-tuning: a mapping that names a missing column, an empty turn, a bad split. */
import { SynthkitError } from '../../core/synthkit-error.js';

export class ExportError extends SynthkitError {}
