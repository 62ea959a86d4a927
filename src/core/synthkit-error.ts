/**
 * The one error base class. Every error a user can act on derives from it, carries a stable
 * `name` (the class name) and the data needed to act, and is recognised with `isInstance`, which
 * works across copies of the package (a marker symbol, not `instanceof` alone), as the AI SDK's
 * errors do. The CLI prints a SynthkitError's message as it is; anything else is "unexpected".
 */
const MARKER = Symbol.for('synthkit.error');

export class SynthkitError extends Error {
  readonly [MARKER] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // The class name is the stable name: subclasses need no boilerplate to set it.
    this.name = new.target.name;
  }

  /** True for an error of this class (or a subclass), also when it comes from another copy of synthkit. */
  static isInstance(error: unknown): boolean {
    if (typeof error !== 'object' || error === null || (error as Record<symbol, unknown>)[MARKER] !== true) return false;
    if (this === SynthkitError || error instanceof this) return true;
    return (error as Error).name === this.name;
  }
}
