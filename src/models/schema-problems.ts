/**
 * The mistakes people make writing a JSON Schema for generated objects, said in recipe terms
 * before Ajv's meta-schema errors ("data/properties/a/type must be equal to one of the allowed
 * values, … must be array, … must match a schema in anyOf") are shown for the same slip.
 *
 * - an unknown `type` name ("strin", "str", "int"), with the nearest real one;
 * - a `required` name that `properties` does not define, in an object schema that names its
 *   properties and nothing else that could supply one (no patternProperties, additionalProperties
 *   schema, or combinators): legal JSON Schema, but every reply would fail it and be repaired in
 *   vain, paid for each time.
 */
import { didYouMean } from '../core/closest-name.js';

const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
/** Common names from other type systems that people write for a JSON type. */
const TYPE_ALIASES: Record<string, string> = {
  str: 'string',
  text: 'string',
  int: 'integer',
  float: 'number',
  double: 'number',
  bool: 'boolean',
  list: 'array',
  dict: 'object',
  map: 'object',
};
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMA_FIELDS = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'];

export interface SchemaProblem {
  /** Path inside the schema, e.g. ['properties', 'a', 'type']. */
  path: (string | number)[];
  message: string;
}

export function schemaProblems(schema: unknown, path: (string | number)[] = []): SchemaProblem[] {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return [];
  const s = schema as Record<string, unknown>;
  const problems: SchemaProblem[] = [];
  for (const [i, type] of (Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type]).entries()) {
    if (typeof type === 'string' && JSON_TYPES.includes(type)) continue;
    const hint =
      typeof type === 'string'
        ? TYPE_ALIASES[type.toLowerCase()]
          ? ` (did you mean '${TYPE_ALIASES[type.toLowerCase()]}'?)`
          : didYouMean(type, JSON_TYPES)
        : '';
    problems.push({
      path: Array.isArray(s.type) ? [...path, 'type', i] : [...path, 'type'],
      message: `${JSON.stringify(type)} is not a JSON Schema type${hint}; use one of ${JSON_TYPES.join(', ')}`,
    });
  }
  const properties = s.properties && typeof s.properties === 'object' && !Array.isArray(s.properties) ? (s.properties as Record<string, unknown>) : undefined;
  const open =
    s.patternProperties || (s.additionalProperties && typeof s.additionalProperties === 'object') || SUBSCHEMA_LISTS.some((k) => k in s) || '$ref' in s;
  if (properties && Array.isArray(s.required) && !open) {
    const names = Object.keys(properties);
    for (const [i, name] of s.required.entries()) {
      if (typeof name === 'string' && !(name in properties)) {
        problems.push({
          path: [...path, 'required', i],
          message: `requires '${name}', which properties does not define${didYouMean(name, names)}; every reply would fail this schema`,
        });
      }
    }
  }
  for (const [name, sub] of Object.entries(properties ?? {})) problems.push(...schemaProblems(sub, [...path, 'properties', name]));
  for (const key of SUBSCHEMA_FIELDS) problems.push(...schemaProblems(s[key], [...path, key]));
  for (const key of SUBSCHEMA_LISTS)
    if (Array.isArray(s[key])) for (const [i, sub] of (s[key] as unknown[]).entries()) problems.push(...schemaProblems(sub, [...path, key, i]));
  for (const key of ['$defs', 'definitions']) {
    const defs = s[key];
    if (defs && typeof defs === 'object') for (const [name, sub] of Object.entries(defs)) problems.push(...schemaProblems(sub, [...path, key, name]));
  }
  return problems;
}
