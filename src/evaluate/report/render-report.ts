/**
 * The quality report: one self-contained HTML page (inline CSS, inline SVG, no script), built
 * from metrics.json's numbers so the page and the file never disagree. Sections are left out when
 * their metric was not measured. All record text is escaped (see html.ts).
 */
import type { EvaluationMetrics } from '../evaluation-metrics.js';
import { formatNumber as num, formatPercent as pct, highlight, html, Html, table } from './html.js';
import { REPORT_CSS } from './styles.js';
import { barsSvg, heatmapSvg, histogramSvg } from './svg-charts.js';

export function renderReport(m: EvaluationMetrics): string {
  const sections = [headline(m), thresholds(m), diversity(m), lengths(m), judge(m), coverage(m), bias(m), factualness(m), privacy(m), relevance(m), models(m)];
  return page(`Quality report: ${m.input}`, html`
<header class="top"><h1>Quality report</h1><div class="muted"><code>${m.input}</code> · ${num(m.records)} records · text columns: ${m.columns.join(', ') || 'none found'}</div></header>
${sections}`);
}

export function page(title: string, body: Html): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html`${title}`}</title><style>${REPORT_CSS}</style></head>
<body><main>${body}</main></body></html>
`;
}

function card(label: string, value: string, tone?: 'bad' | 'good'): Html {
  return html`<div class="card${tone ? new Html(` ${tone}`) : ''}"><div class="label">${label}</div><div class="value">${value}</div></div>`;
}

function headline(m: EvaluationMetrics): Html {
  const first = m.columns[0] ? m.diversity[m.columns[0]] : undefined;
  const cards = [
    card('status', m.passed ? 'passed' : 'failed', m.passed ? 'good' : 'bad'),
    card('records', num(m.records)),
    first ? card(`distinct-2 · ${m.columns[0]}`, num(first.distinct_2)) : '',
    first ? card(`self-BLEU · ${m.columns[0]}`, num(first.self_bleu)) : '',
    first ? card(`compression · ${m.columns[0]}`, num(first.compression_ratio)) : '',
    card('PII spans', num(m.pii.total), m.pii.total > 0 ? 'bad' : undefined),
    m.judge ? card('mean judge score', num(m.judge.scores.mean)) : '',
    m.factualness ? card('faithfulness', pct(m.factualness.faithfulness)) : '',
    m.leakage ? card('longest shared span', `${num(m.leakage.longest_span.max)} words`) : '',
    m.relevance ? card('TSTR macro-F1', num(m.relevance.tstr.synthetic.macroF1)) : '',
  ];
  return html`<section id="summary"><div class="cards">${cards}</div></section>`;
}

function thresholds(m: EvaluationMetrics): Html {
  if (m.thresholds.length === 0) return html``;
  const failed = m.thresholds.filter((t) => !t.passed);
  const rows = m.thresholds.map(
    (t) => html`<tr class="${t.passed ? '' : 'failed'}"><td><code>${t.metric}</code></td><td class="num">${num(t.value)}</td><td class="num">${t.min ?? '–'}</td><td class="num">${t.max ?? '–'}</td><td><span class="status ${t.passed ? 'pass' : 'fail'}">${t.passed ? 'pass' : 'FAIL'}</span></td></tr>`,
  );
  return html`<section id="thresholds"><h2>Thresholds</h2>
${failed.length ? html`<ul class="failed">${failed.map((t) => html`<li>${t.message}</li>`)}</ul>` : html`<p><span class="status pass">all ${m.thresholds.length} thresholds passed</span></p>`}
<div class="table-wrap"><table><thead><tr><th>metric</th><th class="num">value</th><th class="num">min</th><th class="num">max</th><th>result</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

