/**
 * Reads a field of a record by a dotted path ("judge.score", "persona.region"), as recipes name
 * nested values. Lives in safety/ because both safety checks and evaluation metrics use it, and
 * safety is the lower layer. A path that leads nowhere gives undefined rather than throwing:
 * records of one dataset may differ in which optional fields they carry.
 */
export function readField(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
