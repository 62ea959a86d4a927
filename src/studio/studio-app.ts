/**
 * The studio as a Hono app: server-rendered pages, htmx fragments for live parts, and the review
 * actions. Runs are named by catalog id and files by position, so no request carries a path.
 */
import { Hono, type Context } from 'hono';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { STUDIO_CSS, STUDIO_JS } from './assets.js';
import { datasetQuerySchema } from './dataset-index.js';
import { html, type Html } from './html.js';
import { layout } from './layout.js';
import { studioGuard } from './security.js';
import { hasTable } from './read-only-run.js';
import { RunContext } from './run-context.js';
import { StudioError, type CatalogRun } from './run-catalog.js';
import { readRunStatus } from './run-status.js';
import { runsPage, statusRow } from './pages/runs-page.js';
import { runPage } from './pages/run-page.js';
import { datasetPage, datasetResults, type DatasetView } from './pages/dataset-page.js';
import { recordPage, type CallLineage, type CellLineage } from './pages/record-page.js';
import { conflictNotice, itemView, reviewPage, savedNotice, statsView, type ReviewItem, type ReviewStats } from './pages/review-page.js';
import { comparePage, reportPage } from './pages/report-page.js';
import { readCurationDecisions } from './curation-decisions.js';
import { studioReportLinks } from './report-links.js';
import { applyReview } from '../review/apply-review.js';
import { ReviewConflictError, ReviewError } from '../review/review-error.js';
import { reviewerAgreement } from '../review/reviewer-agreement.js';
import { writeReviewedFiles } from '../review/write-reviewed.js';
import { distinctLabels } from '../review/relabel.js';
import { getPath } from '../core/field-path.js';
import { comparisonRows, findMetricsFile } from '../evaluate/compare-evaluations.js';
import { renderComparison } from '../evaluate/report/render-comparison.js';
import { renderReport } from '../evaluate/report/render-report.js';
import { EVALUATION_METRICS } from '../evaluate/metric-registry.js';
import type { EvaluationMetrics } from '../evaluate/evaluation-metrics.js';

export interface StudioAppOptions {
  runs: readonly CatalogRun[];
  token: string;
  requireToken: boolean;
  /** Host header values accepted; a function because the port is known only once listening. */
  allowedHosts: () => ReadonlySet<string>;
  /** Name used for decisions when the page sends none. */
  reviewer?: string;
  /** The label column the review page offers (default: label, category, class, sentiment or intent). */
  labelField?: string;
}

const LABEL_GUESSES = ['label', 'category', 'class', 'sentiment', 'intent', 'topic'];

const decideForm = z.object({
  idx: z.coerce.number().int().min(0),
  baseVersion: z.coerce.number().int().min(0),
  pos: z.coerce.number().int().min(0).default(0),
  action: z.enum(['accept', 'reject', 'edit', 'label']),
  field: z.string().max(200).optional(),
  value: z.string().max(100_000).optional(),
  reason: z.string().max(2000).optional(),
  reviewer: z.string().max(100).optional(),
  double: z.string().optional(),
});

