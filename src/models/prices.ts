/**
 * What a model's tokens cost, for estimates before a run: the recipe's own `price:` first, then
 * the price data bundled in @pydantic/genai-prices (maintained by Pydantic; dated, tiered and
 * per-provider prices for OpenAI, Anthropic and the hosted OpenAI-compatible providers).
 *
 * That package was chosen over tokenlens because its data ships inside the package and
 * `calcPrice` is synchronous and never fetches (updates happen only if `updatePrices` is wired
 * up, which we do not), so an estimate works offline; it has no dependencies and supports Node
 * 20. It also matched more of the model names recipes use (dated ids such as
 * gpt-4o-mini-2024-07-18, `-latest` aliases) and applies long-context price tiers.
 */
import { calcPrice } from '@pydantic/genai-prices';
import type { ModelConfig } from './model-config.js';

export interface PriceQuote {
  /** Where the price came from, for the estimate's assumptions. */
  source: 'recipe' | 'genai-prices' | 'local';
  /** Dollars per million tokens at the quoted call size (tiered prices depend on it). */
  inputPerMillion: number;
  outputPerMillion: number;
  /** The provider's model the price belongs to, when the price data matched one. */
  matched?: string;
}

/**
 * The price of `calls` calls averaging the given tokens, or undefined when nothing is known (an
 * OpenAI-compatible server the price data does not know, a model name it does not match).
 */
export function quotePrice(config: ModelConfig, perCall: { inputTokens: number; outputTokens: number }): PriceQuote | undefined {
  if (config.price) return { source: 'recipe', inputPerMillion: config.price.input_per_million, outputPerMillion: config.price.output_per_million };
  // A model on this machine costs compute, not tokens.
  if (config.engine === 'local') return { source: 'local', inputPerMillion: 0, outputPerMillion: 0 };
  // Priced at the average call so that a long-context tier applies as it would per request.
  const input = Math.max(1, Math.round(perCall.inputTokens));
  const output = Math.max(1, Math.round(perCall.outputTokens));
  // OpenAI-compatible servers are matched by their URL only: a local vLLM serving "gpt-4o-mini"
  // must not be priced as OpenAI's.
  const where = config.engine === 'openai-compatible' ? { providerApiUrl: config.base_url } : { providerId: config.engine };
  const result = calcPrice({ input_tokens: input, output_tokens: output }, config.model, where);
  if (!result) return undefined;
  return {
    source: 'genai-prices',
    inputPerMillion: (result.input_price / input) * 1e6,
    outputPerMillion: (result.output_price / output) * 1e6,
    matched: `${result.provider.id}:${result.model.id}`,
  };
}

/** Dollars for the given tokens at a quote. */
export function costAt(quote: PriceQuote, inputTokens: number, outputTokens: number): number {
  return (inputTokens * quote.inputPerMillion + outputTokens * quote.outputPerMillion) / 1e6;
}
