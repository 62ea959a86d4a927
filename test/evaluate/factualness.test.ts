/**
 * Factualness and consistency against the mock LLM server (OpenAI wire format): claims are split
 * with structured output and each is judged against the record's own passages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { candidatePairs, entityKeys } from '../../src/evaluate/consistency.js';
import { startMockLlmServer, type MockLlmServer } from '../support/mock-llm-server.js';
import { tempDir } from '../support/paths.js';

let server: MockLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const model = (url: string) => ({ engine: 'openai-compatible' as const, model: 'judge-model', base_url: `${url}/v1`, max_retries: 0 });
const statementOf = (body: any): string => /<statement>\n([\s\S]*)\n<\/statement>/.exec(body.messages.at(-1).content)?.[1] ?? '';

describe('factualness', () => {
  it('scores one supported, one contradicted and one unfound claim as faithfulness 1/3', async () => {
    server = await startMockLlmServer({
      handler: (body) => {
        if (body.response_format.json_schema.schema.properties.claims) {
          return { claims: ['The clinic opens at 8am.', 'The clinic is closed on Sundays.', 'The clinic has free parking.'] };
        }
        const statement = statementOf(body);
        if (statement.includes('8am')) return { verdict: 'supported', evidence: 'Opening hours: 8am to 5pm daily.' };
        if (statement.includes('Sundays')) return { verdict: 'contradicted', evidence: 'open daily, Sundays included' };
        return { verdict: 'not_found', evidence: '' };
      },
    });
    const records = [
      {
        _id: 'r1',
        answer: 'The clinic opens at 8am, is closed on Sundays and has free parking.',
        _sources: { answer: [{ text: 'Opening hours: 8am to 5pm daily, Sundays included.' }, 'The clinic is on level 2.'] },
      },
      { _id: 'r2', answer: 'No passages for this one, so it is skipped.' },
    ];
    const { metrics } = await evaluate(
      records,
      { models: { judge: model(server.url) }, factualness: { model: 'judge', field: 'answer', sources_field: '_sources.answer', concurrency: 1 } },
      { out: tempDir(), cache: false },
    );
    const f = metrics.factualness!;
    expect(f).toMatchObject({ records_checked: 1, records_skipped: 1, claims: 3, supported: 1, contradicted: 1, not_found: 1, errors: 0 });
    expect(f.faithfulness).toBeCloseTo(1 / 3, 12);
    expect(f.records[0].claims.map((c) => c.verdict)).toEqual(['supported', 'contradicted', 'not_found']);
    // Each failed claim is flagged on its record, with the source passage it was set against.
    expect(f.flagged).toEqual([
      {
        record: 'r1',
        claim: 'The clinic is closed on Sundays.',
        verdict: 'contradicted',
        evidence: 'open daily, Sundays included',
        source: 'Opening hours: 8am to 5pm daily, Sundays included.',
        source_index: 0,
      },
      { record: 'r1', claim: 'The clinic has free parking.', verdict: 'not_found', evidence: '', source: 'The clinic is on level 2.', source_index: 1 },
    ]);
    expect(metrics.findings?.find((x) => x.topic === 'factualness')?.records).toEqual(['r1']);
    // The passages (string and {text} forms) reach the entailment judge, numbered.
    const entailment = server.requests.find((r) => statementOf(r.body) === 'The clinic opens at 8am.')!;
    expect(entailment.body.messages.at(-1).content).toContain('[1] Opening hours: 8am to 5pm daily, Sundays included.\n\n[2] The clinic is on level 2.');
    expect(server.requests).toHaveLength(4);
    expect(metrics.models[0].model).toBe('judge');
  });

  it('finds candidate pairs by shared entities and counts contradictions', async () => {
    expect([...entityKeys('The Ang Mo Kio Polyclinic opens at 8am.')]).toContain('cap:ang mo kio polyclinic');
    const texts = [
      { id: '0', text: 'The Ang Mo Kio Polyclinic opens at 8am on weekdays.' },
      { id: '1', text: 'Bedok has a new library.' },
      { id: '2', text: 'The Ang Mo Kio Polyclinic opens at 10am on weekdays.' },
    ];
    expect(candidatePairs(texts, 10).map((p) => [p.a, p.b])).toEqual([[0, 2]]);
    server = await startMockLlmServer({ handler: () => ({ verdict: 'contradicted', evidence: 'opens at 8am' }) });
    const { metrics } = await evaluate(
      texts.map((t) => ({ _id: t.id, text: t.text })),
      { models: { judge: model(server.url) }, consistency: { model: 'judge', field: 'text' } },
      { out: tempDir(), cache: false },
    );
    expect(metrics.consistency).toMatchObject({ candidate_pairs: 1, pairs_checked: 1, contradictions: 1, contradiction_rate: 1 });
    expect(metrics.consistency!.examples[0]).toMatchObject({ a: '0', b: '2' });
  });
});
