import type { ModelSession } from '../../store/open-models.js';
import type { CurateSettings } from '../curate-stage.js';
import type { CurationRecord, StageOutcome } from '../curation-record.js';
import type { CurateEvent } from '../curate-events.js';

/** What a stage needs besides its own config. Passed in, never global. */
export interface StageContext {
  /** The stage's name: where its signals are stored and what formulas call them (`judge.score`). */
  name: string;
  config: CurateSettings;
  /** Directory relative paths in the config (eval_file) resolve against. */
  configDir: string;
  /** The curation's output directory (inside the run directory): where a stage keeps private state such as the redaction map. */
  out?: string;
  /** Model session for stages that ask models (opened only when the config has one). */
  session?: ModelSession;
  seed: number;
  signal?: AbortSignal;
  onEvent?: (event: CurateEvent) => void;
}

/** A stage's result: one outcome per record it was shown, in order, plus anything stage-wide. */
export interface StageResult {
  outcomes: StageOutcome[];
  /** Duplicate clusters (record ids), written to clusters.json. */
  clusters?: ClusterReport[];
  /** Judge agreement over the records (Krippendorff's alpha). */
  agreement?: { alpha: number | null; raters: number; level: 'ordinal' | 'nominal' };
}

export interface ClusterReport {
  representative: string | number;
  members: (string | number)[];
  pairs?: { a: string | number; b: string | number; similarity: number }[];
}

export type StageRunner<S> = (records: CurationRecord[], stage: S, context: StageContext) => Promise<StageResult>;

export function textFieldOf(stage: { field?: string }, config: { text_field?: string }): string {
  return stage.field ?? config.text_field ?? 'text';
}

export function actionOf(stage: { action?: 'drop' | 'flag' }, fallback: 'drop' | 'flag' = 'drop'): 'drop' | 'flag' {
  return stage.action ?? fallback;
}