export function createStudioApp(options: StudioAppOptions): { app: Hono; close: () => void } {
  const contexts = new Map<string, RunContext>();
  const byId = new Map(options.runs.map((r) => [r.id, r]));
  const htmxFile = createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js');
  const htmx = readFileSync(htmxFile, 'utf8');
  const context = (id: string): RunContext => {
    const run = byId.get(id);
    if (!run) throw new StudioError(`no run '${id}' in this studio`);
    let ctx = contexts.get(id);
    if (!ctx) contexts.set(id, (ctx = new RunContext(run)));
    return ctx;
  };
  const page = (c: Context, title: string, body: Html) => c.html(layout(title, body, { reviewer: options.reviewer }));
  const isHx = (c: Context) => c.req.header('hx-request') === 'true';

  const app = new Hono();
  app.use('*', studioGuard(options));
  app.onError((error, c) => {
    if (StudioError.isInstance(error) || ReviewError.isInstance(error)) return c.html(html`<p class="bad" role="alert">${error.message}</p>`.value, 400);
    console.error(error);
    return c.text('internal error (see the studio console)', 500);
  });

  app.get('/static/htmx.min.js', (c) => c.body(htmx, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/static/studio.js', (c) => c.body(STUDIO_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/static/studio.css', (c) => c.body(STUDIO_CSS, 200, { 'content-type': 'text/css; charset=utf-8' }));

  app.get('/', (c) => page(c, 'Runs', runsPage(options.runs)));

  app.get('/runs/:id/status', (c) => {
    const ctx = context(c.req.param('id'));
    return c.html(statusRow(ctx.run, readRunStatus(ctx.run.dir, ctx.db, ctx.samples, ctx.counts)).value);
  });

  app.get('/runs/:id', (c) => {
    const ctx = context(c.req.param('id'));
    return page(c, ctx.run.name, runPage(ctx.run, ctx.files(), ctx.reports()));
  });

  app.get('/runs/:id/data', async (c) => {
    const ctx = context(c.req.param('id'));
    const src = c.req.query('src') || 'db';
    const parsed = datasetQuerySchema.safeParse(c.req.query());
    if (!parsed.success) throw new StudioError(`bad browser query: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const { index, title } = await ctx.index(src);
    const view: DatasetView = { run: ctx.run, src, title, q: parsed.data, page: index.query(parsed.data), piiProgress: index.piiProgress };
    return isHx(c) ? c.html(datasetResults(view).value) : page(c, title, datasetPage(view));
  });

  app.get('/runs/:id/records/:idx', async (c) => {
    const ctx = context(c.req.param('id'));
    const idx = z.coerce.number().int().min(0).parse(c.req.param('idx'));
    const src = c.req.query('src');
    let record: Record<string, unknown> | undefined;
    if (src && src !== 'db') {
      const { index } = await ctx.index(src);
      record = index.row(
        z.coerce
          .number()
          .int()
          .min(0)
          .parse(c.req.query('row') ?? '0'),
      );
    } else {
      const row = ctx.db.prepare<[number], { data: string; valid: number; errors: string }>('SELECT data, valid, errors FROM records WHERE idx = ?').get(idx);
      if (row) record = { _id: idx, ...JSON.parse(row.data), _valid: row.valid === 1, _errors: JSON.parse(row.errors) };
    }
    if (!record) throw new StudioError(`no record ${idx} in ${ctx.run.name}`);
    const { cells, calls, promptsKept } = lineage(ctx, idx);
    const history = hasTable(ctx.db, 'review_decisions') ? ctx.store().history(idx) : [];
    return page(c, `record ${idx}`, recordPage({ run: ctx.run, idx, record, cells, calls, promptsKept, trail: ctx.trail(idx), history }));
  });

  const reviewStats = async (ctx: RunContext): Promise<ReviewStats> => {
    const { records } = await ctx.reviewData();
    const store = ctx.store();
    const reviewed = store.reviewedIndexes().size;
    return {
      total: records.length,
      reviewed,
      remaining: records.length - reviewed,
      agreement: reviewerAgreement(store.standing()),
      byReviewer: store.countsByReviewer(),
    };
  };

  /** The record at `pos` among those this reviewer still has to see (or record `idx` when given). */
  const reviewItem = async (ctx: RunContext, reviewer: string, pos: number, double: boolean, idx?: number): Promise<ReviewItem | undefined> => {
    const data = await ctx.reviewData();
    const store = ctx.store();
    let item = idx === undefined ? undefined : (data.queue.find((q) => q.runIdx === idx) ?? { runIdx: idx, score: 0, reasons: [] });
    let at = pos;
    if (item === undefined) {
      const standing = store.standing();
      const todo = data.queue.filter((q) => {
        const decisions = standing.get(q.runIdx);
        if (!double) return !decisions;
        return decisions !== undefined && !decisions.some((d) => d.reviewer === reviewer);
      });
      if (todo.length === 0) return undefined;
      at = Math.min(pos, todo.length - 1);
      item = todo[at];
    }
    const original = data.byId.get(item.runIdx);
    if (!original) throw new StudioError(`no record ${item.runIdx} in ${ctx.run.name}`);
    const standing = store.standing().get(item.runIdx) ?? [];
    const { _aux, ...rest } = original;
    const record = applyReview(rest, standing);
    if (_aux !== undefined) record._aux = _aux;
    const labelField = options.labelField ?? LABEL_GUESSES.find((f) => data.records.slice(0, 100).some((r) => typeof r[f] === 'string')) ?? 'label';
    return {
      idx: item.runIdx,
      pos: at,
      double,
      record,
      version: store.versionOf(item.runIdx),
      reasons: item.reasons,
      score: item.score,
      history: store.history(item.runIdx),
      labelField,
      labels: distinctLabels(data.records.slice(0, 10_000), labelField).slice(0, 50),
    };
  };

  const reviewerOf = (given: string | undefined) => given?.trim() || options.reviewer || '';

  app.get('/runs/:id/review', async (c) => {
    const ctx = context(c.req.param('id'));
    const double = c.req.query('double') === '1';
    const idx = c.req.query('idx');
    const reviewer = reviewerOf(c.req.query('reviewer'));
    const item = await reviewItem(ctx, reviewer, 0, double, idx === undefined ? undefined : z.coerce.number().int().min(0).parse(idx));
    return page(c, 'Review', reviewPage(ctx.run, await reviewStats(ctx), item, double));
  });

  app.get('/runs/:id/review/item', async (c) => {
    const ctx = context(c.req.param('id'));
    const double = c.req.query('double') === '1';
    const pos = z.coerce
      .number()
      .int()
      .min(0)
      .parse(c.req.query('pos') ?? '0');
    const item = await reviewItem(ctx, reviewerOf(c.req.query('reviewer')), pos, double);
    return c.html(itemView(ctx.run, item, double).value);
  });

  app.post('/runs/:id/review/decide', async (c) => {
    const ctx = context(c.req.param('id'));
    const form = decideForm.parse(await c.req.parseBody());
    const reviewer = reviewerOf(form.reviewer);
    const double = form.double === '1';
    if (!reviewer)
      return c.html(
        html`<p class="conflict" role="alert">Give your name in the Reviewer box (top right) before deciding.</p>${itemView(ctx.run, await reviewItem(ctx, reviewer, form.pos, double, form.idx), double)}`
          .value,
        400,
      );
    const data = await ctx.reviewData();
    const current = data.byId.get(form.idx);
    if (!current) throw new StudioError(`no record ${form.idx} in ${ctx.run.name}`);
    const store = ctx.store();
    const field = form.action === 'edit' || form.action === 'label' ? form.field : undefined;
    const shown = field ? applyReview(current, store.standing().get(form.idx) ?? []) : undefined;
    const before = field && shown ? getPath(shown, field) : undefined;
    // An edit keeps the field's type: text stays text, anything else is read back as JSON.
    let value: unknown = form.value;
    if (form.action === 'edit' && field && before !== undefined && typeof before !== 'string' && form.value !== undefined) {
      try {
        value = JSON.parse(form.value);
      } catch {
        throw new ReviewError(`field ${field} holds ${typeof before}; give its new value as JSON`);
      }
    }
    try {
      const saved = store.decide(
        { runIdx: form.idx, action: form.action, field, value, reviewer, reason: form.reason || undefined, baseVersion: form.baseVersion },
        before,
      );
      // After an accept or reject the next record comes; after an edit or label the same one stays to be accepted.
      const next =
        form.action === 'accept' || form.action === 'reject'
          ? await reviewItem(ctx, reviewer, form.pos, double)
          : await reviewItem(ctx, reviewer, form.pos, double, form.idx);
      return c.html(html`${itemView(ctx.run, next, double, savedNotice(saved))}${statsView(await reviewStats(ctx), true)}`.value);
    } catch (error) {
      if (!(error instanceof ReviewConflictError)) throw error;
      const again = await reviewItem(ctx, reviewer, form.pos, double, form.idx);
      return c.html(itemView(ctx.run, again, double, conflictNotice(error.message, error.latest)).value, 409);
    }
  });

  app.post('/runs/:id/review/undo', async (c) => {
    const ctx = context(c.req.param('id'));
    const body = await c.req.parseBody();
    const reviewer = reviewerOf(typeof body.reviewer === 'string' ? body.reviewer : undefined);
    const double = body.double === '1';
    const undone = reviewer ? ctx.store().undo(reviewer) : undefined;
    const notice = undone
      ? html`<p class="notice" id="undone">Undone: ${undone.action}${undone.field ? ` ${undone.field}` : ''} on record ${undone.runIdx}.</p>`
      : html`<p class="notice" id="undone">Nothing of yours to undo.</p>`;
    const item = await reviewItem(ctx, reviewer, 0, double, undone?.runIdx);
    return c.html(html`${itemView(ctx.run, item, double, notice)}${statsView(await reviewStats(ctx), true)}`.value);
  });

  app.post('/runs/:id/export', async (c) => {
    const ctx = context(c.req.param('id'));
    const files = await writeReviewedFiles(ctx.run.dir);
    return c.html(
      html`<p class="notice" id="exported">Wrote ${files.records} records (${files.reviewedRecords} reviewed, ${files.rejected} rejected) to <code>reviewed/all.jsonl</code>; <code>reviewed/reviewed.jsonl</code> leaves out rejected records.</p>`
        .value,
    );
  });

  app.get('/runs/:id/report', (c) => {
    const ctx = context(c.req.param('id'));
    const n = reportIndex(c.req.query('n'));
    const rel = ctx.reports()[n];
    if (!rel) throw new StudioError(`no evaluation report in ${ctx.run.name}; run synthkit evaluate first`);
    const src = ctx.sourceOfReport(rel);
    const dataset = src === 'db' ? 'the generated records' : (ctx.files()[Number(src.slice(1))]?.rel ?? src);
    const linked = readReportMetrics(ctx.run.dir, rel) !== undefined;
    const curation = readCurationDecisions(ctx.run.dir, ctx.files());
    return page(c, 'Report', reportPage({ run: ctx.run, rel, n, src, dataset, linked, curation }));
  });

  app.get('/runs/:id/report.html', (c) => {
    const ctx = context(c.req.param('id'));
    const n = reportIndex(c.req.query('n'));
    const rel = ctx.reports()[n];
    if (!rel) throw new StudioError(`no evaluation report in ${ctx.run.name}`);
    // The report is a document of its own: no scripts, no requests out, shown only in our frame.
    // Rendered here from its metrics.json (every value escaped by the report's own code), its
    // charts link into the browser, and a click may navigate the studio's window to them; a
    // report without metrics.json is shown as stored, fully sandboxed.
    const metrics = readReportMetrics(ctx.run.dir, rel);
    let body: string | undefined;
    if (metrics) {
      try {
        body = renderReport(metrics, EVALUATION_METRICS, { links: studioReportLinks(ctx.run.id, ctx.sourceOfReport(rel)) });
      } catch (error) {
        console.error(`studio: could not render ${rel} from its metrics.json; showing the stored report`, error);
      }
    }
    c.header(
      'Content-Security-Policy',
      `${body ? LINKED_REPORT_SANDBOX : 'sandbox'}; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'`,
    );
    return c.html(body ?? readFileSync(join(ctx.run.dir, rel), 'utf8'));
  });

  const metricsOf = (id: string): EvaluationMetrics | undefined => {
    const run = byId.get(id);
    if (!run) return undefined;
    const file = findMetricsFile(run.dir);
    return file ? (JSON.parse(readFileSync(file, 'utf8')) as EvaluationMetrics) : undefined;
  };

  app.get('/compare', (c) => {
    const available = new Set(options.runs.filter((r) => findMetricsFile(r.dir)).map((r) => r.id));
    const a = c.req.query('a');
    const b = c.req.query('b');
    return page(c, 'Compare', comparePage(options.runs, a && byId.has(a) ? a : undefined, b && byId.has(b) ? b : undefined, available));
  });

  app.get('/compare/view', (c) => {
    const a = c.req.query('a') ?? '';
    const b = c.req.query('b') ?? '';
    const ma = metricsOf(a);
    const mb = metricsOf(b);
    if (!ma || !mb) throw new StudioError('compare needs two runs that have a metrics.json (run synthkit evaluate on each)');
    c.header('Content-Security-Policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'");
    return c.html(renderComparison(byId.get(a)!.name, byId.get(b)!.name, ma, mb, comparisonRows(ma, mb)));
  });

  return {
    app,
    close: () => {
      for (const ctx of contexts.values()) ctx.close();
      contexts.clear();
    },
  };
}

/** The model-written cells and calls of one record, with the prompts sent when the run kept them. */
function lineage(ctx: RunContext, idx: number): { cells: CellLineage[]; calls: CallLineage[]; promptsKept: boolean } {
  const db = ctx.db;
  const columnsOf = (table: string) =>
    new Set(
      db
        .prepare<[], { name: string }>(`PRAGMA table_info(${table})`)
        .all()
        .map((c) => c.name),
    );
  const cellCols = columnsOf('cells');
  const callCols = columnsOf('calls');
  const promptsKept = hasTable(db, 'prompts') && callCols.has('prompt');
  const cells = db
    .prepare<[number], Record<string, unknown>>(`SELECT * FROM cells WHERE idx = ? ORDER BY col`)
    .all(idx)
    .map((r) => ({
      col: String(r.col),
      value: parse(r.value),
      ok: r.ok === 1,
      error: (r.error as string | null) ?? null,
      reason: cellCols.has('reason') ? ((r.reason as string | null) ?? null) : null,
      raw: (r.raw as string | null) ?? null,
      reasoning: (r.reasoning as string | null) ?? null,
      logprobs: parse(r.logprobs) as CellLineage['logprobs'],
      fewShot: parse(r.few_shot),
      sources: parse(r.sources),
      attempts: Number(r.attempts),
      safety: cellCols.has('safety') ? parse(r.safety) : null,
    }));
  const calls = db
    .prepare<
      [number],
      {
        id: number;
        col: string | null;
        model: string;
        cached: number;
        input_tokens: number;
        output_tokens: number;
        response: string | null;
        messages: string | null;
      }
    >(
      promptsKept
        ? 'SELECT c.id, c.col, c.model, c.cached, c.input_tokens, c.output_tokens, c.response, p.messages FROM calls c LEFT JOIN prompts p ON p.hash = c.prompt WHERE c.idx = ? ORDER BY c.id'
        : 'SELECT id, col, model, cached, input_tokens, output_tokens, response, NULL AS messages FROM calls WHERE idx = ? ORDER BY id',
    )
    .all(idx)
    .map((r) => ({
      id: r.id,
      col: r.col,
      model: r.model,
      cached: r.cached === 1,
      inputTokens: r.input_tokens,
      outputTokens: r.output_tokens,
      reply: r.response ? String((JSON.parse(r.response) as { text?: unknown }).text ?? '') : null,
      messages: r.messages ? (JSON.parse(r.messages) as CallLineage['messages']) : null,
    }));
  return { cells, calls, promptsKept };
}

function parse(v: unknown): unknown {
  if (typeof v !== 'string') return v ?? null;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/**
 * A rendered report's sandbox: no scripts, forms or popups; its own origin (so a click keeps the
 * studio's SameSite cookie) and top-window navigation only on a click, for the chart links.
 */
const LINKED_REPORT_SANDBOX = 'sandbox allow-same-origin allow-top-navigation-by-user-activation';

/** The metrics.json beside a report (undefined when missing or not JSON). */
function readReportMetrics(runDir: string, rel: string): EvaluationMetrics | undefined {
  const file = join(runDir, dirname(rel), 'metrics.json');
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' && Array.isArray((parsed as EvaluationMetrics).columns) ? (parsed as EvaluationMetrics) : undefined;
  } catch {
    return undefined;
  }
}

/** Which of a run's evaluation reports a request means (`?n=`, default the first). */
function reportIndex(query: string | undefined): number {
  return z.coerce
    .number()
    .int()
    .min(0)
    .parse(query ?? '0');
}
