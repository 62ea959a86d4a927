import { SynthkitError } from '../core/synthkit-error.js';
/**
 * Errors the user can act on: a folder that is not a knowledge base, an embedding callback that
 * returned the wrong shape, a hybrid search on a knowledge base without embeddings.
 * (Unreadable or odd input files are not errors: ingest reports and skips them.)
 */
export class KnowledgeBaseError extends SynthkitError {
  constructor(message: string) {
    super(message);
  }
}
