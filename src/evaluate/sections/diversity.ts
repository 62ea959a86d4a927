/**
 * Diversity of the text columns (`diversity:` in evaluate.yaml): per column, distinct-n,
 * Self-BLEU, compression ratio, repetition, repeated phrases, exact duplicates and lengths
 * (column-diversity.ts); and, given embeddings (a record field, or an embedder over the first
 * text column), the Vendi score and nearest-neighbour similarity over a seeded sample.
 * metrics.json: `diversity` (per column) and `embeddings`; report: Diversity and Lengths.
 */
import { z } from 'zod';
import { getPath } from '../../core/field-path.js';
import type { Histogram, Summary } from '../../core/quantiles.js';
import { embedAll } from '../../models/embedders.js';
import { ColumnDiversityAccumulator, type ColumnDiversity } from '../column-diversity.js';
import { fieldPath, positiveInt } from '../config-fields.js';
import type { CoreMetrics } from '../core-metrics.js';
import { defineMetric } from '../evaluation-metric.js';
import { nearestNeighbourSimilarity } from '../metrics/nearest-neighbour.js';
import { vendiScore } from '../metrics/vendi.js';
import { card, formatNumber as num, formatPercent as pct, html, table, type Html } from '../report/html.js';
import { histogramSvg } from '../report/svg-charts.js';
import { Reservoir } from '../reservoir.js';

export const DIVERSITY_DEFAULTS = {
  /** Embeddings kept (seeded reservoir) for Vendi and nearest-neighbour, which compare every pair. */
  embeddingSample: 5000,
} as const;

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

export interface DiversityEntries {
  diversity: Record<string, ColumnDiversity>;
  embeddings: EmbeddingDiversity | null;
}

export const diversityMetric = defineMetric({
  name: 'diversity',
  config: {
    diversity: z
      .object({
        /** Self-BLEU hypotheses scored (seeded sample); default 500 (Texygen's fast mode). */
        self_bleu_sample: positiveInt.optional(),
        /** Texts kept per column for Self-BLEU references (seeded reservoir); default 2,000. */
        self_bleu_references: positiveInt.optional(),
        /** Repeated n-grams listed per column; default 20. */
        top_ngrams: positiveInt.optional(),
        /** N-gram length of the repeated-phrase list; default 3. */
        ngram: z.number().int().min(1).max(8).optional(),
        /** A record field holding an embedding (number array), e.g. `_embedding.feedback`. */
        embedding_field: fieldPath.optional(),
        /** Or embed the first text column's sampled texts with this embedder (local:/path/model.gguf, openai:<model>[@<base_url>]). */
        embed: z.string().min(1).optional(),
        /** Embeddings kept (seeded reservoir) for Vendi and nearest-neighbour; default 5,000. */
        embedding_sample: positiveInt.optional(),
      })
      .strict()
      .optional(),
  },
  start({ diversity: settings }, run) {
    const columns = new Map(
      run.columns.map((column) => [
        column,
        new ColumnDiversityAccumulator(column, {
          seed: run.seed,
          selfBleuSample: settings?.self_bleu_sample,
          selfBleuReferences: settings?.self_bleu_references,
          topNgrams: settings?.top_ngrams,
          ngram: settings?.ngram,
        }),
      ]),
    );
    const embeddingField = run.overrides.embeddingsField ?? settings?.embedding_field;
    // With an embedder, a seeded sample of the first text column is embedded after the pass.
    const embedSpec = embeddingField ? undefined : settings?.embed;
    const embedColumn = run.columns[0];
    const sample = settings?.embedding_sample ?? DIVERSITY_DEFAULTS.embeddingSample;
    const embeddings = new Reservoir<{ id: string; vector: number[] }>(sample, `${run.seed}/embeddings`);
    const toEmbed = new Reservoir<{ id: string; text: string }>(sample, `${run.seed}/embeddings`);
    const eachText = (record: Record<string, unknown>, use: (acc: ColumnDiversityAccumulator, text: string) => void) => {
      for (const acc of columns.values()) {
        const text = getPath(record, acc.column);
        if (typeof text === 'string' && text !== '') use(acc, text);
      }
    };
    return {
      add(record, id) {
        eachText(record, (acc, text) => acc.add(text));
        if (embeddingField) {
          const vector = getPath(record, embeddingField);
          if (Array.isArray(vector) && vector.length > 0 && vector.every((x) => typeof x === 'number')) embeddings.add({ id, vector: vector as number[] });
        } else if (embedSpec && embedColumn) {
          const text = getPath(record, embedColumn);
          if (typeof text === 'string' && text !== '') toEmbed.add({ id, text });
        }
      },
      // Exact counts of the repeated n-gram candidates the first pass found.
      recount() {
        if (![...columns.values()].some((acc) => acc.needsRecount)) return undefined;
        for (const acc of columns.values()) acc.startRecount();
        return (record) => eachText(record, (acc, text) => acc.recount(text));
      },
      async finish(): Promise<DiversityEntries> {
        if (embedSpec && toEmbed.items.length > 0) {
          run.progress(`embedding ${toEmbed.items.length} texts of ${embedColumn} with ${embedSpec}`);
          const vectors = await embedAll(
            embedSpec,
            toEmbed.items.map((item) => item.text),
          );
          toEmbed.items.forEach((item, i) => {
            embeddings.add({ id: item.id, vector: vectors[i] });
          });
        }
        const label = embeddingField ?? (embedSpec ? `${embedColumn} (${embedSpec})` : undefined);
        const total = embedSpec ? toEmbed.total : embeddings.total;
        return {
          diversity: Object.fromEntries([...columns].map(([column, acc]) => [column, acc.result()])),
          embeddings:
            label && embeddings.items.length > 0
              ? measureEmbeddings(
                  label,
                  embeddings.items.map((e) => e.vector),
                  total,
                  run.seed,
                )
              : null,
        };
      },
    };
  },
  report: {
    cards(m) {
      const column = m.columns[0];
      const first = column ? m.diversity[column] : undefined;
      if (!first) return [];
      return [
        card(`distinct-2 · ${column}`, num(first.distinct_2)),
        card(`self-BLEU · ${column}`, num(first.self_bleu)),
        card(`compression · ${column}`, num(first.compression_ratio)),
      ];
    },
    sections: (m) => [diversitySection(m), lengthsSection(m)],
  },
});

