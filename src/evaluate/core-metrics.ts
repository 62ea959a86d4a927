/**
 * The entries of metrics.json that evaluate itself writes, whatever metrics are registered: what
 * was read, the text columns, model usage, and the `fail_on` thresholds. Each metric adds its own
 * entries beside these (see evaluation-metrics.ts).
 */

export interface ThresholdResult {
  metric: string;
  min?: number;
  max?: number;
  /** The metric's value; null when it is missing or not a number. */
  value: number | null;
  passed: boolean;
  message: string;
}

export interface ModelUsageEntry {
  model: string;
  calls: number;
  cachedCalls: number;
  inputTokens: number;
  outputTokens: number;
  cost?: number;
}

export interface CoreMetrics {
  version: 1;
  input: string;
  records: number;
  columns: string[];
  models: ModelUsageEntry[];
  thresholds: ThresholdResult[];
  passed: boolean;
  /** Plain-language warnings with every affected record (report/findings.ts); absent in files written before them. */
  findings?: FindingEntry[];
}

export interface FindingEntry {
  level: 'warning' | 'info';
  topic: string;
  title: string;
  explanation: string;
  records?: string[];
}
