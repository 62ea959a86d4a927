/**
 * How unsure the machines were about a record, from what the earlier stages left on it: judge
 * disagreement (`_signals.<judge>.spread`), a judge score near the stage's cut-off, low token
 * confidence (`_logprobs.<column>.mean`), an auxiliary model that disagrees or is unsure
 * (`_aux`), PII findings, and a flag from any stage or failed validation. Each part is in [0, 1]
 * and the score is their sum, so a record unsure on several counts comes first.
 */
import { scanPii } from '../safety/pii/scan-pii.js';

export interface Uncertainty {
  score: number;
  /** Stable codes with the number beside them, e.g. `judge_spread 2`. */
  reasons: string[];
}

export interface UncertaintyOptions {
  /** String fields to scan for PII (default: every top-level string field not starting with `_`). */
  piiFields?: readonly string[];
}

export function scoreUncertainty(record: Record<string, unknown>, options: UncertaintyOptions = {}): Uncertainty {
  const parts: [string, number, string][] = [];
  const signals = asObject(record._signals);
  const reasons = Array.isArray(record._reasons) ? (record._reasons as unknown[]) : [];
  for (const [stage, value] of Object.entries(signals)) {
    const s = asObject(value);
    // Judges rate on a 1-5 scale by default: a spread of 2 points is full disagreement.
    if (typeof s.spread === 'number' && s.spread > 0) parts.push(['judge_spread', Math.min(1, s.spread / 2), `${stage} ${round(s.spread)}`]);
    const cut = cutoffOf(reasons, stage);
    if (typeof s.score === 'number' && cut !== undefined) {
      const distance = Math.abs(s.score - cut);
      if (distance < 1) parts.push(['near_threshold', 1 - distance, `${stage} ${round(s.score)} vs ${cut}`]);
    }
  }
  for (const [column, value] of Object.entries(asObject(record._logprobs))) {
    const mean = asObject(value).mean;
    // exp(mean log-probability) is the geometric-mean token probability.
    if (typeof mean === 'number') {
      const confidence = Math.exp(mean);
      if (confidence < 0.9) parts.push(['low_token_confidence', 1 - confidence, `${column} ${round(confidence)}`]);
    }
  }
  for (const [column, value] of Object.entries(asObject(record._aux))) {
    const aux = asObject(value);
    if (aux.agrees === false) parts.push(['aux_disagrees', 1, `${column}`]);
    if (typeof aux.confidence === 'number' && aux.confidence < 0.8) parts.push(['aux_unsure', 1 - aux.confidence, `${column} ${round(aux.confidence)}`]);
  }
  const fields = options.piiFields ?? Object.keys(record).filter((k) => !k.startsWith('_') && typeof record[k] === 'string');
  let pii = 0;
  for (const field of fields) {
    const text = record[field];
    if (typeof text === 'string' && text) pii += scanPii(text).length;
  }
  if (pii > 0) parts.push(['pii', 0.5, `${pii} spans`]);
  if (record._decision === 'flagged') parts.push(['flagged', 0.5, reasons.map((r) => asObject(r).reason ?? r).join(', ')]);
  if (record._valid === false) parts.push(['invalid', 0.5, '']);
  const score = parts.reduce((sum, [, v]) => sum + v, 0);
  return { score: round(score), reasons: parts.map(([code, , detail]) => (detail ? `${code} ${detail}` : code)) };
}

/** The cut-off a stage named in a reason such as "judge score below 3". */
function cutoffOf(reasons: unknown[], stage: string): number | undefined {
  for (const r of reasons) {
    const o = asObject(r);
    if (o.stage !== stage || typeof o.reason !== 'string') continue;
    const m = /below (-?\d+(?:\.\d+)?)/.exec(o.reason);
    if (m) return Number(m[1]);
  }
  return undefined;
}

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
