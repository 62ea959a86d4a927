/**
 * Calls a recipe's models on behalf of the engine: answers repeated calls from the run's own
 * store (a resumed run never pays twice) or the shared cache (a re-run costs nothing), records
 * every call's usage, and prices it.
 */
import { hash } from 'node:crypto';
import { SynthkitError } from '../core/synthkit-error.js';
import type { ChatMessage, ModelEngine, ModelRequest, ModelResponse } from './types.js';

/** Calls made per model: what the run store sums up and the runner keeps as totals. */
export interface ModelUsage {
  model: string;
  calls: number;
  cachedCalls: number;
  inputTokens: number;
  outputTokens: number;
}

/** One model call as the call log records it. */
export interface CallRow {
  idx: number;
  column: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cached: boolean;
  ms: number;
}

/**
 * Where the runner writes every call (the run store implements it). Declared here so the model
 * layer does not depend on the store above it.
 */
export interface CallLog {
  /** Records a call; a fresh reply is passed so a later resume can answer the same call from it; `messages` are what was sent (kept for audit). */
  queueCall(call: CallRow, key: string, response?: ModelResponse, messages?: readonly ChatMessage[]): void;
}

/** A reply cache shared across runs (the store's SharedCallCache implements it). */
export interface ReplyCache {
  get(key: string): ModelResponse | undefined;
  set(key: string, response: ModelResponse): void;
}

export interface Price {
  input_per_million: number;
  output_per_million: number;
}

export interface CallContext {
  idx: number;
  column: string;
}

export interface ModelCallResult extends ModelResponse {
  cached: boolean;
}

/**
 * A spending cap in dollars. Before a paid call the runner reserves that call's worst case (its
 * prompt at about 3 characters a token, plus its whole output budget); a call that could take
 * spending past the cap is refused with BudgetExceededError, so a run stops before it is exceeded,
 * not after. Models without a price (local engines) cost nothing.
 */
export interface Budget {
  maxCost: number;
  /** Output tokens a call may use when it sets no max_tokens, per model. */
  maxOutputTokens: (model: string) => number;
}

export class BudgetExceededError extends SynthkitError {
  constructor(
    readonly maxCost: number,
    readonly spent: number,
  ) {
    super(
      `the next model call could take spending past max_cost $${maxCost.toFixed(4)} (spent $${spent.toFixed(4)}); finished records are saved. Raise the budget and continue with: synthkit resume <run-dir> --max-cost <dollars>`,
    );
  }
}

export class ModelRunner {
  private readonly usage = new Map<string, ModelUsage>();
  /** Worst-case cost of the paid calls in flight (see Budget). */
  private reserved = 0;
  private budget: Budget | undefined;

  /**
   * `storedReplies` are replies this run (or stage) already paid for, from its own store: those
   * of records cut off by a stop, so a resumed run does not buy them again.
   */
  constructor(
    private readonly engines: Map<string, ModelEngine>,
    private readonly store: CallLog,
    private readonly sharedCache: ReplyCache | undefined,
    private readonly prices: Map<string, Price>,
    private readonly storedReplies: Map<string, ModelResponse> = new Map(),
  ) {}

  async call(model: string, request: ModelRequest, context: CallContext): Promise<ModelCallResult> {
    const engine = this.engines.get(model)!;
    const key = cacheKey(engine.id, request);
    const started = performance.now();
    const stored = this.storedReplies.get(key);
    const hit = stored ?? this.sharedCache?.get(key);
    if (hit) {
      this.count(model, hit, true);
      // A reply from the run's own store is kept with this call too, in case the run stops again.
      this.store.queueCall(
        { ...context, model, inputTokens: hit.usage.inputTokens, outputTokens: hit.usage.outputTokens, cached: true, ms: 0 },
        key,
        stored,
        request.messages,
      );
      return { ...hit, cached: true };
    }
    const reservation = this.reserve(model, request);
    let response: ModelResponse;
    try {
      response = await engine.generate(request);
    } finally {
      this.reserved -= reservation;
    }
    // The reply is stored before anyone looks at it: a kill right after still keeps what was paid for.
    this.store.queueCall(
      { ...context, model, inputTokens: response.usage.inputTokens, outputTokens: response.usage.outputTokens, cached: false, ms: performance.now() - started },
      key,
      response,
      request.messages,
    );
    this.count(model, response, false);
    this.sharedCache?.set(key, response);
    return { ...response, cached: false };
  }

  /** Caps spending from now on (the counters include a resumed run's earlier spending). */
  setBudget(budget: Budget | undefined): void {
    this.budget = budget;
  }

  private reserve(model: string, request: ModelRequest): number {
    if (!this.budget) return 0;
    const inputChars = request.messages.reduce((n, m) => n + m.content.length, 0);
    const worst = this.cost(model, Math.ceil(inputChars / 3), request.maxTokens ?? this.budget.maxOutputTokens(model)) ?? 0;
    const spent = this.pricedCost();
    if (worst > 0 && spent + this.reserved + worst > this.budget.maxCost) throw new BudgetExceededError(this.budget.maxCost, spent);
    this.reserved += worst;
    return worst;
  }

  /** Spending of the priced models only (models without a price cost nothing here). */
  private pricedCost(): number {
    let cost = 0;
    for (const u of this.usage.values()) cost += this.cost(u.model, u.inputTokens, u.outputTokens) ?? 0;
    return cost;
  }

  /** Starts the counters from a resumed run's stored usage. */
  seedTotals(stored: ModelUsage[]): void {
    for (const u of stored) this.usage.set(u.model, { ...u });
  }

  /** Run-wide fresh tokens, cached calls and cost (cost only when every model used has a price). */
  totals(): { inputTokens: number; outputTokens: number; cachedCalls: number; cost?: number } {
    let inputTokens = 0;
    let outputTokens = 0;
    let cachedCalls = 0;
    let cost: number | undefined = 0;
    for (const u of this.usage.values()) {
      inputTokens += u.inputTokens;
      outputTokens += u.outputTokens;
      cachedCalls += u.cachedCalls;
      const c = this.cost(u.model, u.inputTokens, u.outputTokens);
      cost = c === undefined || cost === undefined ? undefined : cost + c;
    }
    return { inputTokens, outputTokens, cachedCalls, cost };
  }

  private count(model: string, response: ModelResponse, cached: boolean): void {
    let u = this.usage.get(model);
    if (!u) this.usage.set(model, (u = { model, calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0 }));
    u.calls++;
    if (cached) u.cachedCalls++;
    else {
      u.inputTokens += response.usage.inputTokens;
      u.outputTokens += response.usage.outputTokens;
    }
  }

  /** Cost in dollars of fresh (not cached) tokens, or undefined when the model has no price. */
  cost(model: string, inputTokens: number, outputTokens: number): number | undefined {
    const price = this.prices.get(model);
    if (!price) return undefined;
    return (inputTokens * price.input_per_million + outputTokens * price.output_per_million) / 1e6;
  }

  async close(): Promise<void> {
    await Promise.all([...this.engines.values()].map((e) => e.close?.()));
  }
}

export function cacheKey(engineId: string, request: ModelRequest): string {
  const { signal: _signal, ...rest } = request;
  return hash('sha256', `${engineId}\0${JSON.stringify(rest)}`, 'base64url');
}
