/**
 * What a column kind is. Each kind is one module holding its recipe schema, how it plans (checks
 * with paths, compiled templates, references, per-column state such as validators or samplers) and
 * how it fills one cell, plus the few optional hooks the rest of synthkit reads instead of switching
 * on `kind`: models it calls, knowledge bases it reads, files to resolve against the recipe, work
 * done once per run, the fields it exports, names it reserves, and what evaluation measures
 * coverage of. A new kind is one module calling `defineColumnKind` and one line in registry.ts.
 *
 * A kind either samples (per record, from a seeded stream: recomputed on resume, never paid for) or
 * fills (per record, by model calls: each cell is committed to the run store and reused on resume
 * when it succeeded). That split is the one thing the engine must know about a kind.
 */
import { z } from 'zod';
import type { CompiledTemplate } from '../prompting/template.js';
import type { Rng } from '../core/rng-types.js';
import type { ModelRunner } from '../models/model-runner.js';
import type { CellRow } from '../store/run-store.js';
import type { OpenedKnowledgeBase } from './open-knowledge-bases.js';
import type { SourceRef } from './sample-grounding.js';
import type { SafetyConfig } from '../safety/injection/guard-config.js';

/** Column names are used in templates; names starting with _ are synthkit's own fields. */
export const columnNameSchema = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_]*$/,
    'must start with a letter and hold only letters, digits and _ (it is used in templates; names starting with _ are reserved for synthkit fields such as _id)',
  );

/** Fields every column has, whatever its kind. */
export const columnBaseShape = {
  name: columnNameSchema,
  /** Kept for the other columns' templates but left out of the exported dataset. */
  drop: z.boolean().optional(),
};

/** The fields every column has, as the engine sees any column. */
export type ColumnBase = {
  name: string;
  kind: string;
  drop?: boolean;
};

/** A kind's recipe schema: strict, the base fields, `kind` as a literal, then the kind's own fields. */
export function columnSchema<K extends string, S extends z.ZodRawShape>(kind: K, shape: S) {
  return z.object({ ...columnBaseShape, kind: z.literal(kind), ...shape }).strict();
}

/** Any kind's schema (made by `columnSchema`, which gives it the base fields and `kind`). */
export type AnyColumnSchema = z.ZodObject<z.core.$ZodShape, z.core.$strict>;

export type IssuePath = readonly (string | number)[];

/** What a kind's plan sees: where to report problems, and the plan's shared facilities. */
export interface PlanContext {
  /** The recipe's seed (or the default). */
  readonly seed: number;
  /** Records the recipe asks for. */
  readonly records: number;
  /** Reports a problem at a path inside this column, e.g. ['weights', 1]. */
  issue(path: IssuePath, message: string): void;
  /**
   * Compiles a template, kept under `key` in the planned column's `templates`; the columns it
   * reads become dependencies. A template that does not compile is reported at `path` (default
   * [key]) and gives undefined.
   */
  template(key: string, source: string | undefined, path?: IssuePath): CompiledTemplate | undefined;
  /** Declares a column this one reads other than through its templates (a subcategory's parent). */
  dependOn(name: string): void;
  /** The values (as text) another column of the recipe can take, when its kind knows them at plan time. */
  valuesOf(name: string): readonly string[] | undefined;
}

/** A column after planning: what every record's fill of it needs. */
export interface PlannedColumn<C = ColumnBase, State = unknown> {
  column: C;
  /** Columns this one reads; they are computed first. */
  dependsOn: string[];
  /** Compiled templates of this column, by key (prompt, system, template, query...). */
  templates: Record<string, CompiledTemplate>;
  /** What the kind's plan made (validators, samplers, few-shot selectors). */
  state: State;
}

/** What a run opened once and shares with every record. */
export interface RunResources {
  runner: ModelRunner;
  seed: number;
  /** Re-asks with the reason before a model cell is flagged. */
  maxRepairs: number;
  signal?: AbortSignal;
  /** Knowledge bases opened for the run, by path. */
  kbs: Map<string, OpenedKnowledgeBase>;
  /** What each column's `prepare` made for the run, by column name. */
  prepared: Map<string, unknown>;
  /** The recipe's `safety:` section (the injection guard). */
  safety?: SafetyConfig;
  /** Columns whose values come from data (see the `untrusted` hook), computed by the plan. */
  untrusted?: ReadonlySet<string>;
}

/** What filling one cell sees. */
export interface CellContext<Prepared = unknown> {
  idx: number;
  /** Records asked for: samplers that balance over the dataset cycle through this many. */
  total: number;
  /** This record's values so far (every column this one depends on is there). */
  scope: Record<string, unknown>;
  /** The stream seeded by (recipe seed, record, column): a record draws the same values however it is scheduled. */
  rng: Rng;
  run: RunResources;
  /** What this column's `prepare` made for the run. */
  prepared: Prepared;
}

/** A sampled cell. `error` (with its stable `reason` code) flags the record; the value is kept for inspection. */
export interface Sampled {
  value: unknown;
  error?: string;
  reason?: string;
  /** Passages the value came from (exported under `_sources`). */
  sources?: SourceRef[];
}

