/**
 * The `export:` section of a recipe (and `synthkit export --with export.yaml`): which training
 * formats to write, how record fields map to turns, preference pairs, weights, splits,
 * decontamination and the dataset card's facts.
 */
import { z } from 'zod';
import { exportMappingSchema } from './export-mapping.js';
import { preferenceSchema } from './preference-pairs.js';
import { splitSchema } from './split-examples.js';

export const cardSchema = z
  .object({
    pretty_name: z.string().min(1).optional(),
    description: z.string().min(1).optional(),
    /** SPDX-style id the Hub knows (apache-2.0, mit, cc-by-4.0, other). Default: other. */
    license: z.string().min(1).optional(),
    /** ISO 639-1 codes (default [en]). */
    language: z.array(z.string().min(2)).optional(),
    /** Hub task categories (default [text-generation]). */
    task_categories: z.array(z.string().min(1)).optional(),
    tags: z.array(z.string().min(1)).optional(),
    intended_use: z.string().min(1).optional(),
    limitations: z.string().min(1).optional(),
  })
  .strict();

export const exportConfigSchema = z
  .object({
    /** Training formats to write (see `synthkit export --list-formats`), plus `raw` for the columns as they are. */
    formats: z.array(z.string().min(1)).min(1),
    mapping: exportMappingSchema.optional(),
    preference: preferenceSchema.optional(),
    /** Flagged records are left out unless a reviewer accepted them; set true to include them all. */
    include_flagged: z.boolean().optional(),
    /**
     * How curation weights travel: `native` (default: the format's own way, see each format),
     * `repeat` (each example written round(weight) times, for formats with no weight), `none`.
     */
    weights: z.enum(['native', 'repeat', 'none']).optional(),
    split: splitSchema.optional(),
    /** Leave out examples sharing a 13-word n-gram with a benchmark (JSONL, JSON array or text file, one item per line). */
    decontaminate: z
      .object({
        benchmark: z.string().min(1),
        /** JSONL field(s) holding benchmark text (default: every string value of the item). */
        fields: z.array(z.string().min(1)).optional(),
        n: z.number().int().min(1).optional(),
      })
      .strict()
      .optional(),
    /** Output directory (default <run-dir>/export). */
    out: z.string().min(1).optional(),
    card: cardSchema.optional(),
  })
  .strict();

export type ExportConfig = z.infer<typeof exportConfigSchema>;
export type ExportConfigInput = z.input<typeof exportConfigSchema>;
export type CardConfig = z.infer<typeof cardSchema>;
