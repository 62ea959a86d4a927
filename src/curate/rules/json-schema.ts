/**
 * JSON-schema validity of one field (an object column, or a string holding JSON), with ajv,
 * the validator generation already uses.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { ruleResult, type RuleResult } from './rule-result.js';

export function compileJsonSchemaRule(schema: Record<string, unknown>): (value: unknown) => RuleResult {
  // A fresh instance per rule: no shared schema registry between curations in one process.
  const validate: ValidateFunction = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return (value) => {
    let data = value;
    if (typeof value === 'string') {
      try {
        data = JSON.parse(value);
      } catch {
        return ruleResult({ schema_errors: 1 }, ['not valid JSON']);
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
