/**
 * The `features` block of a Hugging Face dataset card (the `dataset_info` YAML the Hub and
 * `datasets` read): a struct is `struct: [fields]`, a list of structs `list: [fields]`, a list of a
 * plain type `sequence: <dtype>`, as in `datasets`' own `_to_yaml_list` output.
 */
import type { NestedType } from '../nested-parquet.js';

export type HubFeature = { name?: string; dtype?: string; sequence?: unknown; list?: HubFeature[]; struct?: HubFeature[] };

const DTYPES: Partial<Record<NestedType['kind'], string>> = {
  boolean: 'bool',
  integer: 'int64',
  number: 'float64',
  string: 'string',
  json: 'string',
  null: 'null',
};

function featureBody(type: NestedType): Omit<HubFeature, 'name'> {
  if (type.kind === 'struct') return { struct: [...type.fields].map(([name, t]) => ({ name, ...featureBody(t) })) };
  if (type.kind === 'list') {
    if (type.element.kind === 'struct') return { list: [...type.element.fields].map(([name, t]) => ({ name, ...featureBody(t) })) };
    const inner = featureBody(type.element);
    return { sequence: inner.dtype ?? inner };
  }
  return { dtype: DTYPES[type.kind] ?? 'string' };
}

export function hubFeatures(types: Map<string, NestedType>): HubFeature[] {
  return [...types].map(([name, type]) => ({ name, ...featureBody(type) }));
}
