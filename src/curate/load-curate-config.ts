/**
 * Reads a curation config from YAML (file or text) or takes an object, and validates it before
 * any record is read: every problem at once, with the file, line and path, as recipes do.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { RecipeError, type RecipeIssue } from '../recipe/recipe-error.js';
import { locateYamlPath, parseYamlWithLines } from '../recipe/yaml-location.js';
import { curateConfigSchema, stageKinds, type CurateConfig, type CurateConfigInput } from './config-schema.js';

const SUBJECT = 'curation config';

export function loadCurateConfigFile(file: string): CurateConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RecipeError(file, [{ path: [], message: `cannot read the curation config (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }], SUBJECT);
  }
  return parseCurateConfigYaml(text, file);
}

export function parseCurateConfigYaml(text: string, file = '<curate config>'): CurateConfig {
  const { doc, lineCounter } = parseYamlWithLines(text, file, SUBJECT);
  try {
    return parseCurateConfigObject(doc.toJS(), file);
  } catch (error) {
    if (error instanceof RecipeError) {
      throw new RecipeError(file, error.issues.map((issue) => ({ ...issue, ...locateYamlPath(doc, issue.path, lineCounter) })), SUBJECT);
    }
    throw error;
  }
}

/**
 * Validates a config given as an object. `pathPrefix` places the issues inside a larger document
 * (a recipe's `curate:` section reports `curate.stages[2].field`).
 */
export function parseCurateConfigObject(input: CurateConfigInput | unknown, file = '<curate config>', pathPrefix: (string | number)[] = []): CurateConfig {
  const parsed = curateConfigSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    throw new RecipeError(file, parsed.error.issues.map((issue) => {
      const i = toIssue(issue);
      return { ...i, path: [...pathPrefix, ...i.path] };
    }), SUBJECT);
  }
  return parsed.data;
}

function toIssue(issue: z.core.$ZodIssue): RecipeIssue {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const last = path.at(-1);
  if (issue.code === 'invalid_union' && (last === 'stage' || last === 'engine' || (issue as { note?: string }).note)) {
    const field = last === 'engine' || path.includes('models') ? 'engine' : 'stage';
    const expected = field === 'stage' ? stageKinds.join(', ') : 'local, openai, openai-compatible, anthropic';
    return { path: last === field ? path : [...path, field], message: `unknown or missing ${field}; expected one of: ${expected}` };
  }
  if (issue.code === 'unrecognized_keys') {
    return { path, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}; check the spelling against the documented fields` };
  }
  if (issue.code === 'invalid_type') {
    const received = (issue as { input?: unknown }).input;
    const got = received === undefined ? 'nothing (the field is missing)' : `${typeof received} ${JSON.stringify(received)}`;
    return { path, message: `expected ${issue.expected}, got ${got}` };
  }
  return { path, message: issue.message };
}
