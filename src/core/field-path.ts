/**
 * Reads a dotted field path ("persona.age_band", "_logprobs.feedback.mean", "items.0") from a
 * record. Only the record's own properties are reachable: a path through a prototype member
 * (__proto__, constructor, prototype) is refused, so no config can reach outside the data.
 */
export const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export function splitPath(path: string): string[] {
  const parts = path.split('.');
  if (parts.some((p) => p === '')) throw new Error(`'${path}' is not a field path (empty part)`);
  const bad = parts.find((p) => FORBIDDEN_NAMES.has(p));
  if (bad) throw new Error(`'${path}' uses '${bad}', which is not allowed in a field path`);
  return parts;
}

/** The value at `path`, or undefined where any part is missing. */
export function getPath(record: unknown, path: string | string[]): unknown {
  let value: unknown = record;
  for (const part of typeof path === 'string' ? splitPath(path) : path) {
    if (value === null || typeof value !== 'object') return undefined;
    if (FORBIDDEN_NAMES.has(part) || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * Sets the value at `path`, creating plain objects on the way. The path is checked by splitPath
 * first, so `__proto__.x` is refused instead of writing to Object.prototype.
 */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = splitPath(path);
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!Object.hasOwn(node, key) || node[key] === null || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

/** The problem with a field path, or undefined when it is usable (for config validation). */
export function fieldPathProblem(path: string): string | undefined {
  try {
    splitPath(path);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A field's value as text for the text rules: strings as they are, other values as JSON. */
export function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
