/**
 * What an evaluation metric is: one module holding its part of evaluate.yaml (a section, `.strict()`
 * and optional), how it measures (per record while the records stream past, then once at the end),
 * what it adds to metrics.json, and its sections and headline cards in report.html. The config
 * schema, the measuring loop and the report are derived from the list in metric-registry.ts, so a
 * new metric is its module plus one line there; evaluate.ts never names a metric.
 */
import type { z } from 'zod';
import type { ModelSession } from '../store/open-models.js';
import type { CoreMetrics } from './core-metrics.js';
import type { RecipeAttributes } from './recipe-attributes.js';
import type { Html } from './report/html.js';
import type { ReportLinks } from './report/report-links.js';

/** A config problem a metric finds; `path` is from the config's root. */
export interface ConfigIssue {
  path: (string | number)[];
  message: string;
}

/** What a metric's settings parse to: its own entries of evaluate.yaml. */
export type MetricConfig<Shape extends z.ZodRawShape> = z.output<z.ZodObject<Shape>>;

/** What every metric is given when an evaluation starts. Passed in, never global. */
export interface EvaluationRun {
  /** The text columns measured: the config's `columns`, or those found in the first records. */
  columns: readonly string[];
  /** The first records (up to 1,000), for choosing defaults; every record, these included, still goes to `add`. */
  head: readonly Record<string, unknown>[];
  /** What the run's recipe samples, when the input is a run directory; null for a plain file. */
  recipe: RecipeAttributes | null;
  seed: number;
  /** A path written in the config, resolved against the config's directory. */
  resolve(file: string): string;
  /** Settings given on the command line or in the options, which win over the config. */
  overrides: { reference?: string; test?: string; embeddingsField?: string };
  /** The whole config, for a default that reads another section (the bias audit's judge score field). */
  settings: Readonly<Record<string, unknown>>;
  progress(message: string): void;
  signal?: AbortSignal;
}

/** What a metric is given once every record has been seen. */
export interface FinishContext {
  /** Records in the input. */
  records: number;
  /** The evaluation's model session (evaluate.sqlite beside metrics.json), opened on first use and closed by evaluate. */
  models(): Promise<ModelSession>;
}

/** One evaluation's measurement by one metric: whatever state it keeps lives here, not in the module. */
export interface Measurement<Entries extends object> {
  /** First pass: one record, in input order, with its id (`_id`, else its position). */
  add?(record: Record<string, unknown>, id: string): void;
  /** A second pass, when the metric needs one: the per-record step, or undefined to skip it. */
  recount?(): ((record: Record<string, unknown>) => void) | undefined;
  /** Its entries of metrics.json (null for a part that was not measured, so the file's shape stays fixed). */
  finish(context: FinishContext): Entries | Promise<Entries>;
}

export interface EvaluationMetric<Shape extends z.ZodRawShape = z.ZodRawShape, Entries extends object = object> {
  /** Names the metric in messages. */
  name: string;
  /** Its entries of evaluate.yaml: each an optional, `.strict()` section (or a setting). */
  config: Shape;
  /** The models its settings ask for, with the path naming each; evaluate checks them against `models`. */
  models?(config: MetricConfig<Shape>): { path: (string | number)[]; model: string }[];
  /** Checks beyond the section's own schema, run after the whole config parsed (and after the model checks). */
  check?(config: MetricConfig<Shape>): ConfigIssue[];
  /** Starts one evaluation's measurement; throws a SynthkitError for a setting it cannot act on. */
  start(config: MetricConfig<Shape>, run: EvaluationRun): Measurement<Entries>;
  /** What it shows in report.html, from metrics.json's numbers (so the page and the file never disagree). */
  report?: {
    /** Headline cards, in the summary strip at the top. */
    cards?(metrics: CoreMetrics & Entries): Html[];
    /**
     * Its sections, in registry order between the thresholds and the model usage. `links` is given
     * when the report is shown inside synthkit studio: a chart element may then link to the records
     * it counts (report-links.ts).
     */
    sections?(metrics: CoreMetrics & Entries, links?: ReportLinks): Html[];
  };
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds metrics of every config and result type
export type AnyEvaluationMetric = EvaluationMetric<any, any>;

/** Identity, for inference: `defineMetric({ name, config, start })` types `start`'s config from the shape and the entries from `finish`. */
export function defineMetric<const Shape extends z.ZodRawShape, Entries extends object>(
  metric: EvaluationMetric<Shape, Entries>,
): EvaluationMetric<Shape, Entries> {
  return metric;
}
