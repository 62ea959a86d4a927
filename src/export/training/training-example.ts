/**
 * The two shapes every training format is written from: a chat example (messages, one example
 * weight) and a preference pair (prompt messages, chosen and rejected replies, and the margin by
 * which the chosen one won). Formats are pure functions of these, so each stays a few lines.
 */
export type Role = 'system' | 'user' | 'assistant';

export interface Turn {
  role: Role;
  content: string;
}

export interface ChatExample {
  /** The record's `_id` in the run, so an exported line can be traced back. */
  id: string | number;
  messages: Turn[];
  /** Curation weight (1 when the run was not weighted); 0 means "show but do not train on". */
  weight: number;
  /** The mapping's label column, when it names one. */
  label?: unknown;
}

export interface PreferenceExample {
  id: string | number;
  /** System and user turns (and earlier exchanges) both replies answer. */
  prompt: Turn[];
  chosen: string;
  rejected: string;
  /** How clearly `chosen` won: score difference, or vote difference for pairwise verdicts. */
  margin: number;
}
