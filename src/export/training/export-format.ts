/**
 * One training file format: what it is built from (chat examples or preference pairs), how it
 * carries a curation weight, and the row it writes for one example. A format is one module plus
 * one line in format-registry.ts, like column kinds and curate stages.
 */
import type { ChatExample, PreferenceExample } from './training-example.js';

export interface FormatOptions {
  /** Add the example's curation weight to the row (formats with `weights: 'field'`). */
  weightField: boolean;
}

interface FormatBase {
  name: string;
  description: string;
  /** Where the format is specified (its published schema or the trainer that reads it). */
  spec: string;
  /**
   * How a curation weight travels: `message` = per-assistant-message weight of 0 or 1 (OpenAI's
   * chat format, the only one with a weight in its schema); `field` = a `weight` column trainers
   * can read (TRL and Axolotl ignore unknown columns); `none` = only by repeating examples.
   */
  weights: 'message' | 'field' | 'none';
  /** Chat template the trainer should apply (named in the dataset card and PEFT configs). */
  template?: string;
}

export interface ChatFormat extends FormatBase {
  kind: 'chat';
  row(example: ChatExample, options: FormatOptions): Record<string, unknown>;
}

export interface PreferenceFormat extends FormatBase {
  kind: 'preference';
  row(example: PreferenceExample, options: FormatOptions): Record<string, unknown>;
}

export type ExportFormat = ChatFormat | PreferenceFormat;

export const defineChatFormat = (format: Omit<ChatFormat, 'kind'>): ChatFormat => ({ ...format, kind: 'chat' });
export const definePreferenceFormat = (format: Omit<PreferenceFormat, 'kind'>): PreferenceFormat => ({ ...format, kind: 'preference' });

/** `{ weight }` when asked for, else nothing: spread into a row. */
export const weightOf = (weight: number, options: FormatOptions): { weight?: number } => (options.weightField ? { weight } : {});
