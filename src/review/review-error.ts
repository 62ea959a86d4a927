import { SynthkitError } from '../core/synthkit-error.js';
import type { ReviewDecision } from './review-decisions-schema.js';

export class ReviewError extends SynthkitError {}

/**
 * A save based on a record version someone else has moved past: refused, carrying what the other
 * reviewer saved so the client can show it and let the person decide again.
 */
export class ReviewConflictError extends ReviewError {
  constructor(
    readonly runIdx: number,
    readonly baseVersion: number,
    readonly currentVersion: number,
    readonly latest: ReviewDecision | undefined,
  ) {
    super(
      `record ${runIdx} changed since you opened it (you saw version ${baseVersion}, it is now ${currentVersion}${latest ? `: ${latest.reviewer} chose ${latest.action}${latest.field ? ` ${latest.field}` : ''}` : ''}); reload it and decide again`,
    );
  }
}
