import { SynthkitError } from '../core/synthkit-error.js';

/** A column could not produce a value the recipe promised (an expression that is not a number, an empty knowledge base). */
export class ColumnError extends SynthkitError {}
