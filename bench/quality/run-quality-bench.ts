/**
 * Data quality: synthkit's recipe against a naive loop (one fixed prompt, "generate N varied
 * examples", asked again and again), same model, seed and output-token budget, on the four cases
 * of quality-cases.ts. Metrics come from the evaluation library (src/evaluate): distinct-1/2,
 * Self-BLEU, compression ratio, Vendi and nearest-neighbour similarity over embeddings from the
 * same GGUF (node-llama-cpp's embedding mode), PII findings; plus attribute coverage (values the
 * texts mention), valid-record rate, and for the grounded case the share of answers supported by
 * their source (by the same model as judge, and by word overlap).
 *
 * Usage: npm run bench:quality -- [records per side, default 24] [case name or part of one...]
 * Needs the real model (npm run test:real fetches it, or tsx test/real/fetch-real-model.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { createLocalEngine } from '../../src/models/local-engine.js';
import type { ModelEngine } from '../../src/models/types.js';
import { planRecipeObject } from '../../src/pipeline/load-pipeline-recipe.js';
import { generate } from '../../src/pipeline/run-pipeline.js';
import { fetchRealModel } from '../../test/real/fetch-real-model.js';
import { ROOT, tempDir } from '../support.js';
import { lengthMatched } from './length-matched.js';
import { policyDocuments, QUALITY_CASES, type QualityCase } from './quality-cases.js';

const numeric = process.argv.slice(2).find((a) => /^\d+$/.test(a));
/** 24 a side: with 6-8, Vendi (at most the number of texts) and coverage moved by one record decided which side won. */
const RECORDS = Number(numeric ?? 24);
const only = process.argv.slice(2).filter((a) => !/^\d+$/.test(a) && !a.startsWith('-'));
/** A case runs when its name contains one of the names given (`housing` picks housing-policy-qa); none given: every case. */
const picked = (name: string) => !only.length || only.some((o) => name.includes(o));
const unknown = only.filter((o) => !QUALITY_CASES.some((q) => q.name.includes(o)));
if (unknown.length) {
  process.stderr.write(`no quality case matches ${unknown.join(', ')}; the cases are ${QUALITY_CASES.map((q) => q.name).join(', ')}\n`);
  process.exit(2);
}
const THREADS = Number(process.env.SYNTHKIT_REAL_THREADS ?? 1);
/** Examples the naive prompt asks for per call. */
const PER_CALL = 4;

type Row = Record<string, unknown>;
interface Side {
  texts: string[];
  items: unknown[];
  requested: number;
  valid: number;
  outputTokens: number;
  seconds: number;
}

const MODEL = await fetchRealModel((l) => process.stderr.write(`${l}\n`));

