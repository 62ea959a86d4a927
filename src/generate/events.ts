import type { ModelUsage } from '../models/model-runner.js';

export interface RunProgress {
  /** Records asked for. */
  target: number;
  /** Records finished (valid or flagged). */
  done: number;
  valid: number;
  /** LLM cells that never produced a usable reply. */
  failedCells: number;
  /** Fresh (paid) tokens; cached calls cost nothing and are counted apart. */
  inputTokens: number;
  outputTokens: number;
  cachedCalls: number;
  /** Dollars, when every model used has a price. */
  cost?: number;
  /** Calls each remote model may run at once now (adaptive concurrency moves it). */
  concurrency?: Record<string, number>;
}

export interface ModelSummary extends ModelUsage {
  cost?: number;
}

export interface RunSummary {
  dir: string;
  requested: number;
  /** Records in dataset.jsonl. */
  records: number;
  valid: number;
  /** Records with at least one flagged cell (kept in the dataset, or in rejected.jsonl for until-valid runs). */
  flagged: number;
  failedCells: number;
  /** False when an until-valid run hit its cap before enough records were valid. */
  complete: boolean;
  models: ModelSummary[];
  cost?: number;
  wallMs: number;
  /** Where the wall time went: loading models, generating records, writing files. */
  timings: { setupMs: number; generateMs: number; exportMs: number };
  files: string[];
  /** Cells that never produced a usable value, by column and stable reason (call_failed, invalid_reply, input_failed...). */
  failures?: { column: string; reason: string; count: number; example: string }[];
}

export type GenerateEvent =
  | { type: 'download'; model: string; downloadedBytes: number; totalBytes: number }
  | { type: 'progress'; progress: RunProgress }
  | { type: 'done'; summary: RunSummary };
