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
import { defineStage, unknownModelIssue } from '../curate-stage.js';
import { failed, kept } from '../curation-record.js';
import { commonFields, fraction, modelName } from '../stage-fields.js';
import type { StageContext } from './stage-context.js';
import type { CurationRecord } from '../curation-record.js';
import { SynthkitError } from '../../core/synthkit-error.js';
import { mapConcurrent } from '../../core/map-concurrent.js';
import { findPiiWithModel, type ModelPiiValue } from '../../safety/pii/model-recognizer.js';
import type { PiiType } from '../../safety/pii/types.js';

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
      /** Also ask a model (defined under models) for names and addresses the rules miss. */
      model: z
        .object({ model: modelName, types: z.array(z.enum(PII_TYPES)).min(1).optional(), concurrency: z.number().int().min(1).optional() })
        .strict()
        .optional(),
    })
    .strict(),
  usesModels: (stage) => stage.model !== undefined,
  validate(stage, { config }) {
    const issue = stage.model && unknownModelIssue(stage.model.model, ['model', 'model'], config);
    return issue ? [issue] : [];
  },
  async run(records, stage, context) {
    if (!context.out) throw new Error('the redact stage needs the curation output directory for its private map');
    const vault = openRedactionVault(context.out);
    const redactor = new Redactor({ mode: stage.mode, types: stage.types, minConfidence: stage.min_confidence, key: vault.key });
    const extra = await modelFindings(records, redactor, stage.model, context);
    const outcomes = records.map((record, i) => {
      const { record: redacted, spans } = redactor.redactRecord(record.data, extra[i]);
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

/** What the model finds in each record's strings (empty lists without a model). A failed reply is an error: redaction must not silently do less. */
async function modelFindings(
  records: CurationRecord[],
  redactor: Redactor,
  settings: { model: string; types?: PiiType[]; concurrency?: number } | undefined,
  context: StageContext,
): Promise<ModelPiiValue[][]> {
  if (!settings || !context.session) return records.map(() => []);
  const session = context.session;
  return mapConcurrent(records, settings.concurrency ?? 4, async (record) => {
    const values: ModelPiiValue[] = [];
    for (const text of redactor.stringsOf(record.data)) {
      if (text.trim().length < 3) continue;
      const found = await findPiiWithModel(session, text, { model: settings.model, types: settings.types, seed: context.seed, signal: context.signal });
      if (!found.ok) throw new RedactModelError(`redact: the model '${settings.model}' gave no usable PII list for record ${record.id}: ${found.error}`);
      values.push(...found.values);
    }
    return values;
  });
}

export class RedactModelError extends SynthkitError {}
