import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curate } from '../../../src/curate/run-curation.js';
import { redactDataset } from '../../../src/curate/redact-dataset.js';
import { passesLuhn } from '../../../src/safety/pii/credit-card.js';
import { isValidNric } from '../../../src/safety/pii/nric.js';
import { scanPii } from '../../../src/safety/pii/scan-pii.js';
import { fakeValue } from '../../../src/safety/redact/fake-values.js';
import { Redactor } from '../../../src/safety/redact/redactor.js';

const key = Buffer.alloc(32, 7);
const record = {
  _id: 3,
  text: 'Hi, I am Tan Ah Kow, NRIC S1234567D, call +65 9123 4567 or email tan.ahkow@gmail.com. Card 4111 1111 1111 1111.',
  meta: { contact: { phone: '+44 20 7946 0958' }, notes: ['lives at 221B Baker Street, London NW1 6XE'] },
  _sources: [{ snippet: 'earlier: 9123 4567 and tan.ahkow@gmail.com', url: 'kb://x' }],
};

describe('Redactor', () => {
  it('leaves no detected PII value anywhere in the record, nested fields and _sources included', () => {
    const redactor = new Redactor({ key });
    const { record: out, spans } = redactor.redactRecord(record);
    const json = JSON.stringify(out);
    for (const value of ['Tan Ah Kow', 'S1234567D', '9123 4567', 'tan.ahkow@gmail.com', '4111 1111 1111 1111', '7946 0958', 'Baker Street']) {
      expect(json).not.toContain(value);
    }
    expect(spans.length).toBeGreaterThanOrEqual(8);
    // Every recorded span points at its replacement in the redacted string.
    for (const span of out._redactions as { path: string; start: number; end: number; replacement: string }[]) {
      const text = span.path.split('.').reduce<unknown>((v, p) => (v as Record<string, unknown>)[p], out) as string;
      expect(text.slice(span.start, span.end)).toBe(span.replacement);
    }
    // Nothing of the real values is in _redactions either.
    expect(JSON.stringify(out._redactions)).not.toContain('S1234567D');
    expect(out._id).toBe(3);
  });

  it('maps the same real value to the same fake, also written another way', () => {
    const redactor = new Redactor({ key });
    const a = redactor.redactRecord({ text: 'call +65 9123 4567' }).record.text as string;
    const b = redactor.redactRecord({ text: 'ring +65 9123 4567 today' }).record.text as string;
    expect(a.slice(5)).toBe(b.slice(5, 5 + a.length - 5));
    expect(fakeValue('phone', '+65 9123 4567', key).replace(/\D/g, '')).toBe(fakeValue('phone', '+6591234567', key).replace(/\D/g, ''));
    expect(fakeValue('person_name', 'Tan Ah Kow', key)).not.toBe(fakeValue('person_name', 'Tan Ah Kow', Buffer.alloc(32, 8)));
  });

  it('draws NRIC/FIN fakes with valid check letters and card fakes that pass Luhn', () => {
    for (const real of ['S1234567D', 'T0123456G', 'F1234567N', 'G7654321X', 'M1234567K']) {
      const fake = fakeValue('nric', real, key);
      expect(fake[0]).toBe(real[0]);
      expect(isValidNric(fake)).toBe(true);
      expect(fake).not.toBe(real);
    }
    for (const real of ['4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005']) {
      const fake = fakeValue('credit_card', real, key);
      expect(passesLuhn(fake.replace(/\D/g, ''))).toBe(true);
      expect(fake.length).toBe(real.length);
      expect(fake).not.toBe(real);
    }
  });

  it('replaces found values elsewhere in the record as whole words only', () => {
    const out = new Redactor({ key, mode: 'mask' }).redactRecord({ text: 'Dear Priya, thanks', note: 'Priya called; Priyanka did not' }).record;
    expect(out.note).toBe('[PERSON_NAME] called; Priyanka did not');
  });

  it('masks with the type in mask mode', () => {
    const out = new Redactor({ key, mode: 'mask' }).redactRecord({ text: 'mail a.b@c.org or call +65 9123 4567' }).record;
    expect(out.text).toBe('mail [EMAIL] or call [PHONE]');
  });

  it('replaces with values the recognizers still read as the same type', () => {
    const out = new Redactor({ key }).redactRecord({ text: 'call +65 9123 4567, NRIC S1234567D' }).record;
    expect(scanPii(out.text as string).map((s) => s.type)).toEqual(['phone', 'nric']);
    expect(out.text).not.toContain('9123 4567');
  });
});

