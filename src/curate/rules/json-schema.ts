/**
 * JSON-schema validity of one field (an object column, or a string holding JSON), with ajv,
 * the validator generation already uses. A string is first checked as itself, so a schema for a
 * plain string field (`type: string`, `maxLength`, `pattern`) works; only when the string itself
 * does not match is it read as JSON text (an LLM column that returned its object as a string).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { ruleResult, type RuleResult } from './rule-result.js';

export function compileJsonSchemaRule(schema: Record<string, unknown>): (value: unknown) => RuleResult {
  // A fresh instance per rule: no shared schema registry between curations in one process.
  const validate: ValidateFunction = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return (value) => {
    let data = value;
    if (typeof value === 'string') {
      if (validate(value)) return ruleResult({ schema_errors: 0 }, []);
      const errors = validate.errors ?? [];
      try {
        data = JSON.parse(value);
      } catch {
        // The schema wants a non-string (it failed on the string's type): say the text is not JSON.
        if (errors.some((e) => e.keyword === 'type' && e.instancePath === '')) return ruleResult({ schema_errors: 1 }, ['not valid JSON']);
        return ruleResult(
          { schema_errors: errors.length },
          errors.map((e) => `${e.instancePath || '(root)'} ${e.message}`),
        );
      }
    }
    if (data === undefined) return ruleResult({ schema_errors: 1 }, ['field is missing']);
    if (validate(data)) return ruleResult({ schema_errors: 0 }, []);
    const errors = validate.errors ?? [];
    return ruleResult(
      { schema_errors: errors.length },
      errors.map((e) => `${e.instancePath || '(root)'} ${e.message}`),
    );
  };
}
