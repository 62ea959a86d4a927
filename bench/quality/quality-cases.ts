/**
 * The four examples the quality bench compares with a naive loop: the chapter's three (HealthHub
 * feedback, policy recommendations with reasoning, housing Q&A from documents) and the
 * Cosmopedia-style textbook passages. Each case says how to trim the recipe to the columns whose
 * text is measured, what the naive loop asks (one fixed prompt), how to read the text of a record,
 * and which attribute values count as covered when the text mentions them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Row = Record<string, unknown>;

export interface QualityCase {
  name: string;
  file: string;
  /** Columns dropped from the recipe (not measured) and max_tokens caps, to keep a CPU run short. */
  drop: string[];
  maxTokens: Record<string, number>;
  /** The naive loop's one prompt, asking for `k` examples; `item` is one example's JSON Schema. */
  naivePrompt: (k: number) => string;
  item: Record<string, unknown>;
  /** Output tokens the naive loop may spend per example (the recipe's per-record budget). */
  tokensPerItem: number;
  /** The measured text of a recipe record and of a naive item. */
  recipeText: (row: Row) => string;
  naiveText: (item: unknown) => string;
  /** Attribute coverage: the values a text can be about, and the test that it is about one. */
  coverage: { attribute: string; values: string[]; mentions: (text: string, value: string) => boolean };
  /** Grounded cases: the source an answer must be supported by, and the answer. */
  grounded?: { recipeSource: (row: Row) => string; answer: (text: Row | unknown) => string };
}

const lower = (s: string) => s.toLowerCase();
const phrase = (text: string, value: string) => lower(text).includes(lower(value));
const str = (v: unknown) => (typeof v === 'string' ? v : '');

export const POLICY_DOCS = join(import.meta.dirname, '../../examples/policy-docs/documents');
export function policyDocuments(): { name: string; text: string }[] {
  return readdirSync(POLICY_DOCS)
    .sort()
    .map((name) => ({ name, text: readFileSync(join(POLICY_DOCS, name), 'utf8').replace(/<[^>]+>/g, ' ') }));
}

const FEATURES = [
  'rescheduling',
  'queue status',
  'reminders',
  'lab results',
  'medication list',
  'health screening history',
  'vaccination certificate',
  'slot booking',
  'child immunisation records',
  'bill payment',
  'subsidy display',
  'payment receipts',
  'video quality',
  'doctor availability',
  'e-prescription',
];
const DOMAINS = ['public housing', 'primary healthcare', 'public transport', 'digital government services', 'eldercare', 'skills and employment'];
/** Words that show a domain when its name does not appear verbatim. */
const DOMAIN_WORDS: Record<string, RegExp> = {
  'public housing': /\b(hdb|flat|housing|rent)/i,
  'primary healthcare': /\b(clinic|polyclinic|gp|healthcare|doctor)/i,
  'public transport': /\b(bus|mrt|train|transport|commut)/i,
  'digital government services': /\b(digital|online|singpass|e-service|app)\b/i,
  eldercare: /\b(elder|senior|aged|older)/i,
  'skills and employment': /\b(skill|job|employ|training|worker)/i,
};
const AUDIENCES = ['young children', 'high-school students', 'professionals', 'researchers'];
const AUDIENCE_WORDS: Record<string, RegExp> = {
  'young children': /\b(kids?|children|child|little ones)\b/i,
  'high-school students': /\b(students?|high[- ]school|teen)/i,
  professionals: /\b(professionals?|clinicians?|nurses?|practitioners?)\b/i,
  researchers: /\b(research(ers)?|studies|trial|antigen[- ]presenting|cytokines?)\b/i,
};

const JSON_NOTE = 'Answer as JSON: {"examples": [...]}.';

