/**
 * The column types of the nested Parquet writer (nested-parquet.ts), inferred from values:
 * - null merges with anything; integer and fraction merge to DOUBLE; two structs merge to the
 *   union of their fields (a field missing from a record is null there); two lists merge their
 *   element types; an empty list takes its element type from the other lists (STRING if none).
 * - anything that does not merge (a string in one record, an object in another; an empty object
 *   everywhere, which Parquet cannot express as a group; objects with more than MAX_STRUCT_FIELDS
 *   distinct keys, which are maps keyed by data rather than records) is JSON text, at whatever
 *   depth it happens.
 *
 * `ColumnTypes` folds rows in one at a time, so a streaming export infers the same types as the
 * in-memory one without holding the rows: its memory is the size of the types, not of the data
 * (a struct collapses to JSON text as soon as it passes MAX_STRUCT_FIELDS, so a map keyed by
 * record ids cannot grow it with the dataset).
 */

export type NestedType =
  | { kind: 'null' }
  | { kind: 'boolean' }
  | { kind: 'integer' }
  | { kind: 'number' }
  | { kind: 'string' }
  | { kind: 'json' }
  | { kind: 'list'; element: NestedType }
  | { kind: 'struct'; fields: Map<string, NestedType> };

/** Above this many distinct keys an object column is stored as JSON text rather than a struct. */
export const MAX_STRUCT_FIELDS = 256;

// Shared leaf types: never mutated, so one object each serves every value.
const NULL: NestedType = { kind: 'null' };
const JSON_TEXT: NestedType = { kind: 'json' };
const BOOLEAN: NestedType = { kind: 'boolean' };
const INTEGER: NestedType = { kind: 'integer' };
const NUMBER: NestedType = { kind: 'number' };
const STRING: NestedType = { kind: 'string' };

/** The type of one value, before merging. */
export function typeOfValue(value: unknown): NestedType {
  if (value === null || value === undefined) return NULL;
  switch (typeof value) {
    case 'boolean':
      return { kind: 'boolean' };
    case 'bigint':
      return { kind: 'integer' };
    case 'number':
      return Number.isSafeInteger(value) ? { kind: 'integer' } : { kind: 'number' };
    case 'string':
      return { kind: 'string' };
    case 'object': {
      if (Array.isArray(value)) return { kind: 'list', element: value.reduce<NestedType>((t, v) => widen(t, typeOfValue(v)), NULL) };
      const fields = new Map<string, NestedType>();
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) fields.set(k, typeOfValue(v));
      return { kind: 'struct', fields };
    }
    default:
      return JSON_TEXT;
  }
}

/** The narrowest type holding both; JSON text when nothing narrower does. */
/**
 * The narrowest type holding values of both `a` and `b` (integer and number make number, other
 * mixed kinds JSON text; lists and structs merge element by element, field by field). Returns `a`
 * itself when `b` already fits in it, so a caller sees a widening by identity (`widen(a, b) !== a`),
 * and collapses a struct past MAX_STRUCT_FIELDS at once. Never mutates either argument.
 */
export function widen(a: NestedType, b: NestedType): NestedType {
  if (b.kind === 'null') return a;
  if (a.kind === 'null') return b;
  if (a.kind === 'json') return a;
  if (b.kind === 'json') return JSON_TEXT;
  if (a.kind === 'list' && b.kind === 'list') {
    const element = widen(a.element, b.element);
    return element === a.element ? a : { kind: 'list', element };
  }
  if (a.kind === 'struct' && b.kind === 'struct') {
    let fields: Map<string, NestedType> | undefined;
    for (const [k, t] of b.fields) {
      const current = (fields ?? a.fields).get(k);
      const next = widen(current ?? NULL, t);
      if (current === undefined || next !== current) (fields ??= new Map(a.fields)).set(k, next);
    }
    if (fields === undefined) return a;
    return fields.size > MAX_STRUCT_FIELDS ? JSON_TEXT : { kind: 'struct', fields };
  }
  if (a.kind === b.kind) return a;
  if (a.kind === 'number' && b.kind === 'integer') return a;
  if (a.kind === 'integer' && b.kind === 'number') return NUMBER;
  return JSON_TEXT;
}

