/**
 * A set of column kinds, and what is derived from it: the recipe's column schema (a discriminated
 * union on `kind`) and lookups by kind. A registry is a value, not a global: the built-in one is
 * in registry.ts, and a library user may make their own with extra kinds and plan with it.
 */
import { z } from 'zod';
import type { AnyColumnKind, ColumnBase, KnowledgeBaseUse } from './column-kind.js';
import { ColumnError } from './column-error.js';

export interface ColumnRegistry<Column = ColumnBase, ColumnInput = unknown> {
  /** Kind names, in registration order (the order error messages list them in). */
  readonly names: readonly string[];
  readonly kinds: readonly AnyColumnKind[];
  /** One column of a recipe: any registered kind, chosen by `kind`. */
  readonly columnSchema: z.ZodType<Column, ColumnInput>;
  /** The kind of `kind`; a ColumnError for a kind this registry does not hold. */
  get(kind: string): AnyColumnKind;
  /** Models a column calls. */
  modelsOf(column: ColumnBase): string[];
  /** Knowledge bases a column reads. */
  knowledgeBasesOf(column: ColumnBase): KnowledgeBaseUse[];
}

type Output<K extends readonly AnyColumnKind[]> = z.output<K[number]['schema']>;
type Input<K extends readonly AnyColumnKind[]> = z.input<K[number]['schema']>;

export function createColumnRegistry<const K extends readonly [AnyColumnKind, ...AnyColumnKind[]]>(kinds: K): ColumnRegistry<Output<K>, Input<K>> {
  const byName = new Map<string, AnyColumnKind>();
  for (const kind of kinds) {
    if (byName.has(kind.kind)) throw new ColumnError(`column kind '${kind.kind}' is registered twice; give each kind its own name`);
    byName.set(kind.kind, kind);
  }
  const schemas = kinds.map((k) => k.schema) as unknown as [z.ZodObject, ...z.ZodObject[]];
  const get = (name: string) => {
    const kind = byName.get(name);
    if (!kind) throw new ColumnError(`unknown column kind '${name}'; known kinds: ${[...byName.keys()].join(', ')}`);
    return kind;
  };
  return {
    names: [...byName.keys()],
    kinds,
    columnSchema: z.discriminatedUnion('kind', schemas) as unknown as z.ZodType<Output<K>, Input<K>>,
    get,
    modelsOf: (column) => get(column.kind).models?.(column as never) ?? [],
    knowledgeBasesOf: (column) => get(column.kind).knowledgeBases?.(column as never) ?? [],
  };
}