export const QUALITY_CASES: QualityCase[] = [
  {
    name: 'healthhub-feedback',
    file: 'healthhub-feedback.yaml',
    drop: ['triage'],
    maxTokens: { feedback: 120 },
    naivePrompt: (k) =>
      `Generate ${k} varied examples of realistic app-store feedback that residents of Singapore might leave about the HealthHub app. ${JSON_NOTE}`,
    item: { type: 'string', maxLength: 500 },
    tokensPerItem: 120,
    recipeText: (r) => str(r.feedback),
    naiveText: (i) => str(i),
    coverage: { attribute: 'feature', values: FEATURES, mentions: phrase },
  },
  {
    name: 'policy-recommendations',
    file: 'policy-recommendations.yaml',
    drop: [],
    maxTokens: { challenge: 60, recommendation: 200 },
    naivePrompt: (k) =>
      `Generate ${k} varied examples of a concrete policy challenge for residents of Singapore and a recommended policy response, with the evidence a policy team would cite, the solution and the rationale. ${JSON_NOTE}`,
    item: {
      type: 'object',
      properties: {
        challenge: { type: 'string', maxLength: 200 },
        evidence: { type: 'string', maxLength: 300 },
        solution: { type: 'string', maxLength: 300 },
        rationale: { type: 'string', maxLength: 300 },
      },
      required: ['challenge', 'evidence', 'solution', 'rationale'],
    },
    tokensPerItem: 260,
    recipeText: (r) => {
      const rec = (r.recommendation ?? {}) as Row;
      return [str(r.challenge), str(rec.evidence), str(rec.solution), str(rec.rationale)].join(' ').trim();
    },
    naiveText: (i) => {
      const o = (i ?? {}) as Row;
      return [str(o.challenge), str(o.evidence), str(o.solution), str(o.rationale)].join(' ').trim();
    },
    coverage: { attribute: 'domain', values: DOMAINS, mentions: (t, v) => phrase(t, v) || DOMAIN_WORDS[v]!.test(t) },
  },
  {
    name: 'housing-policy-qa',
    file: 'housing-policy-qa.yaml',
    drop: ['follow_up'],
    maxTokens: { qa: 160 },
    naivePrompt: (k) =>
      `${policyDocuments()
        .map((d) => d.text.trim())
        .join(
          '\n\n',
        )}\n\nGenerate ${k} varied question-and-answer pairs that residents might ask the housing agency, which the documents above answer, each answer using only facts from the documents. ${JSON_NOTE}`,
    item: {
      type: 'object',
      properties: { question: { type: 'string', maxLength: 200 }, answer: { type: 'string', maxLength: 400 } },
      required: ['question', 'answer'],
    },
    tokensPerItem: 160,
    recipeText: (r) => {
      const qa = (r.qa ?? {}) as Row;
      return `${str(qa.question)} ${str(qa.answer)}`.trim();
    },
    naiveText: (i) => {
      const qa = (i ?? {}) as Row;
      return `${str(qa.question)} ${str(qa.answer)}`.trim();
    },
    // A Q&A covers the document its text overlaps most (run-quality-bench.ts assigns it).
    coverage: { attribute: 'source document', values: [], mentions: () => false },
    grounded: {
      recipeSource: (r) => {
        const p = r.passage as Row | undefined;
        return str(p?.text) || JSON.stringify(p ?? '');
      },
      answer: (x) => str(((x ?? {}) as Row).qa ? (((x as Row).qa as Row).answer as unknown) : (x as Row).answer),
    },
  },
  {
    name: 'textbook-passages',
    file: 'textbook-passages.yaml',
    drop: [],
    maxTokens: { passage: 120 },
    naivePrompt: (k) => `Generate ${k} varied educational passages about how vaccines train the immune system. ${JSON_NOTE}`,
    item: { type: 'string', maxLength: 700 },
    tokensPerItem: 120,
    recipeText: (r) => str(r.passage),
    naiveText: (i) => str(i),
    coverage: { attribute: 'audience', values: AUDIENCES, mentions: (t, v) => AUDIENCE_WORDS[v]!.test(t) },
  },
];