function diversity(m: EvaluationMetrics): Html {
  if (m.columns.length === 0) return html`<section id="diversity"><h2>Diversity</h2><p class="note">No text columns: name them under <code>columns</code> in the config.</p></section>`;
  const rows = m.columns.map((c) => {
    const d = m.diversity[c];
    return [html`<code>${c}</code>`, num(d.texts), num(d.distinct_1), num(d.distinct_2), num(d.distinct_3), num(d.distinct_4), num(d.self_bleu), num(d.compression_ratio), num(d.repetition), num(d.duplicate_texts), num(d.words.mean)];
  });
  const ngrams = m.columns.map((c) => {
    const top = m.diversity[c].top_ngrams;
    if (top.length === 0) return html``;
    return html`<h3>Most repeated phrases · ${c}</h3>${table(['phrase', 'records', 'share'], top.slice(0, 15).map((t) => [t.ngram, num(t.records), pct(t.share)]), { numeric: [1, 2] })}`;
  });
  const emb = m.embeddings;
  return html`<section id="diversity"><h2>Diversity</h2>
<p class="note">distinct-n: distinct / total n-grams (higher is more diverse). Self-BLEU: mean BLEU of sampled texts against the others (lower is more diverse). Compression: raw / gzip size (natural prose ≈ 2.5–3; higher is more repetitive). Repetition: mean share of a text's 4-grams repeating an earlier one.</p>
${table(['column', 'texts', 'distinct-1', 'distinct-2', 'distinct-3', 'distinct-4', 'self-BLEU', 'compression', 'repetition', 'exact duplicates', 'mean words'], rows, { numeric: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] })}
${emb ? html`<h3>Embeddings · <code>${emb.field}</code></h3><div class="charts"><div class="chart-box">${table(['Vendi score', 'items (sampled)', 'median NN similarity', 'near-duplicates (≥ 0.95)'], [[num(emb.vendi), `${num(emb.items)} (${num(emb.sampled)})`, num(emb.nearest_neighbour.p50), num(emb.near_duplicates)]], { numeric: [0, 1, 2, 3] })}</div><div class="chart-box"><h3>Nearest-neighbour cosine similarity</h3>${histogramSvg(emb.nearest_neighbour_histogram, { title: 'nearest-neighbour similarity', xLabel: 'cosine similarity' })}</div></div>` : ''}
${ngrams}</section>`;
}

function lengths(m: EvaluationMetrics): Html {
  if (m.columns.length === 0) return html``;
  return html`<section id="lengths"><h2>Lengths</h2><div class="charts">${m.columns.map((c) => {
    const d = m.diversity[c];
    return html`<div class="chart-box"><h3>${c} · words (median ${num(d.words.p50)}, p95 ${num(d.words.p95)})</h3>${histogramSvg(d.words_histogram, { title: `${c} length in words`, xLabel: 'words', integerEdges: true })}</div>`;
  })}</div></section>`;
}

function judge(m: EvaluationMetrics): Html {
  if (!m.judge) return html``;
  const j = m.judge;
  return html`<section id="judge"><h2>Judge scores</h2><p class="note"><code>${j.field}</code>: ${num(j.scores.count)} scores, mean ${num(j.scores.mean)}, median ${num(j.scores.p50)}.</p>
<div class="chart-box">${histogramSvg(j.histogram, { title: 'judge scores', xLabel: 'score' })}</div></section>`;
}

function coverage(m: EvaluationMetrics): Html {
  const cols = Object.values(m.coverage.columns);
  if (cols.length === 0 && !m.coverage.heatmap) return html``;
  const rows = cols.map((c) => [
    html`<code>${c.column}</code>`,
    num(c.distinct),
    num(c.entropy),
    num(c.normalizedEntropy),
    c.target ? num(c.target.totalVariation) : '–',
    c.target ? num(c.target.kl) : '–',
    c.target?.missing.length ? c.target.missing.join(', ') : '–',
    c.counts.slice(0, 4).map((v) => `${v.value} (${pct(v.share)})`).join(', ') + (c.counts.length > 4 ? ', …' : ''),
  ]);
  const combos = m.coverage.combinations.map((c) =>
    html`<h3>${c.columns.join(' × ')}: ${num(c.observed)} of ${num(c.possible)} combinations (${pct(c.coverage)})</h3>${
      c.missing && c.missing.length ? html`<p class="note">Missing: ${c.missing.slice(0, 40).map((v) => v.join(' × ')).join('; ')}${c.missing.length > 40 ? ` … and ${c.missing.length - 40} more` : ''}</p>` : ''
    }`,
  );
  let heat: Html | string = '';
  const h = m.coverage.heatmap;
  if (h) {
    const rowsV = orderedValues(h.combinations.map((c) => [c.values[0], c.count]), h.missing?.map((v) => v[0]));
    const colsV = orderedValues(h.combinations.map((c) => [c.values[1], c.count]), h.missing?.map((v) => v[1]));
    const counts = new Map(h.combinations.map((c) => [`${c.values[0]}\u0000${c.values[1]}`, c.count]));
    heat = rowsV.length <= 40 && colsV.length <= 40
      ? html`<h3>Heat map: ${h.columns[0]} × ${h.columns[1]} (red cells were never produced)</h3><div class="chart-box">${heatmapSvg(rowsV, colsV, counts, { title: `${h.columns[0]} by ${h.columns[1]}`, rowLabel: h.columns[0], columnLabel: h.columns[1] })}</div>`
      : html`<p class="note">Heat map of ${h.columns.join(' × ')} left out: too many values.</p>`;
  }
  return html`<section id="coverage"><h2>Attribute coverage</h2>
<p class="note">Normalised entropy: 1 = perfectly even. Total variation: share of records that would have to change value to match the recipe's weights.</p>
${rows.length ? table(['attribute', 'values', 'entropy', 'evenness', 'TV vs target', 'KL vs target', 'missing values', 'top values'], rows, { numeric: [1, 2, 3, 4, 5] }) : ''}
${heat}${combos}</section>`;
}

