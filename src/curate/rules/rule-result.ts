/** What every rule returns: pass or not, the reasons it failed (stable text, counted in the summary), and the numbers it measured. */
export interface RuleResult {
  pass: boolean;
  reasons: string[];
  signals: Record<string, number>;
}

/** Collects failed checks while a rule measures a text. */
export function ruleResult(signals: Record<string, number>, failures: (string | false | undefined)[]): RuleResult {
  const reasons = failures.filter((r): r is string => typeof r === 'string');
  return { pass: reasons.length === 0, reasons, signals: roundSignals(signals) };
}

/** Signals are written to every record; six decimals keep files readable and byte-stable. */
function roundSignals(signals: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(signals)) out[k] = Number.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;
  return out;
}
