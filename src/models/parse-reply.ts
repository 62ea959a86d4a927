/**
 * Checks a model reply against what its column expects. A reply that fails is not thrown away:
 * the caller keeps the raw text, asks again with the reason, and flags the cell if it never
 * passes.
 */
import type { ValidateFunction } from 'ajv';

export type ParsedReply = { ok: true; value: unknown } | { ok: false; error: string };

export function parseTextReply(text: string): ParsedReply {
  const value = text.trim();
  return value ? { ok: true, value } : { ok: false, error: 'the reply was empty' };
}

export function parseObjectReply(text: string, validate: ValidateFunction): ParsedReply {
  const json = extractJson(text);
  if (json === undefined) return { ok: false, error: 'the reply held no JSON value' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, error: `the reply is not valid JSON (${(error as Error).message})` };
  }
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`).join('; ');
    return { ok: false, error: `the JSON does not match the schema: ${problems}` };
  }
  return { ok: true, value };
}

/** Models without a grammar often wrap JSON in prose or a ``` fence; take the outermost value. */
function extractJson(text: string): string | undefined {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const body = (fenced ? fenced[1] : text).trim();
  const start = body.search(/[[{]/);
  if (start < 0) return undefined;
  const end = Math.max(body.lastIndexOf('}'), body.lastIndexOf(']'));
  return end > start ? body.slice(start, end + 1) : body.slice(start);
}

export function repairInstruction(error: string, schema?: Record<string, unknown>): string {
  return schema
    ? `Your previous reply could not be used: ${error}. Reply again with only a JSON value that matches this JSON Schema, and nothing else:\n${JSON.stringify(schema)}`
    : `Your previous reply could not be used: ${error}. Please answer again.`;
}
