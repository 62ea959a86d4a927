/**
 * The shape of metrics.json: every number the report shows, keyed in snake_case so that a
 * threshold names a metric by its dotted path (`pii.total`, `diversity.feedback.distinct_2`).
 * NaN (not measurable, e.g. Self-BLEU of one text) is written as null by JSON.stringify.
 */
import type { ColumnCoverage, CombinationCoverage } from './metrics/coverage.js';
import type { DemographicAudit } from './metrics/bias-audit.js';
import type { Histogram, Summary } from '../core/quantiles.js';
import type { RepeatedNgram } from './metrics/repetition.js';
import type { TstrResult } from './metrics/tstr.js';
import type { PiiType } from '../safety/pii/types.js';

export interface ColumnDiversity {
  /** Records where the column held text. */
  texts: number;
  distinct_1: number;
  distinct_2: number;
  distinct_3: number;
  distinct_4: number;
  self_bleu: number;
  compression_ratio: number;
  /** Mean seq-rep-4 (Welleck et al. 2020) and texts above 0.2. */
  repetition: number;
  repetitive_texts: number;
  top_ngrams: RepeatedNgram[];
  /** Exact duplicates: texts identical to an earlier one (after trimming). */
  duplicate_texts: number;
  words: Summary;
  words_histogram: Histogram;
}

export interface EmbeddingDiversity {
  field: string;
  /** Embeddings found; `sampled` of them were scored. */
  items: number;
  sampled: number;
  vendi: number;
  nearest_neighbour: Summary;
  nearest_neighbour_histogram: Histogram;
  near_duplicates: number;
}

export interface PiiFinding {
  record: string;
  field: string;
  type: PiiType;
  confidence: number;
  /** Text around the span; the span is `context.slice(start, end)`. */
  context: string;
  start: number;
  end: number;
}

export interface PiiMetrics {
  fields: string[];
  records: number;
  total: number;
  records_with_pii: number;
  by_type: Partial<Record<PiiType, number>>;
  examples: PiiFinding[];
}

export interface LeakageMetrics {
  reference: string;
  column: string;
  references: number;
  texts: number;
  longest_span: Summary;
  ngram_overlap: Summary;
  distance_to_closest: Summary;
  worst: { record: string; longest_span: number; span: string; overlap: number; distance: number }[];
}

export interface CanaryMetrics {
  checked: number;
  found: number;
  hits: { canary: string; records: string[]; loose_only: boolean }[];
}

export interface ClaimCheck {
  claim: string;
  verdict: 'supported' | 'contradicted' | 'not_found' | 'error';
  evidence: string;
}

export interface FactualnessMetrics {
  model: string;
  field: string;
  records_checked: number;
  /** Records without passages or text, not checked. */
  records_skipped: number;
  claims: number;
  supported: number;
  contradicted: number;
  not_found: number;
  errors: number;
  /** supported / claims over the run. */
  faithfulness: number;
  /** Mean of the per-record faithfulness. */
  mean_record_faithfulness: number;
  records: { record: string; faithfulness: number; claims: ClaimCheck[] }[];
}

export interface ConsistencyMetrics {
  model: string;
  field: string;
  candidate_pairs: number;
  pairs_checked: number;
  contradictions: number;
  contradiction_rate: number;
  examples: { a: string; b: string; shared: string[]; verdict: string; evidence: string; text_a: string; text_b: string }[];
}

export interface RelevanceMetrics {
  test_file: string;
  train_file: string | null;
  synthetic_examples: number;
  test_examples: number;
  tstr: TstrResult;
}

export interface ThresholdResult {
  metric: string;
  min?: number;
  max?: number;
  /** The metric's value; null when it is missing or not a number. */
  value: number | null;
  passed: boolean;
  message: string;
}

export interface EvaluationMetrics {
  version: 1;
  input: string;
  records: number;
  columns: string[];
  diversity: Record<string, ColumnDiversity>;
  embeddings: EmbeddingDiversity | null;
  coverage: { columns: Record<string, ColumnCoverage>; combinations: CombinationCoverage[]; heatmap: CombinationCoverage | null };
  bias: DemographicAudit | null;
  judge: { field: string; scores: Summary; histogram: Histogram } | null;
  factualness: FactualnessMetrics | null;
  consistency: ConsistencyMetrics | null;
  pii: PiiMetrics;
  leakage: LeakageMetrics | null;
  canaries: CanaryMetrics | null;
  relevance: RelevanceMetrics | null;
  models: { model: string; calls: number; cachedCalls: number; inputTokens: number; outputTokens: number; cost?: number }[];
  thresholds: ThresholdResult[];
  passed: boolean;
}
