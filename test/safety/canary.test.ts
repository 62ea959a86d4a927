import { describe, expect, it } from 'vitest';
import { findCanaries, makeCanaries } from '../../src/safety/canary.js';

describe('makeCanaries', () => {
  it('makes unique canaries of the documented form, reproducibly', () => {
    const canaries = makeCanaries(500, 'seed');
    expect(new Set(canaries).size).toBe(500);
    for (const canary of canaries) expect(canary).toMatch(/^canary-[0-9a-f]{4}-[a-z]+-[a-z]+$/);
    expect(makeCanaries(5, 'seed')).toEqual(canaries.slice(0, 5));
    expect(makeCanaries(5, 'other')).not.toEqual(canaries.slice(0, 5));
  });
});

describe('findCanaries', () => {
  it('reports exact and case/space-insensitive appearances', () => {
    const [a, b, c] = makeCanaries(3, 7);
    const loose = b.toUpperCase().replaceAll('-', ' ');
    const hits = findCanaries([`the secret is ${a}.`, `echo: ${loose}`, 'clean text', `${a} again`], [a, b, c]);
    expect(hits).toEqual([
      { canary: a, exact: [0, 3], loose: [0, 3] },
      { canary: b, exact: [], loose: [1] },
    ]);
  });
});
