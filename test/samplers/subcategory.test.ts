import { describe, expect, it } from 'vitest';
import { sampleCategory } from '../../src/samplers/category.js';
import { createRng } from '../../src/core/rng.js';
import { SamplerError } from '../../src/core/sampler-error.js';
import { sampleSubcategory } from '../../src/samplers/subcategory.js';
import { draw, expectedShares, maxShareError, shares } from './shares.js';

const params = {
  parent: 'topic',
  values: {
    housing: ['HDB resale', 'BTO application', 'rental flat'],
    health: { values: ['MediSave', 'polyclinic', 'vaccination'], weights: [6, 3, 1] },
  },
};

describe('sampleSubcategory', () => {
  it('draws only from the list that belongs to the parent value', () => {
    const rng = createRng('sub');
    const pairs = draw(2000, () => {
      const topic = sampleCategory({ values: ['housing', 'health'] }, rng);
      return [topic, sampleSubcategory(params, topic, rng)] as const;
    });
    const wrong = pairs.filter(([topic, sub]) => !(topic === 'housing' ? params.values.housing : params.values.health.values).includes(sub));
    expect(wrong).toEqual([]);
    expect(new Set(pairs.map(([, sub]) => sub)).size).toBe(6);
  });

  it('honours the weights of a weighted entry and is uniform for a plain list', () => {
    const rng = createRng('sub-weights');
    const health = shares(draw(20_000, () => sampleSubcategory(params, 'health', rng)));
    expect(maxShareError(health, expectedShares(params.values.health.values, params.values.health.weights))).toBeLessThan(0.015);
    const housing = shares(draw(20_000, () => sampleSubcategory(params, 'housing', rng)));
    expect(maxShareError(housing, expectedShares(params.values.housing, [1, 1, 1]))).toBeLessThan(0.015);
  });

  it('matches a number or boolean parent value against its text key', () => {
    const rng = createRng(3);
    const byLevel = { parent: 'level', values: { '2': ['two'], true: ['yes'] } };
    expect(sampleSubcategory(byLevel, 2, rng)).toBe('two');
    expect(sampleSubcategory(byLevel, true, rng)).toBe('yes');
  });

  it('names the parent column, the unknown value and the known keys', () => {
    const call = () => sampleSubcategory(params, 'transport', createRng(1));
    expect(call).toThrow(SamplerError);
    expect(call).toThrow('parent column "topic" has value "transport"');
    expect(call).toThrow('known parent values: "housing", "health"');
  });

  it('does not treat inherited object members as keys', () => {
    expect(() => sampleSubcategory(params, 'constructor', createRng(1))).toThrow(/has value "constructor"/);
    expect(() => sampleSubcategory(params, '__proto__', createRng(1))).toThrow(SamplerError);
  });

  it('says which entry holds bad weights', () => {
    const bad = { parent: 'topic', values: { tax: { values: ['GST', 'income tax'], weights: [1] } } };
    expect(() => sampleSubcategory(bad, 'tax', createRng(1))).toThrow(/values\["tax"\] \(parent "topic"\): category: 1 weights for 2 values/);
  });
});
