/**
 * The shape most stages share: each record is judged on its own, so the stage compiles its config
 * once into a function from one record to one outcome. A text rule (rules/*.ts) reads one text
 * field; a record without text there fails with the stage's action.
 */
import { getPath, textOf } from '../../core/field-path.js';
import { failed, kept, type CurationRecord, type StageOutcome } from '../curation-record.js';
import type { RuleResult } from '../rules/rule-result.js';
import { textProfile, type TextProfile } from '../text-profile.js';
import { actionOf, textFieldOf, type StageContext, type StageRunner } from './stage-context.js';

export function perRecord<S>(compile: (stage: S, context: StageContext) => (record: CurationRecord) => StageOutcome): StageRunner<S> {
  return async (records, stage, context) => {
    const judge = compile(stage, context);
    return { outcomes: records.map(judge) };
  };
}

export function perText<S extends { field?: string; action?: 'drop' | 'flag' }>(compile: (stage: S) => (text: string) => RuleResult): StageRunner<S> {
  return perRecord((stage, context) => {
    const field = textFieldOf(stage, context.config);
    const action = actionOf(stage);
    const measure = compile(stage);
    return (record) => {
      const text = textOf(getPath(record.data, field));
      if (text === undefined) return failed(action, [`no text in field ${field}`]);
      return fromRule(measure(text), action);
    };
  });
}

export function fromRule(r: RuleResult, action: 'drop' | 'flag'): StageOutcome {
  return r.pass ? kept(r.signals) : failed(action, r.reasons, { signals: r.signals });
}

/** The rule's own options: the stage config without the keys every stage has. Undefined values are left out so the rule's defaults apply. */
export function ruleOptions<S extends { stage: string; name?: string; action?: string; field?: string }>(
  stage: S,
): Omit<S, 'stage' | 'name' | 'action' | 'field'> {
  const { stage: _kind, name: _name, action: _action, field: _field, ...options } = stage;
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Omit<S, 'stage' | 'name' | 'action' | 'field'>;
}

/**
 * As `perText`, but the rule is compiled after seeing every text the stage is shown, so defaults
 * can adapt to their lengths (text-profile.ts): `compile` gets the profile and the texts.
 */
export function perProfiledText<S extends { field?: string; action?: 'drop' | 'flag' }>(
  compile: (stage: S, profile: TextProfile, texts: readonly string[]) => (text: string) => RuleResult,
): StageRunner<S> {
  return async (records, stage, context) => {
    const field = textFieldOf(stage, context.config);
    const action = actionOf(stage);
    const texts = records.map((r) => textOf(getPath(r.data, field)));
    const present = texts.filter((t): t is string => t !== undefined);
    const measure = compile(stage, textProfile(present), present);
    return {
      outcomes: texts.map((text) => (text === undefined ? failed(action, [`no text in field ${field}`]) : fromRule(measure(text), action))),
    };
  };
}
