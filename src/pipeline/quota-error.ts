import { SynthkitError } from '../core/synthkit-error.js';

/** A quotas file or option that cannot be acted on; the message names the field and the fix. */
export class QuotaError extends SynthkitError {}