/** `widen(type, typeOfValue(value))` without building the value's type where it is a leaf or fits. */
export function widenValue(type: NestedType, value: unknown): NestedType {
  if (value === null || value === undefined) return type;
  switch (typeof value) {
    case 'string':
      return type.kind === 'string' ? type : widen(type, STRING);
    case 'boolean':
      return type.kind === 'boolean' ? type : widen(type, BOOLEAN);
    case 'bigint':
      return widen(type, INTEGER);
    case 'number':
      return widen(type, Number.isSafeInteger(value) ? INTEGER : NUMBER);
    case 'object': {
      if (Array.isArray(value)) {
        if (type.kind !== 'list') return widen(type, typeOfValue(value));
        let element = type.element;
        for (const item of value) element = widenValue(element, item);
        return element === type.element ? type : { kind: 'list', element };
      }
      if (type.kind !== 'struct') return widen(type, typeOfValue(value));
      let fields: Map<string, NestedType> | undefined;
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const current = (fields ?? type.fields).get(k);
        const next = widenValue(current ?? NULL, v);
        if (current === undefined || next !== current) (fields ??= new Map(type.fields)).set(k, next);
      }
      if (fields === undefined) return type;
      return fields.size > MAX_STRUCT_FIELDS ? JSON_TEXT : { kind: 'struct', fields };
    }
    default:
      return JSON_TEXT;
  }
}

/** Resolves what merging left open: a list of nothing holds strings, a struct with no fields is JSON text. */
export function settle(type: NestedType): NestedType {
  if (type.kind === 'null') return STRING;
  if (type.kind === 'list') return { kind: 'list', element: settle(type.element) };
  if (type.kind === 'struct') {
    // No fields cannot be a Parquet group; hundreds of keys are a map keyed by data (ids), not a record shape.
    if (type.fields.size === 0 || type.fields.size > MAX_STRUCT_FIELDS) return JSON_TEXT;
    return { kind: 'struct', fields: new Map([...type.fields].map(([k, t]) => [k, settle(t)])) };
  }
  return type;
}

export function inferColumnType(values: Iterable<unknown>): NestedType {
  let type = NULL;
  for (const value of values) type = widenValue(type, value);
  return settle(type);
}

/**
 * The columns of rows and their types, folded in one row at a time. With `columns` given those are
 * the columns (a missing key is null); otherwise every key seen, in first-seen order.
 */
export class ColumnTypes {
  private readonly types = new Map<string, NestedType>();
  private readonly fixed: boolean;

  constructor(columns?: readonly string[]) {
    this.fixed = columns !== undefined;
    for (const name of columns ?? []) this.types.set(name, NULL);
  }

  /** Folds one row in. True when that added a column or widened a column's type. */
  add(row: Record<string, unknown>): boolean {
    let changed = false;
    if (this.fixed) {
      // Setting an existing key while iterating a Map keeps its order and visits nothing twice.
      for (const [name, type] of this.types) {
        const next = widenValue(type, row[name]);
        if (next !== type) {
          this.types.set(name, next);
          changed = true;
        }
      }
      return changed;
    }
    for (const name of Object.keys(row)) {
      const type = this.types.get(name);
      const next = widenValue(type ?? NULL, row[name]);
      if (type === undefined || next !== type) {
        this.types.set(name, next);
        changed = true;
      }
    }
    return changed;
  }

  columns(): string[] {
    return [...this.types.keys()];
  }

  /** The types so far, settled: what a Parquet schema is built from. */
  settled(): Map<string, NestedType> {
    return new Map([...this.types].map(([name, type]) => [name, settle(type)]));
  }

  /** The type of one column so far, unsettled (NULL when nothing but nulls, or no such column). */
  typeOf(name: string): NestedType {
    return this.types.get(name) ?? NULL;
  }
}
