import { describe, expect, it } from 'vitest';
import { samplePersona } from '../../src/samplers/persona.js';
import { OCCUPATION_GROUPS, PERSONA_FIELD_NAMES, PERSONA_FIELDS } from '../../src/samplers/persona-data.js';
import { createRng } from '../../src/core/rng.js';
import { SamplerError } from '../../src/core/sampler-error.js';
import { draw, expectedShares, maxShareError, shares } from './shares.js';

describe('samplePersona', () => {
  it('returns every field by default, each value from the built-in lists', () => {
    const rng = createRng('persona');
    const strays: string[] = [];
    const people = draw(2000, () => samplePersona({}, rng));
    expect(new Set(people.map((p) => Object.keys(p).sort().join()))).toEqual(new Set([[...PERSONA_FIELD_NAMES].sort().join()]));
    for (const persona of people) {
      for (const field of PERSONA_FIELD_NAMES) {
        if (!PERSONA_FIELDS[field].values.includes(persona[field])) strays.push(`${field}=${persona[field]}`);
      }
    }
    expect(strays).toEqual([]);
  });

  it('follows the built-in weights (age band, region, language)', () => {
    const rng = createRng('persona-weights');
    const people = draw(20_000, () => samplePersona({}, rng));
    for (const field of ['age_band', 'region', 'language', 'gender'] as const) {
      const { values, weights } = PERSONA_FIELDS[field];
      const got = shares(people.map((p) => p[field]));
      expect(maxShareError(got, expectedShares(values, weights!)), field).toBeLessThan(0.015);
    }
  });

  it('returns only the requested fields, with the same values as a full draw', () => {
    const subset = samplePersona({ fields: ['region', 'age_band'] }, createRng(5));
    expect(Object.keys(subset).sort()).toEqual(['age_band', 'region']);
    const full = samplePersona({}, createRng(5));
    expect(subset).toEqual({ region: full.region, age_band: full.age_band });
  });

  it('applies overrides to one field without disturbing the others', () => {
    const overrides = { region: { values: ['Jurong', 'Tampines'], weights: [3, 1] } };
    const rng = createRng('override');
    const people = draw(20_000, () => samplePersona({ overrides }, rng));
    const got = shares(people.map((p) => p.region));
    expect(maxShareError(got, expectedShares(overrides.region.values, overrides.region.weights))).toBeLessThan(0.015);

    const plain = samplePersona({}, createRng(11));
    const overridden = samplePersona({ overrides }, createRng(11));
    expect({ ...overridden, region: plain.region }).toEqual(plain);
  });

  it('is reproducible for a seed and varies between draws', () => {
    const a = createRng('same');
    const b = createRng('same');
    const fromA = draw(50, () => samplePersona({}, a));
    expect(draw(50, () => samplePersona({}, b))).toEqual(fromA);
    expect(new Set(fromA.map((p) => JSON.stringify(p))).size).toBeGreaterThan(40);
  });

  it('rejects unknown fields and bad overrides', () => {
    const rng = createRng(1);
    expect(() => samplePersona({ fields: ['income' as 'region'] }, rng)).toThrow(/unknown field "income"; known fields: age_band/);
    expect(() => samplePersona({ overrides: { income: { values: ['x'] } } as never }, rng)).toThrow(/overrides names unknown field "income"/);
    expect(() => samplePersona({ overrides: { gender: { values: ['a', 'b'], weights: [1] } } }, rng)).toThrow(
      /persona overrides.gender: 1 weights for 2 values/,
    );
    expect(() => samplePersona({ overrides: { language: { values: [] } } }, rng)).toThrow(SamplerError);
    expect(() => samplePersona({ overrides: { age_band: { values: ['x'], weights: [0] } } }, rng)).toThrow(/all weights are zero/);
  });
});

describe('PERSONA_FIELDS', () => {
  it('is frozen, sourced, and has one weight per value', () => {
    expect(Object.isFrozen(PERSONA_FIELDS)).toBe(true);
    expect(Object.isFrozen(PERSONA_FIELDS.region.values)).toBe(true);
    for (const field of PERSONA_FIELD_NAMES) {
      const data = PERSONA_FIELDS[field];
      expect(data.source.length, field).toBeGreaterThan(20);
      expect(new Set(data.values).size, field).toBe(data.values.length);
      if (data.weights) expect(data.weights.length, field).toBe(data.values.length);
    }
  });

  it('holds the Singapore defaults the docs promise', () => {
    expect(PERSONA_FIELDS.age_band.values).toEqual(['18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+']);
    expect(PERSONA_FIELDS.region.values).toEqual(['Central', 'East', 'North', 'North-East', 'West']);
    expect(PERSONA_FIELDS.language.values).toEqual(['English', 'Mandarin', 'Malay', 'Tamil']);
    expect(PERSONA_FIELDS.occupation.values.length).toBeGreaterThanOrEqual(35);
    expect(PERSONA_FIELDS.occupation.values.length).toBeLessThanOrEqual(45);
    expect(PERSONA_FIELDS.occupation.values).toEqual(Object.values(OCCUPATION_GROUPS).flat());
  });
});
