/**
 * Reading and validating the YAML documents users write (recipes, curation and evaluation
 * configs): every problem at once, each with the file, line, column and field path, worded as
 * what to fix rather than zod's internals. Every one of them passes here, so this is also where
 * credentials are refused, in any field, before anything can print or store them.
 */
import { readFileSync } from 'node:fs';
import type { Document, LineCounter } from 'yaml';
import type { z } from 'zod';
import { didYouMean } from '../core/closest-name.js';
import { RecipeError, type RecipeIssue } from './recipe-error.js';
import { findSecrets } from './find-secrets.js';
import { locateYamlPath, parseYamlWithLines } from './yaml-location.js';

export const ENGINES = ['local', 'openai', 'openai-compatible', 'anthropic'] as const;

export interface ConfigKind<T> {
  /** How messages name the document: "recipe", "curation config". */
  subject: string;
  schema: z.ZodType<T>;
  /** Discriminator fields and their allowed values (e.g. kind: column kinds), for clear union errors. */
  discriminators: Record<string, readonly string[]>;
}

export function readConfigText(file: string, subject: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new RecipeError(
      file,
      [{ path: [], message: `cannot read the ${subject} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }],
      subject,
    );
  }
}

/** Parses YAML and runs `fromObject` on it, placing any RecipeError's issues at their lines. */
export function fromYaml<T>(text: string, file: string, subject: string, fromObject: (value: unknown) => T): T {
  const { doc, lineCounter } = parseYamlWithLines(text, file, subject);
  if (doc.contents === null) {
    // An empty file (or one of comments only) parses to null; "expected object, got null" confused people.
    throw new RecipeError(file, [{ path: [], message: emptyMessage(subject), line: 1, column: 1 }], subject);
  }
  try {
    return fromObject(doc.toJS());
  } catch (error) {
    if (error instanceof RecipeError) throw locate(error, doc, lineCounter);
    throw error;
  }
}

function locate(error: RecipeError, doc: Document, lineCounter: LineCounter): RecipeError {
  return new RecipeError(
    error.file,
    error.issues.map((issue) => ({ ...issue, ...locateYamlPath(doc, issue.path, lineCounter) })),
    error.subject,
  );
}

/**
 * Validates an object against a config schema. `pathPrefix` places the issues inside a larger
 * document (a recipe's `curate:` section reports `curate.stages[2].field`).
 */
export function parseConfigObject<T>(kind: ConfigKind<T>, input: unknown, file: string, pathPrefix: (string | number)[] = []): T {
  if (input === null || input === undefined) throw new RecipeError(file, [{ path: pathPrefix, message: emptyMessage(kind.subject) }], kind.subject);
  const secrets = findSecrets(input).map((f) => ({ path: f.path, message: secretMessage(f.kind, kind.subject) }));
  const parsed = kind.schema.safeParse(input, { reportInput: true });
  if (parsed.success && !secrets.length) return parsed.data;
  // Schema messages quote the value they reject; none may be shown for a field holding a secret.
  const schemaIssues = parsed.success
    ? []
    : parsed.error.issues.map((issue) => toIssue(issue, kind)).filter((i) => !secrets.some((s) => startsWith(i.path, s.path)));
  throw new RecipeError(
    file,
    [...secrets, ...schemaIssues].map((i) => ({ ...i, path: [...pathPrefix, ...i.path] })),
    kind.subject,
  );
}

function secretMessage(kind: string, subject: string): string {
  return (
    `holds what looks like ${kind}. Secrets are refused anywhere in a ${subject}: it would be printed in errors and stored in the run directory. ` +
    'Put the key in an environment variable and name the variable with api_key_env (e.g. api_key_env: OPENAI_API_KEY); keep URLs free of user names, passwords and key parameters'
  );
}

function emptyMessage(subject: string): string {
  const example = subject === 'recipe' ? ' A recipe needs at least `columns:` (and usually `records:` and `models:`); see the recipes in examples/.' : '';
  return `the ${subject} is empty (no fields, or only comments).${example}`;
}

function startsWith(path: (string | number)[], prefix: (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

function toIssue(issue: z.core.$ZodIssue, kind: ConfigKind<unknown>): RecipeIssue {
  const { discriminators } = kind;
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const last = path.at(-1);
  if (issue.code === 'invalid_union' && ((typeof last === 'string' && last in discriminators) || (issue as { note?: string }).note)) {
    const field =
      typeof last === 'string' && last in discriminators ? last : path.includes('models') ? 'engine' : Object.keys(discriminators).find((k) => k !== 'engine')!;
    const input = (issue as { input?: unknown }).input;
    // zod reports the whole object as the input, also when the path ends at the field.
    const given = input && typeof input === 'object' ? (input as Record<string, unknown>)[field] : input;
    const hint = typeof given === 'string' ? didYouMean(given, discriminators[field]) : '';
    return {
      path: last === field ? path : [...path, field],
      message: `unknown or missing ${field}${hint}; expected one of: ${discriminators[field].join(', ')}`,
    };
  }
  if (issue.code === 'unrecognized_keys') {
    const names = fieldNamesOf(kind.schema);
    const hints = issue.keys.map((k) => `'${k}'${didYouMean(k, names)}`);
    return {
      path,
      message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${hints.join(', ')}; check the spelling against the documented fields`,
    };
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') return { path, message: sizeMessage(issue) };
  if (issue.code === 'invalid_type') {
    const received = (issue as { input?: unknown }).input;
    const got =
      received === undefined
        ? 'nothing (the field is missing)'
        : received === null
          ? 'null (an empty value)'
          : `${Array.isArray(received) ? 'a list' : typeof received} ${JSON.stringify(received)}`;
    return { path, message: `expected ${issue.expected}, got ${got}` };
  }
  return { path, message: issue.message };
}

/** Every object field name anywhere in a schema, for "did you mean" on an unknown field (cached per schema). */
const fieldNameCache = new WeakMap<object, Set<string>>();
function fieldNamesOf(schema: z.ZodType<unknown>): Set<string> {
  let names = fieldNameCache.get(schema);
  if (!names) fieldNameCache.set(schema, (names = collectFieldNames(schema, new Set(), new Set())));
  return names;
}

/** Walks zod's schema definitions (objects, unions, wrappers, arrays, records, pipes, lazies). */
function collectFieldNames(schema: unknown, names: Set<string>, seen: Set<unknown>): Set<string> {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return names;
  seen.add(schema);
  // biome-ignore lint/suspicious/noExplicitAny: zod's internal definition objects differ per schema type
  const def = (schema as { _zod?: { def?: any } })._zod?.def;
  if (!def) return names;
  if (def.shape) {
    for (const [key, value] of Object.entries(def.shape)) {
      names.add(key);
      collectFieldNames(value, names, seen);
    }
  }
  for (const child of [def.innerType, def.element, def.valueType, def.in, def.out, def.left, def.right, ...(def.options ?? [])])
    collectFieldNames(child, names, seen);
  if (typeof def.getter === 'function') collectFieldNames(def.getter(), names, seen);
  return names;
}

/** zod's "Too small: expected number to be >0" as what to write: "must be above 0 (got -5)". */
function sizeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  const input = (issue as { input?: unknown }).input;
  const shown =
    input === undefined ? '' : ` (got ${Array.isArray(input) ? (input.length ? `${input.length} items` : 'an empty list') : JSON.stringify(input)})`;
  if (issue.origin === 'array' || issue.origin === 'set') {
    const n = inclusive ? bound : small ? bound + 1 : bound - 1;
    return `needs ${small ? 'at least' : 'at most'} ${n} item${n === 1 ? '' : 's'}${shown}`;
  }
  if (issue.origin === 'string') {
    const n = inclusive ? bound : small ? bound + 1 : bound - 1;
    return small && n === 1 ? `must not be empty${shown}` : `must be ${small ? 'at least' : 'at most'} ${n} characters long${shown}`;
  }
  const relation = small ? (inclusive ? 'at least' : 'above') : inclusive ? 'at most' : 'below';
  return `must be ${relation} ${bound}${shown}`;
}