async function runRecipe(c: QualityCase): Promise<Side & { rows: Row[] }> {
  const path = join(ROOT, 'examples', c.file);
  const recipe = parse(readFileSync(path, 'utf8')) as Row & { models: Record<string, Row>; columns: Row[]; seed: number };
  for (const model of Object.values(recipe.models)) Object.assign(model, { path: MODEL, threads: THREADS, concurrency: 1 });
  recipe.columns = recipe.columns
    .filter((col) => !c.drop.includes(col.name as string))
    .map((col) => (c.maxTokens[col.name as string] ? { ...col, max_tokens: c.maxTokens[col.name as string] } : col));
  const plan = planRecipeObject({ ...recipe, records: RECORDS, cache: false }, path, join(ROOT, 'examples'));
  const started = performance.now();
  const summary = await generate(plan, { out: tempDir() });
  const rows = readFileSync(join(summary.dir, 'dataset.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Row);
  const valid = rows.filter((r) => r._valid);
  return {
    rows,
    items: valid,
    texts: valid.map(c.recipeText).filter(Boolean),
    requested: RECORDS,
    valid: valid.length,
    outputTokens: summary.models.reduce((s, m) => s + m.outputTokens, 0),
    seconds: (performance.now() - started) / 1000,
  };
}

async function runNaive(c: QualityCase, engine: ModelEngine, budget: number, seed: number, temperature: number): Promise<Side> {
  const validate = new Ajv({ strict: false }).compile(c.item);
  const schema = { type: 'object', properties: { examples: { type: 'array', items: c.item, minItems: PER_CALL, maxItems: PER_CALL } }, required: ['examples'] };
  const items: unknown[] = [];
  let requested = 0;
  let spent = 0;
  const started = performance.now();
  for (let call = 0; requested < RECORDS && spent < budget; call++) {
    const reply = await engine.generate({
      messages: [{ role: 'user', content: c.naivePrompt(PER_CALL) }],
      schema,
      maxTokens: PER_CALL * c.tokensPerItem,
      temperature,
      seed: seed + call,
    });
    spent += reply.usage.outputTokens;
    requested += PER_CALL;
    try {
      const examples = (JSON.parse(reply.text) as { examples?: unknown[] }).examples ?? [];
      for (const e of examples) if (validate(e) && c.naiveText(e)) items.push(e);
    } catch {
      // Cut off at the token limit: the call's examples are lost, and count against valid records.
    }
  }
  const kept = items.slice(0, RECORDS);
  return {
    items: kept,
    texts: kept.map(c.naiveText),
    requested: Math.min(requested, RECORDS),
    valid: kept.length,
    outputTokens: spent,
    seconds: (performance.now() - started) / 1000,
  };
}

async function metricsOf(texts: string[]): Promise<Record<string, number>> {
  const dir = tempDir();
  const file = join(dir, 'texts.jsonl');
  writeFileSync(file, texts.map((text, i) => JSON.stringify({ id: i, text })).join('\n') + '\n');
  const { metrics } = (await evaluate(
    file,
    { columns: ['text'], seed: 1, diversity: { embed: `local:${MODEL}` } },
    { out: join(dir, 'evaluation') },
  )) as unknown as {
    metrics: {
      diversity: Record<string, Record<string, number> & { words?: { mean: number } }>;
      embeddings: { vendi: number; nearest_neighbour: { mean: number } } | null;
      pii: { total: number };
    };
  };
  const d = metrics.diversity.text ?? {};
  const e = metrics.embeddings;
  return {
    mean_words: d.words?.mean ?? Number.NaN,
    distinct_1: d.distinct_1 ?? Number.NaN,
    distinct_2: d.distinct_2 ?? Number.NaN,
    self_bleu: d.self_bleu ?? Number.NaN,
    compression_ratio: d.compression_ratio ?? Number.NaN,
    vendi: e?.vendi ?? Number.NaN,
    nn_similarity: e?.nearest_neighbour?.mean ?? Number.NaN,
    pii_findings: metrics.pii.total,
  };
}

const STOP = new Set([
  'that',
  'this',
  'with',
  'from',
  'have',
  'will',
  'your',
  'they',
  'their',
  'which',
  'what',
  'when',
  'been',
  'were',
  'also',
  'into',
  'only',
  'must',
  'more',
  'than',
  'there',
  'about',
]);
const contentWords = (s: string) => (s.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => w.length >= 4 && !STOP.has(w));
/** Share of the answer's content words found in the source. */
export function overlap(answer: string, source: string): number {
  const words = contentWords(answer);
  if (!words.length) return 0;
  const have = new Set(contentWords(source));
  return words.filter((w) => have.has(w)).length / words.length;
}
/** Supported by word overlap: at least 70% of the answer's content words are in the source. */
const OVERLAP_SUPPORTED = 0.7;

async function judgeSupported(engine: ModelEngine, source: string, answer: string, seed: number): Promise<boolean | undefined> {
  const reply = await engine.generate({
    messages: [
      {
        role: 'user',
        content: `Passage:\n"""${source.slice(0, 3000)}"""\n\nAnswer:\n"""${answer}"""\n\nIs every fact in the answer stated in the passage? Reply with JSON {"supported": "yes"} or {"supported": "no"}.`,
      },
    ],
    schema: { type: 'object', properties: { supported: { type: 'string', enum: ['yes', 'no'] } }, required: ['supported'] },
    maxTokens: 16,
    temperature: 0,
    seed,
  });
  try {
    return (JSON.parse(reply.text) as { supported: string }).supported === 'yes';
  } catch {
    return undefined;
  }
}

function coverage(c: QualityCase, texts: string[]): { covered: number; of: number } {
  if (c.grounded) {
    const docs = policyDocuments();
    const hit = new Set(texts.map((t) => docs.map((d) => overlap(t, d.text)).reduce((best, v, i, all) => (v > all[best]! ? i : best), 0)));
    return { covered: hit.size, of: docs.length };
  }
  const covered = c.coverage.values.filter((v) => texts.some((t) => c.coverage.mentions(t, v))).length;
  return { covered, of: c.coverage.values.length };
}

const fmt = (v: number) => (Number.isNaN(v) ? 'n/a' : Number.isInteger(v) ? String(v) : v.toFixed(3));
const results: Row[] = [];
const engine = await createLocalEngine({ modelPath: MODEL, threads: THREADS, concurrency: 1, contextSize: 4096 });
try {
  for (const c of QUALITY_CASES.filter((q) => picked(q.name))) {
    process.stderr.write(`# ${c.name}: recipe, ${RECORDS} records\n`);
    const recipe = await runRecipe(c);
    const seed = Number((parse(readFileSync(join(ROOT, 'examples', c.file), 'utf8')) as { seed?: number }).seed ?? 1);
    const temperature = Number(
      Object.values((parse(readFileSync(join(ROOT, 'examples', c.file), 'utf8')) as { models: Record<string, { temperature?: number }> }).models)[0]
        ?.temperature ?? 0.8,
    );
    process.stderr.write(`# ${c.name}: naive loop, budget ${recipe.outputTokens} output tokens\n`);
    const naive = await runNaive(c, engine, recipe.outputTokens, seed, temperature);
    const sides = { recipe, naive } as const;
    const table: Record<string, Record<string, string>> = {};
    for (const [name, side] of Object.entries(sides)) {
      const m = await metricsOf(side.texts);
      const cov = coverage(c, side.texts);
      const row: Record<string, string> = {
        records: `${side.valid}/${side.requested}`,
        valid_rate: fmt(side.requested ? side.valid / side.requested : 0),
        output_tokens: String(side.outputTokens),
        seconds: side.seconds.toFixed(0),
        ...Object.fromEntries(Object.entries(m).map(([k, v]) => [k, fmt(v)])),
        [`coverage(${c.coverage.attribute})`]: `${cov.covered}/${cov.of}`,
      };
      if (c.grounded) {
        const docs = policyDocuments();
        let byOverlap = 0;
        let byJudge = 0;
        let judged = 0;
        for (const [i, item] of side.items.entries()) {
          const answer = c.grounded.answer(item);
          const source =
            name === 'recipe' ? c.grounded.recipeSource(item as Row) : docs.map((d) => d.text).sort((a, b) => overlap(answer, b) - overlap(answer, a))[0]!;
          if (overlap(answer, source) >= OVERLAP_SUPPORTED) byOverlap++;
          const verdict = await judgeSupported(engine, source, answer, 1000 + i);
          if (verdict !== undefined) judged++;
          if (verdict) byJudge++;
        }
        const n = side.items.length || 1;
        row.supported_overlap = fmt(byOverlap / n);
        row.supported_judge = `${fmt(byJudge / n)} (${judged}/${side.items.length} parsed)`;
      }
      table[name] = row;
    }
    // Lexical diversity again on the same number of words per side (see length-matched.ts).
    const matched = lengthMatched({ recipe: recipe.texts, naive: naive.texts });
    for (const [key, label] of [
      ['distinct_1', 'distinct_1'],
      ['distinct_2', 'distinct_2'],
      ['compression_ratio', 'compression_ratio'],
    ] as const) {
      table.recipe![`${label} (both cut to ${matched.words} words)`] = fmt(matched.recipe[key] ?? Number.NaN);
      table.naive![`${label} (both cut to ${matched.words} words)`] = fmt(matched.naive[key] ?? Number.NaN);
    }
    results.push({ case: c.name, ...table, texts: { recipe: recipe.texts, naive: naive.texts }, rows: recipe.rows });
    process.stdout.write(
      `\n## ${c.name} (${RECORDS} records per side; same model, seed ${seed}, temperature ${temperature}, naive budget = recipe's output tokens)\n`,
    );
    process.stdout.write(`| metric | recipe | naive |\n| --- | --- | --- |\n`);
    for (const key of Object.keys(table.recipe!)) process.stdout.write(`| ${key} | ${table.recipe![key]} | ${table.naive?.[key] ?? ''} |\n`);
  }
} finally {
  await engine.close?.();
}
const saved = join(tempDir(), 'quality.json');
writeFileSync(saved, JSON.stringify(results, null, 2));
process.stderr.write(`# tables and the measured texts: ${saved}\n`);
