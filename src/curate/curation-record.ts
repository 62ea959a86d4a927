/**
 * A record as curation sees it: its data, never modified, and what each stage decided about it.
 * Nothing is deleted: a dropped record keeps its data and the trail that explains the drop.
 */
export type Decision = 'kept' | 'dropped' | 'flagged';

/** One reason a stage dropped or flagged a record (written to `_reasons`). */
export interface StageReason {
  stage: string;
  decision: Exclude<Decision, 'kept'>;
  /** Stable text, counted in the summary ("fewer than 3 words", "near duplicate"). */
  reason: string;
  /** The particulars for this record ("of record 12, similarity 0.91"). */
  detail?: string;
}

/** What one stage concluded about one record. */
export interface StageOutcome {
  decision: Decision;
  reasons: string[];
  detail?: string;
  signals?: Record<string, number>;
  /** Non-numeric results kept with the record (a judge's rationales, a pairwise winner). */
  details?: Record<string, unknown>;
}

/** One step of a record's path through the stages (what `--explain` prints). */
export interface TrailEntry extends StageOutcome {
  stage: string;
  kind: string;
}

export interface CurationRecord {
  id: string | number;
  data: Record<string, unknown>;
  decision: Decision;
  reasons: StageReason[];
  signals: Record<string, Record<string, number>>;
  details: Record<string, Record<string, unknown>>;
  trail: TrailEntry[];
  weight?: number;
}

export const kept = (signals?: Record<string, number>, details?: Record<string, unknown>): StageOutcome => ({
  decision: 'kept',
  reasons: [],
  signals,
  details,
});

export function failed(action: 'drop' | 'flag', reasons: string[], extra: Omit<StageOutcome, 'decision' | 'reasons'> = {}): StageOutcome {
  return { decision: action === 'drop' ? 'dropped' : 'flagged', reasons, ...extra };
}

/** Records a stage's outcome on the record; a drop wins over a flag, a flag over a keep. */
export function applyOutcome(record: CurationRecord, stage: string, kind: string, outcome: StageOutcome): void {
  record.trail.push({ stage, kind, ...outcome });
  if (outcome.signals && Object.keys(outcome.signals).length) record.signals[stage] = outcome.signals;
  if (outcome.details) record.details[stage] = outcome.details;
  if (outcome.decision === 'kept') return;
  for (const reason of outcome.reasons)
    record.reasons.push({ stage, decision: outcome.decision, reason, ...(outcome.detail ? { detail: outcome.detail } : {}) });
  if (outcome.decision === 'dropped' || record.decision === 'kept') record.decision = outcome.decision;
}

/**
 * What formulas and rules read: the record's own fields, plus each stage's signals under the
 * stage name (`judge.score`). A record field of the same name wins; `_signals.judge.score`
 * always reaches the signal.
 */
export function expressionScope(record: CurationRecord): Record<string, unknown> {
  return { ...record.signals, ...record.data, _signals: record.signals };
}
