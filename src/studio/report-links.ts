/**
 * The studio's answer to a report's links (evaluate/report/report-links.ts): a chart bar leads to
 * the dataset browser over the dataset the report evaluated, filtered to the records the bar
 * counts, and a record id to its record page. Only fixed paths come out, with every value from a
 * report percent-encoded in the query; a field the browser cannot filter on gets no link.
 */
import type { RecordFilter, ReportLinks } from '../evaluate/report/report-links.js';
import { isFieldPath, PII_TYPE_FIELD, type DatasetQuery } from './dataset-index.js';
import { query } from './html.js';

type Filter = { field: string; op: DatasetQuery['op']; value?: string };

/** The browser filter for a report's record filter. */
export function browserFilter(filter: RecordFilter): Filter | undefined {
  if (filter.kind === 'pii') return { field: PII_TYPE_FIELD, op: 'eq', value: filter.type };
  if (!isFieldPath(filter.field)) return undefined;
  switch (filter.kind) {
    case 'value':
      return { field: filter.field, op: 'eq', value: filter.value };
    case 'missing':
      return { field: filter.field, op: 'empty' };
    case 'range':
      return { field: filter.field, op: 'between', value: `${filter.min ?? ''}..${filter.max ?? ''}` };
  }
}

/** The dataset browser of run `runId` over `src` ('db' or `f<N>`) with one filter. */
export function datasetLink(runId: string, src: string, filter: Filter): string {
  return `/runs/${encodeURIComponent(runId)}/data${query({ src: src === 'db' ? undefined : src, field: filter.field, op: filter.op, value: filter.value })}`;
}

export function studioReportLinks(runId: string, src: string): ReportLinks {
  return {
    records(filter) {
      const f = browserFilter(filter);
      return f ? datasetLink(runId, src, f) : undefined;
    },
    // Ids in metrics.json are the records' `_id`: in a run, its record index.
    record: (id) => (/^\d{1,15}$/.test(id) ? `/runs/${encodeURIComponent(runId)}/records/${Number(id)}` : undefined),
  };
}