function measureEmbeddings(field: string, vectors: number[][], total: number, seed: number): EmbeddingDiversity {
  const nn = nearestNeighbourSimilarity(vectors);
  return {
    field,
    items: total,
    sampled: vectors.length,
    vendi: vendiScore(vectors, { seed: `${seed}/vendi` }),
    nearest_neighbour: nn.summary,
    nearest_neighbour_histogram: nn.histogram,
    near_duplicates: nn.nearDuplicates,
  };
}

function diversitySection(m: CoreMetrics & DiversityEntries): Html {
  if (m.columns.length === 0)
    return html`<section id="diversity"><h2>Diversity</h2><p class="note">No text columns: name them under <code>columns</code> in the config.</p></section>`;
  const rows = m.columns.map((c) => {
    const d = m.diversity[c];
    return [
      html`<code>${c}</code>`,
      num(d.texts),
      num(d.distinct_1),
      num(d.distinct_2),
      num(d.distinct_3),
      num(d.distinct_4),
      num(d.self_bleu),
      num(d.compression_ratio),
      num(d.repetition),
      num(d.duplicate_texts),
      num(d.words.mean),
    ];
  });
  const ngrams = m.columns.map((c) => {
    const top = m.diversity[c].top_ngrams;
    if (top.length === 0) return html``;
    return html`<h3>Most repeated phrases · ${c}</h3>${table(
      ['phrase', 'records', 'share'],
      top.slice(0, 15).map((t) => [t.ngram, num(t.records), pct(t.share)]),
      { numeric: [1, 2] },
    )}`;
  });
  const emb = m.embeddings;
  return html`<section id="diversity"><h2>Diversity</h2>
<p class="note">distinct-n: distinct / total n-grams (higher is more diverse). Self-BLEU: mean BLEU of sampled texts against the others (lower is more diverse). Compression: raw / gzip size (natural prose ≈ 2.5–3; higher is more repetitive). Repetition: mean share of a text's 4-grams repeating an earlier one.</p>
${table(['column', 'texts', 'distinct-1', 'distinct-2', 'distinct-3', 'distinct-4', 'self-BLEU', 'compression', 'repetition', 'exact duplicates', 'mean words'], rows, { numeric: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] })}
${emb ? html`<h3>Embeddings · <code>${emb.field}</code></h3><div class="charts"><div class="chart-box">${table(['Vendi score', 'items (sampled)', 'median NN similarity', 'near-duplicates (≥ 0.95)'], [[num(emb.vendi), `${num(emb.items)} (${num(emb.sampled)})`, num(emb.nearest_neighbour.p50), num(emb.near_duplicates)]], { numeric: [0, 1, 2, 3] })}</div><div class="chart-box"><h3>Nearest-neighbour cosine similarity</h3>${histogramSvg(emb.nearest_neighbour_histogram, { title: 'nearest-neighbour similarity', xLabel: 'cosine similarity' })}</div></div>` : ''}
${ngrams}</section>`;
}

function lengthsSection(m: CoreMetrics & DiversityEntries): Html {
  if (m.columns.length === 0) return html``;
  return html`<section id="lengths"><h2>Lengths</h2><div class="charts">${m.columns.map((c) => {
    const d = m.diversity[c];
    return html`<div class="chart-box"><h3>${c} · words (median ${num(d.words.p50)}, p95 ${num(d.words.p95)})</h3>${histogramSvg(d.words_histogram, { title: `${c} length in words`, xLabel: 'words', integerEdges: true })}</div>`;
  })}</div></section>`;
}