/** What once-per-run preparation sees. */
export interface PrepareContext {
  runner: ModelRunner;
  seed: number;
  /** Records asked for in this run (it may differ from the recipe's, e.g. --records). */
  records: number;
  /** The run directory, for artifacts a person should be able to read (the expanded topic tree). */
  dir: string;
  kbs: Map<string, OpenedKnowledgeBase>;
  /** Re-asks with the reason before a model reply is given up on (the recipe's max_repairs). */
  maxRepairs: number;
  signal?: AbortSignal;
}

/** A knowledge base a column reads: checked at plan time, opened once per run. */
export interface KnowledgeBaseUse {
  path: string;
  /** The path of the field naming it, inside the column (for the plan-time error). */
  field: IssuePath;
  /** Needs query embeddings (hybrid retrieval). */
  hybrid?: boolean;
  /** Needs the knowledge base's concept graph. */
  conceptGraph?: boolean;
}

/** Record-level fields a column contributes to (beside its own value). */
export type RecordExtra = '_logprobs' | '_few_shot' | '_sources' | '_safety';
export const RECORD_EXTRAS: readonly RecordExtra[] = ['_logprobs', '_few_shot', '_sources', '_safety'];

export interface ExportedField {
  name: string;
  /** Reads the field from a record's stored data. */
  read(data: Record<string, unknown>): unknown;
}

/** What evaluation measures coverage of (the fields, the shares asked for, known domains). */
export interface ColumnAttributes {
  columns: { field: string; target?: Record<string, number> }[];
  /** Field tuples whose combinations are counted. */
  combinations: string[][];
  /** Every value a field can take, by field. */
  domains: Record<string, string[]>;
  /** Demographic fields (the bias audit's default groups). */
  personaFields: string[];
  /**
   * For a combination whose values constrain each other (a subcategory under its parent), the
   * tuples that can occur, keyed by the combination's fields joined with NUL. Coverage counts
   * only these, so impossible pairs never count as gaps.
   */
  allowed?: Record<string, string[][]>;
}

/** A name a column takes besides its own, and what it is, for the clash message. */
export interface ReservedName {
  name: string;
  /** e.g. "another column's kept reasoning" */
  what: string;
}

interface ColumnKindHooks<C, State, Prepared> {
  /**
   * Values come from outside the recipe (model replies, documents, users' files): a prompt that
   * reads them gets them fenced as data and, with a safety guard on, screened. A column computed
   * from such a column (an expression) is treated the same way by the plan.
   */
  untrusted?: boolean;
  /** Checks beyond the schema, templates and references; returns the per-column state. */
  plan?(column: C, ctx: PlanContext): State;
  /** Per record, from the seeded stream. Exactly one of sample and fill. */
  sample?(planned: PlannedColumn<C, State>, ctx: CellContext<Prepared>): Sampled;
  /** Per record, by model calls; the cell is committed as it is. */
  fill?(planned: PlannedColumn<C, State>, ctx: CellContext<Prepared>): Promise<CellRow>;
  /** Models the column calls (each must be defined under models:; reported at the column's `model` field). */
  models?(column: C): string[];
  knowledgeBases?(column: C): KnowledgeBaseUse[];
  /** The column with its file paths made absolute (relative ones are relative to the recipe file). */
  resolvePaths?(column: C, resolve: (path: string) => string): C;
  /** Work done once per run before any record, e.g. expanding a topic tree; its result reaches every cell. */
  prepare?(planned: PlannedColumn<C, State>, ctx: PrepareContext): Promise<Prepared> | Prepared;
  /** Dataset fields (default: the value under the column's name) and record-level extras it writes. */
  exported?(column: C): { fields?: ExportedField[]; extras?: RecordExtra[] };
  reservedNames?(column: C): ReservedName[];
  /** The values a cell can take, as text, when known at plan time (a subcategory checks its parent's). */
  values?(column: C): readonly string[] | undefined;
  attributes?(column: C): Partial<ColumnAttributes>;
}

export interface ColumnKind<S extends AnyColumnSchema = AnyColumnSchema, State = unknown, Prepared = unknown>
  extends ColumnKindHooks<z.output<S>, State, Prepared> {
  /** The `kind:` value. */
  readonly kind: string;
  readonly schema: S;
}

/** Any kind, as registries hold them. */
export type AnyColumnKind = ColumnKind<AnyColumnSchema, unknown, unknown>;

type OneWay<C, State, Prepared> =
  | (ColumnKindHooks<C, State, Prepared> & Required<Pick<ColumnKindHooks<C, State, Prepared>, 'sample'>> & { fill?: never })
  | (ColumnKindHooks<C, State, Prepared> & Required<Pick<ColumnKindHooks<C, State, Prepared>, 'fill'>> & { sample?: never });

/** Declares a kind; its name is the literal of its schema's `kind` field. */
export function defineColumnKind<S extends AnyColumnSchema, State = undefined, Prepared = undefined>(
  spec: { schema: S } & OneWay<z.output<S>, State, Prepared>,
): ColumnKind<S, State, Prepared> {
  const literal = spec.schema.shape.kind as z.ZodLiteral<string>;
  return { ...spec, kind: literal.value } as ColumnKind<S, State, Prepared>;
}
