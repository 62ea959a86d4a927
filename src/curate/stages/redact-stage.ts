/**
 * `stage: redact`: removes personal data from every record it sees: each PII span in any string
 * of the record (nested fields and `_sources` included) is masked ("[PHONE]") or replaced by a
 * consistent fake of its type (mode `replace`, the default: the same real value gets the same fake
 * across the run). The record's data is replaced by the redacted copy, so later stages and every
 * output file see only redacted values; where each replacement stands is kept in `_redactions`.
 *
 * The map from real to fake values and the key fakes are drawn with stay in the curation's
 * directory under private/ (safety/redact/redaction-vault.ts), never in curated.jsonl or exports.
 * Put this stage first: a record dropped before it keeps its original text in all.jsonl.
 */
import { z } from 'zod';
import { PII_TYPES } from '../../safety/pii/types.js';
import { openRedactionVault } from '../../safety/redact/redaction-vault.js';
import { Redactor } from '../../safety/redact/redactor.js';
import { defineStage } from '../curate-stage.js';
import { failed, kept } from '../curation-record.js';
import { commonFields, fraction } from '../stage-fields.js';

export const redactStage = defineStage({
  kind: 'redact',
  schema: z
    .object({
      ...commonFields,
      stage: z.literal('redact'),
      /** `replace` (consistent fakes of the same type, default) or `mask` ("[PHONE]"). */
      mode: z.enum(['mask', 'replace']).optional(),
      /** PII types to redact; default all. */
      types: z.array(z.enum(PII_TYPES)).min(1).optional(),
      /** Spans below this confidence are left (default 0.5, what the privacy report counts). */
      min_confidence: fraction.optional(),
    })
    .strict(),
  async run(records, stage, context) {
    if (!context.out) throw new Error('the redact stage needs the curation output directory for its private map');
    const vault = openRedactionVault(context.out);
    const redactor = new Redactor({ mode: stage.mode, types: stage.types, minConfidence: stage.min_confidence, key: vault.key });
    const outcomes = records.map((record) => {
      const { record: redacted, spans } = redactor.redactRecord(record.data);
      record.data = redacted;
      const signals = { pii_spans: spans.length };
      if (spans.length === 0 || stage.action === undefined) return kept(signals);
      const types = [...new Set(spans.map((s) => s.type))].sort();
      return failed(stage.action, ['personal data redacted'], { detail: types.join(', '), signals });
    });
    await vault.saveMap(redactor.mapEntries());
    return { outcomes };
  },
});