/** Values most frequent first, then values seen only among the missing combinations. */
function orderedValues(pairs: [string, number][], extra: string[] | undefined): string[] {
  const totals = new Map<string, number>();
  for (const [v, c] of pairs) totals.set(v, (totals.get(v) ?? 0) + c);
  for (const v of extra ?? []) if (!totals.has(v)) totals.set(v, 0);
  return [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
}

function bias(m: EvaluationMetrics): Html {
  const b = m.bias;
  if (!b) return html``;
  const gaps = b.gaps.slice(0, 8);
  const charts = b.gaps.slice(0, 4).map((gap) => {
    const column = b.columns.find((c) => c.column === gap.column)!;
    const rows = column.groups
      .filter((g) => g.means[gap.signal] !== null)
      .map((g) => ({ label: `${g.value} (n=${g.count})`, value: g.means[gap.signal]!, highlight: g.value === gap.highest.group || g.value === gap.lowest.group }));
    return html`<div class="chart-box"><h3>${gap.signal} by ${gap.column}</h3>${barsSvg(rows, { title: `${gap.signal} by ${gap.column}`, width: 520 })}</div>`;
  });
  return html`<section id="bias"><h2>Bias audit</h2>
<p class="note">Per-group means of each signal; gap = highest − lowest group mean, relative to the overall mean. Descriptive, not a significance test.</p>
${gaps.length ? table(['group column', 'signal', 'highest', 'lowest', 'gap', 'relative gap'], gaps.map((g) => [html`<code>${g.column}</code>`, html`<code>${g.signal}</code>`, `${g.highest.group} (${num(g.highest.mean)})`, `${g.lowest.group} (${num(g.lowest.mean)})`, num(g.gap), pct(g.relativeGap)]), { numeric: [4, 5] }) : html`<p class="note">No gaps: fewer than two groups with values.</p>`}
<div class="charts">${charts}</div>
${b.columns.map((c) => html`<h3>${c.column}: records per group</h3><p class="note">${c.groups.map((g) => `${g.value}: ${num(g.count)}`).join(' · ')}</p>`)}</section>`;
}

function factualness(m: EvaluationMetrics): Html {
  const f = m.factualness;
  const c = m.consistency;
  if (!f && !c) return html``;
  const verdictRows = f
    ? f.records.slice(0, 30).flatMap((r) => r.claims.map((claim, i) => [i === 0 ? r.record : '', i === 0 ? pct(r.faithfulness) : '', claim.claim, html`<span class="status ${claim.verdict === 'supported' ? 'pass' : 'fail'}">${claim.verdict}</span>`, claim.evidence]))
    : [];
  return html`<section id="factualness"><h2>Factualness</h2>
${f ? html`<p class="note">Claims of <code>${f.field}</code> checked against each record's passages by <code>${f.model}</code>: ${num(f.records_checked)} records (${num(f.records_skipped)} without passages skipped).</p>
${table(['claims', 'supported', 'contradicted', 'not found', 'errors', 'faithfulness', 'mean per record'], [[num(f.claims), num(f.supported), num(f.contradicted), num(f.not_found), num(f.errors), pct(f.faithfulness), pct(f.mean_record_faithfulness)]], { numeric: [0, 1, 2, 3, 4, 5, 6] })}
${verdictRows.length ? table(['record', 'faithfulness', 'claim', 'verdict', 'evidence'], verdictRows) : ''}` : ''}
${c ? html`<h3>Consistency across records</h3><p class="note">${num(c.candidate_pairs)} candidate pairs sharing entities; ${num(c.pairs_checked)} checked; ${num(c.contradictions)} contradictions (${pct(c.contradiction_rate)}).</p>
${c.examples.length ? table(['records', 'shared', 'text A', 'text B', 'evidence'], c.examples.map((e) => [`${e.a} / ${e.b}`, e.shared.join(', '), html`<div class="snippet">${e.text_a}</div>`, html`<div class="snippet">${e.text_b}</div>`, e.evidence])) : ''}` : ''}
</section>`;
}

function privacy(m: EvaluationMetrics): Html {
  const p = m.pii;
  const byType = Object.entries(p.by_type).sort((a, b) => b[1] - a[1]);
  const leak = m.leakage;
  const can = m.canaries;
  return html`<section id="privacy"><h2>Privacy</h2>
<p class="note">PII scanned in ${p.fields.map((f) => f).join(', ') || 'no fields'}: ${num(p.total)} spans in ${num(p.records_with_pii)} of ${num(p.records)} records.</p>
${byType.length ? table(['type', 'spans'], byType.map(([t, n]) => [t, num(n)]), { numeric: [1] }) : ''}
${p.examples.length ? html`<h3>Examples</h3>${table(['record', 'field', 'type', 'confidence', 'context'], p.examples.map((e) => [e.record, e.field, e.type, num(e.confidence, 2), html`<div class="snippet">${highlight(e.context, e.start, e.end, e.type)}</div>`]), { numeric: [3] })}` : ''}
${leak ? html`<h3>Leakage against <code>${leak.reference}</code></h3>
<p class="note">${num(leak.texts)} texts of <code>${leak.column}</code> against ${num(leak.references)} reference records. Longest shared span in words; 8-gram overlap share; distance to closest record = 1 − best Jaccard of word 3-grams.</p>
${table(['measure', 'mean', 'median', 'p95', 'max'], [
  ['longest shared span (words)', num(leak.longest_span.mean), num(leak.longest_span.p50), num(leak.longest_span.p95), num(leak.longest_span.max)],
  ['8-gram overlap', num(leak.ngram_overlap.mean), num(leak.ngram_overlap.p50), num(leak.ngram_overlap.p95), num(leak.ngram_overlap.max)],
  ['distance to closest', num(leak.distance_to_closest.mean), num(leak.distance_to_closest.p50), num(leak.distance_to_closest.p95), num(leak.distance_to_closest.min)],
], { numeric: [1, 2, 3, 4] })}
<p class="note">(for distance, the last column is the minimum)</p>
${leak.worst.filter((w) => w.longest_span > 0).length ? table(['record', 'longest span', 'shared words', 'overlap', 'distance'], leak.worst.filter((w) => w.longest_span > 0).map((w) => [w.record, num(w.longest_span), html`<div class="snippet">${w.span}</div>`, num(w.overlap), num(w.distance)]), { numeric: [1, 3, 4] }) : ''}` : ''}
${can ? html`<h3>Canaries</h3><p class="${can.found > 0 ? 'status fail' : 'status pass'}">${num(can.found)} of ${num(can.checked)} canaries found</p>
${can.hits.length ? table(['canary', 'records', 'match'], can.hits.map((h) => [h.canary, h.records.join(', '), h.loose_only ? 'reformatted' : 'exact'])) : ''}` : ''}
</section>`;
}

function relevance(m: EvaluationMetrics): Html {
  const r = m.relevance;
  if (!r) return html``;
  const rows: unknown[][] = [['train on synthetic', num(r.synthetic_examples), num(r.tstr.synthetic.accuracy), num(r.tstr.synthetic.macroF1)]];
  if (r.tstr.real) rows.push(['train on real', '', num(r.tstr.real.accuracy), num(r.tstr.real.macroF1)]);
  if (r.tstr.ratio) rows.push(['ratio synthetic / real', '', num(r.tstr.ratio.accuracy), num(r.tstr.ratio.macroF1)]);
  return html`<section id="relevance"><h2>Relevance: train on synthetic, test on real</h2>
<p class="note">Naive Bayes (unigrams + bigrams) trained on each set, tested on ${num(r.test_examples)} records of <code>${r.test_file}</code>.</p>
${table(['model', 'training examples', 'accuracy', 'macro-F1'], rows, { numeric: [1, 2, 3] })}</section>`;
}

function models(m: EvaluationMetrics): Html {
  if (m.models.length === 0) return html``;
  return html`<section id="models"><h2>Model usage</h2>${table(['model', 'calls', 'cached', 'input tokens', 'output tokens', 'cost'], m.models.map((u) => [u.model, num(u.calls), num(u.cachedCalls), num(u.inputTokens), num(u.outputTokens), u.cost === undefined ? '–' : `$${u.cost.toFixed(4)}`]), { numeric: [1, 2, 3, 4, 5] })}</section>`;
}
