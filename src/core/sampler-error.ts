import { SynthkitError } from './synthkit-error.js';
/**
 * A sampler was given parameters it cannot honour (bad weights, an unknown parent value, an empty
 * range). The recipe loader validates too, but samplers are public functions a library user can
 * call directly, so they check their own inputs rather than return a quietly wrong value.
 */
export class SamplerError extends SynthkitError {}
