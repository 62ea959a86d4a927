/**
 * The two LLM calls the factualness checks are made of, with structured replies: splitting a text
 * into atomic claims (as FActScore does, Min et al. 2023, "FActScore: Fine-grained Atomic
 * Evaluation of Factual Precision in Long Form Text Generation"), and an entailment verdict of one
 * statement against passages (supported / contradicted / not found, with the evidence quoted).
 * Replies go through the model layer's structured-generation call: a reply that never parses
 * becomes an error, never a default verdict.
 */
import { compileSchema } from '../models/compile-schema.js';
import { generateStructured } from '../models/generate-structured.js';
import type { ModelSession } from '../store/open-models.js';
import type { JsonSchema } from '../models/types.js';

export const MAX_CLAIMS = 20;
const EVIDENCE_MAX = 400;

export const claimsSchema: JsonSchema = {
  type: 'object',
  properties: { claims: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: MAX_CLAIMS } },
  required: ['claims'],
  additionalProperties: false,
};

export const verdictSchema: JsonSchema = {
  type: 'object',
  properties: {
    verdict: { type: 'string', enum: ['supported', 'contradicted', 'not_found'] },
    evidence: { type: 'string', maxLength: EVIDENCE_MAX },
  },
  required: ['verdict', 'evidence'],
  additionalProperties: false,
};

const validateClaims = compileSchema(claimsSchema);
const validateVerdict = compileSchema(verdictSchema);

export interface LlmCheckContext {
  session: ModelSession;
  model: string;
  /** Content repairs; default DEFAULT_MAX_REPAIRS (models/defaults.ts). */
  maxRepairs?: number;
  maxTokens?: number;
  seed: number;
  signal?: AbortSignal;
}

export async function extractClaims(context: LlmCheckContext, text: string): Promise<{ ok: true; claims: string[] } | { ok: false; error: string }> {
  const answer = await generateStructured<{ claims: string[] }>(context.session, {
    ...base(context, 'evaluate_claims'),
    messages: [
      {
        role: 'system',
        content:
          'You split a text into atomic factual claims: short, self-contained statements that can each be checked on their own. ' +
          'Resolve pronouns to what they refer to. Leave out opinions, greetings and questions. ' +
          `Reply with JSON {"claims": [...]}, at most ${MAX_CLAIMS} claims.`,
      },
      { role: 'user', content: `<text>\n${text}\n</text>` },
    ],
    schema: claimsSchema,
    validate: validateClaims,
  });
  return answer.ok ? { ok: true, claims: answer.value.claims } : { ok: false, error: answer.error };
}

export type Verdict = 'supported' | 'contradicted' | 'not_found';

export async function judgeEntailment(
  context: LlmCheckContext,
  passages: readonly string[],
  statement: string,
  stage = 'evaluate_entailment',
): Promise<{ ok: true; verdict: Verdict; evidence: string } | { ok: false; error: string }> {
  const numbered = passages.map((p, i) => `[${i + 1}] ${p}`).join('\n\n');
  const answer = await generateStructured<{ verdict: Verdict; evidence: string }>(context.session, {
    ...base(context, stage),
    messages: [
      {
        role: 'system',
        content:
          'You check a statement against passages, using only the passages, not your own knowledge. ' +
          'verdict "supported": the passages state or directly imply it; "contradicted": the passages state something incompatible with it; ' +
          '"not_found": the passages say nothing either way. evidence: quote the deciding sentence, or "" when not found. Reply with JSON {"verdict", "evidence"}.',
      },
      { role: 'user', content: `<passages>\n${numbered}\n</passages>\n<statement>\n${statement}\n</statement>` },
    ],
    schema: verdictSchema,
    validate: validateVerdict,
  });
  return answer.ok ? { ok: true, verdict: answer.value.verdict, evidence: answer.value.evidence } : { ok: false, error: answer.error };
}

/** What both checks send: a fixed seed and temperature 0, so a re-run asks the same and hits the cache. */
function base(context: LlmCheckContext, stage: string) {
  return {
    model: context.model,
    maxRepairs: context.maxRepairs,
    temperature: 0,
    maxTokens: context.maxTokens,
    seed: context.seed,
    signal: context.signal,
    context: { idx: -1, column: stage },
  };
}
