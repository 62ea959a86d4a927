/**
 * The per-record rule stages: each record is judged on its own, so a stage is a function from
 * one record to one outcome. A rule that fails gives the stage's action (drop by default).
 */
import type { StageConfig } from '../config-schema.js';
import { expressionScope, failed, kept, type CurationRecord, type StageOutcome } from '../curation-record.js';
import { getPath, textOf } from '../../core/field-path.js';
import { compileExpression, isTruthy, ExpressionError } from '../safe-expression.js';
import { c4 } from '../rules/c4.js';
import { fineweb } from '../rules/fineweb.js';
import { gopherQuality } from '../rules/gopher-quality.js';
import { gopherRepetition } from '../rules/gopher-repetition.js';
import { compileJsonSchemaRule } from '../rules/json-schema.js';
import { languageRule } from '../rules/language.js';
import { lengthRule } from '../rules/length.js';
import { compileRegexRule } from '../rules/regex.js';
import type { RuleResult } from '../rules/rule-result.js';
import { actionOf, textFieldOf, type StageContext, type StageResult } from './stage-context.js';

export type RuleStageConfig = Extract<
  StageConfig,
  { stage: 'length' | 'gopher-quality' | 'gopher-repetition' | 'c4' | 'fineweb' | 'language' | 'regex' | 'json-schema' | 'required' | 'expression' | 'confidence' }
>;

export const RULE_STAGES = new Set<string>(['length', 'gopher-quality', 'gopher-repetition', 'c4', 'fineweb', 'language', 'regex', 'json-schema', 'required', 'expression', 'confidence']);

export async function runRuleStage(records: CurationRecord[], stage: RuleStageConfig, context: StageContext): Promise<StageResult> {
  const judge = compileRecordRule(stage, context);
  return { outcomes: records.map(judge) };
}

export function compileRecordRule(stage: RuleStageConfig, context: StageContext): (record: CurationRecord) => StageOutcome {
  const action = actionOf(stage);
  const fromResult = (r: RuleResult): StageOutcome => (r.pass ? kept(r.signals) : failed(action, r.reasons, { signals: r.signals }));

  switch (stage.stage) {
    case 'json-schema': {
      const check = compileJsonSchemaRule(stage.schema);
      return (record) => fromResult(check(getPath(record.data, stage.field)));
    }
    case 'required': {
      const nonEmpty = stage.non_empty ?? true;
      return (record) => {
        const missing = stage.fields.filter((f) => isMissing(getPath(record.data, f), nonEmpty));
        return missing.length ? failed(action, missing.map((f) => `missing field ${f}`)) : kept();
      };
    }
    case 'expression': {
      const rule = compileExpression(stage.rule);
      return (record) => {
        try {
          return isTruthy(rule.evaluate(expressionScope(record))) ? kept() : failed(action, [stage.reason]);
        } catch (error) {
          if (!(error instanceof ExpressionError)) throw error;
          // A rule that cannot be evaluated on this record says nothing about it: a person looks.
          return failed('flag', ['rule could not be evaluated'], { detail: error.message });
        }
      };
    }
    case 'confidence': {
      const ifMissing = stage.if_missing ?? 'keep';
      return (record) => {
        const value = getPath(record.data, stage.field);
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          return ifMissing === 'keep' ? kept() : failed(ifMissing, [`no numeric ${stage.field}`]);
        }
        const reasons = [
          stage.min !== undefined && value < stage.min && `${stage.field} below ${stage.min}`,
          stage.max !== undefined && value > stage.max && `${stage.field} above ${stage.max}`,
        ].filter((r): r is string => typeof r === 'string');
        return reasons.length ? failed(action, reasons, { signals: { value } }) : kept({ value });
      };
    }
    default:
      return compileTextRule(stage, context);
  }
}

function compileTextRule(
  stage: Extract<RuleStageConfig, { stage: 'length' | 'gopher-quality' | 'gopher-repetition' | 'c4' | 'fineweb' | 'language' | 'regex' }>,
  context: StageContext,
): (record: CurationRecord) => StageOutcome {
  const field = textFieldOf(stage, context.config);
  const action = actionOf(stage);
  let measure: (text: string) => RuleResult;
  switch (stage.stage) {
    case 'length':
      measure = (t) => lengthRule(t, optionsOf(stage));
      break;
    case 'gopher-quality':
      measure = (t) => gopherQuality(t, optionsOf(stage));
      break;
    case 'gopher-repetition':
      measure = (t) => gopherRepetition(t, optionsOf(stage));
      break;
    case 'c4':
      measure = (t) => c4(t, optionsOf(stage));
      break;
    case 'fineweb':
      measure = (t) => fineweb(t, optionsOf(stage));
      break;
    case 'language':
      measure = (t) => languageRule(t, stage).result;
      break;
    case 'regex':
      measure = compileRegexRule(stage);
      break;
  }
  return (record) => {
    const text = textOf(getPath(record.data, field));
    if (text === undefined) return failed(action, [`no text in field ${field}`]);
    const r = measure(text);
    return r.pass ? kept(r.signals) : failed(action, r.reasons, { signals: r.signals });
  };
}

/** The rule's own options: the stage config without the keys every stage has. Undefined values are left out so defaults apply. */
function optionsOf<S extends { stage: string; name?: string; action?: string; field?: string }>(stage: S): Omit<S, 'stage' | 'name' | 'action' | 'field'> {
  const { stage: _kind, name: _name, action: _action, field: _field, ...options } = stage;
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Omit<S, 'stage' | 'name' | 'action' | 'field'>;
}

function isMissing(value: unknown, nonEmpty: boolean): boolean {
  if (value === undefined || value === null) return true;
  if (!nonEmpty) return false;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}
