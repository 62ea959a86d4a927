/**
 * Reads an evaluation config from YAML (file or text) or takes an object, and validates it before
 * any record is read: every problem at once, with the file, line and path, as the curation config
 * does (same error class and messages).
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { RecipeError, type RecipeIssue } from '../recipe/recipe-error.js';
import { locateYamlPath, parseYamlWithLines } from '../recipe/yaml-location.js';
import { evaluateConfigSchema, type EvaluateConfig, type EvaluateConfigInput } from './config-schema.js';

const SUBJECT = 'evaluation config';

export function loadEvaluateConfigFile(file: string): EvaluateConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RecipeError(file, [{ path: [], message: `cannot read the evaluation config (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }], SUBJECT);
  }
  return parseEvaluateConfigYaml(text, file);
}

export function parseEvaluateConfigYaml(text: string, file = '<evaluate config>'): EvaluateConfig {
  const { doc, lineCounter } = parseYamlWithLines(text, file, SUBJECT);
  try {
    // An empty file is an empty config: evaluate everything with defaults.
    return parseEvaluateConfigObject(doc.toJS() ?? {}, file);
  } catch (error) {
    if (error instanceof RecipeError) {
      throw new RecipeError(file, error.issues.map((issue) => ({ ...issue, ...locateYamlPath(doc, issue.path, lineCounter) })), SUBJECT);
    }
    throw error;
  }
}

/**
 * Validates a config given as an object. `pathPrefix` places the issues inside a larger document
 * (a recipe's `evaluate:` section reports `evaluate.fail_on[0].metric`).
 */
export function parseEvaluateConfigObject(input: EvaluateConfigInput | unknown, file = '<evaluate config>', pathPrefix: (string | number)[] = []): EvaluateConfig {
  const parsed = evaluateConfigSchema.safeParse(input, { reportInput: true });
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
  if (issue.code === 'invalid_union' && path.at(-1) === 'engine') {
    return { path, message: 'unknown or missing engine; expected one of: local, openai, openai-compatible, anthropic' };
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