describe('redact stage and redactDataset', () => {
  it('redacts in curation and keeps the map only in the private folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redact-'));
    const out = join(dir, 'curated');
    const summary = await curate([record, { _id: 4, text: 'call +65 9123 4567 again' }], { stages: [{ stage: 'redact' }] }, { out });
    expect(summary.kept).toBe(2);
    const curated = readFileSync(join(out, 'curated.jsonl'), 'utf8') + readFileSync(join(out, 'all.jsonl'), 'utf8');
    expect(curated).not.toContain('9123 4567');
    expect(curated).not.toContain('S1234567D');
    const map = readFileSync(join(out, 'private', 'redaction-map.jsonl'), 'utf8');
    expect(map).toContain('S1234567D');
    const rows = readFileSync(join(out, 'curated.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // The same phone in two records got the same fake.
    const fakeOf = (text: string) => text.match(/\+65 \d{4} \d{4}/)?.[0];
    expect(fakeOf(rows[0].text)).toBe(fakeOf(rows[1].text));
    expect(summary.files.some((f) => f.includes('private'))).toBe(false);
  });

  it('redacts a JSONL file into <file>.redacted/ and refuses unknown types', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redact-'));
    const file = join(dir, 'data.jsonl');
    writeFileSync(file, `${JSON.stringify(record)}\n${JSON.stringify({ text: 'nothing personal here' })}\n`);
    const summary = await redactDataset(file, { mode: 'mask' });
    expect(summary.out).toBe(join(dir, 'data.redacted'));
    expect(summary.recordsRedacted).toBe(1);
    expect(readFileSync(join(dir, 'data.redacted', 'redacted.jsonl'), 'utf8')).toContain('[NRIC]');
    await expect(redactDataset(file, { types: ['shoe_size' as never] })).rejects.toThrow(/unknown PII type\(s\) shoe_size/);
  });
});

describe('redact stage with the optional model recognizer', () => {
  it('replaces what the model finds (names the rules miss) everywhere, and ignores values not in the text', async () => {
    const { startMockLlmServer } = await import('../../support/mock-llm-server.js');
    const server = await startMockLlmServer({
      handler: () => ({
        entities: [
          { type: 'person_name', text: 'Zyx Qwerty' },
          { type: 'person_name', text: 'Not In Text' },
        ],
      }),
    });
    try {
      const out = join(mkdtempSync(join(tmpdir(), 'redact-model-')), 'curated');
      const model = { engine: 'openai-compatible' as const, model: 'pii', base_url: `${server.url}/v1`, max_retries: 0 };
      const summary = await curate(
        [{ _id: 1, text: 'zyx wrote it. Zyx Qwerty came twice.', _sources: [{ by: 'Zyx Qwerty' }] }],
        { models: { pii: model }, stages: [{ stage: 'redact', model: { model: 'pii' } }] },
        { out, cache: false },
      );
      expect(summary.kept).toBe(1);
      const curated = readFileSync(join(out, 'curated.jsonl'), 'utf8');
      expect(curated).not.toContain('Zyx Qwerty');
      expect(readFileSync(join(out, 'private', 'redaction-map.jsonl'), 'utf8')).not.toContain('Not In Text');
    } finally {
      await server.close();
    }
  });

  it('names an unknown model', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'redact-model-')), 'curated');
    await expect(curate([{ text: 'x' }], { stages: [{ stage: 'redact', model: { model: 'nope' } }] }, { out })).rejects.toThrow(/unknown model 'nope'/);
  });
});
