import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelConfig } from '../../src/models/model-config.js';

const perCall = { inputTokens: 1000, outputTokens: 200 };

describe('quotePrice', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('works offline: the price data is bundled and nothing is fetched', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('no network in this test')));
    vi.stubGlobal('fetch', fetch);
    vi.resetModules();
    const { quotePrice } = await import('../../src/models/prices.js');
    const quote = quotePrice({ engine: 'openai', model: 'gpt-4o-mini' }, perCall);
    expect(quote).toMatchObject({ source: 'genai-prices', matched: 'openai:gpt-4o-mini' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('knows OpenAI and Anthropic models, dated ids and -latest aliases', async () => {
    const { quotePrice } = await import('../../src/models/prices.js');
    const cases: [ModelConfig, number, number][] = [
      [{ engine: 'openai', model: 'gpt-4o-mini' }, 0.15, 0.6],
      [{ engine: 'openai', model: 'gpt-4o-mini-2024-07-18' }, 0.15, 0.6],
      [{ engine: 'anthropic', model: 'claude-3-5-haiku-latest' }, 0.8, 4],
    ];
    for (const [config, input, output] of cases) {
      const quote = quotePrice(config, perCall)!;
      expect(quote.inputPerMillion, JSON.stringify(config)).toBeCloseTo(input, 6);
      expect(quote.outputPerMillion, JSON.stringify(config)).toBeCloseTo(output, 6);
    }
  });

  it("takes the recipe's price first, prices local models at zero, and does not guess for an unknown server", async () => {
    const { quotePrice, costAt } = await import('../../src/models/prices.js');
    const own = quotePrice({ engine: 'openai', model: 'gpt-4o-mini', price: { input_per_million: 3, output_per_million: 9 } }, perCall)!;
    expect(own).toEqual({ source: 'recipe', inputPerMillion: 3, outputPerMillion: 9 });
    expect(costAt(own, 1e6, 2e6)).toBe(21);
    expect(quotePrice({ engine: 'local' }, perCall)).toMatchObject({ source: 'local', inputPerMillion: 0, outputPerMillion: 0 });
    // A local vLLM serving a model under an OpenAI name is not OpenAI's price.
    expect(quotePrice({ engine: 'openai-compatible', model: 'gpt-4o-mini', base_url: 'http://127.0.0.1:8000/v1' }, perCall)).toBeUndefined();
    expect(quotePrice({ engine: 'openai', model: 'my-own-finetune-name' }, perCall)).toBeUndefined();
  });

  it('matches hosted OpenAI-compatible providers by their URL', async () => {
    const { quotePrice } = await import('../../src/models/prices.js');
    const quote = quotePrice({ engine: 'openai-compatible', model: 'llama-3.3-70b-versatile', base_url: 'https://api.groq.com/openai/v1' }, perCall);
    expect(quote).toMatchObject({ source: 'genai-prices', matched: 'groq:llama-3.3-70b-versatile' });
  });
});
