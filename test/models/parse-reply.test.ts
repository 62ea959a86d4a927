import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseObjectReply, parseTextReply } from '../../src/models/parse-reply.js';

const validate = new Ajv().compile({ type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] });

describe('parsing replies', () => {
  it('accepts JSON wrapped in prose or a code fence', () => {
    expect(parseObjectReply('{"n": 3}', validate)).toEqual({ ok: true, value: { n: 3 } });
    expect(parseObjectReply('Sure!\n```json\n{"n": 4}\n```\nDone.', validate)).toEqual({ ok: true, value: { n: 4 } });
    expect(parseObjectReply('Here: {"n": 5} hope it helps', validate)).toEqual({ ok: true, value: { n: 5 } });
  });

  it('explains what is wrong with a reply that does not parse or match', () => {
    expect(parseObjectReply('no json here', validate)).toMatchObject({ ok: false, error: expect.stringContaining('no JSON') });
    expect(parseObjectReply('{"n": 3', validate)).toMatchObject({ ok: false, error: expect.stringContaining('not valid JSON') });
    const mismatch = parseObjectReply('{"n": "three"}', validate);
    expect(mismatch).toMatchObject({ ok: false, error: expect.stringContaining('/n must be integer') });
  });

  it('rejects an empty text reply', () => {
    expect(parseTextReply('  \n')).toEqual({ ok: false, error: 'the reply was empty' });
    expect(parseTextReply(' hi ')).toEqual({ ok: true, value: 'hi' });
  });
});
