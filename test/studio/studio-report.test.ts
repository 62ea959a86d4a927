/**
 * The evaluation report inside the studio: rendered from metrics.json with its charts linked to
 * the dataset browser (each bar's link lists exactly the records it counts), hover titles with
 * exact figures, a sandbox that lets a click navigate the studio but runs nothing, curation's
 * decisions and reasons linked the same way, and hostile records escaped throughout.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createStudioApp } from '../../src/studio/studio-app.js';
import { buildCatalog } from '../../src/studio/run-catalog.js';
import { HOSTILE_TEXTS } from '../support/studio-run.js';
import { makeReportRun } from './report-run.js';

const { dir, curated, count, metrics, curatedSrc: CURATED, allSrc: ALL } = await makeReportRun();

const HOST = '127.0.0.1:4478';
const studio = createStudioApp({ runs: buildCatalog([dir]), token: 't', requireToken: false, allowedHosts: () => new Set([HOST]) });
afterAll(() => studio.close());
const get = (path: string) => studio.app.request(`http://${HOST}${path}`, { headers: { host: HOST } });
const totalOf = async (path: string) => Number(/data-total="(\d+)"/.exec(await (await get(path)).text())?.[1]);
const unescapeHtml = (s: string) =>
  s.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>');
/** Every chart link of a page: its href and the hover title inside it. */
const chartLinks = (page: string) =>
  [...page.matchAll(/<a class="(?:bar-row|bin)" href="([^"]*)" target="_top"><title>([^<]*)<\/title>/g)].map((m) => ({
    href: unescapeHtml(m[1]),
    title: unescapeHtml(m[2]),
  }));

describe('the report in the studio', () => {
  it('renders report.html from metrics.json with linked charts, sandboxed so a click navigates and nothing runs', async () => {
    const response = await get('/runs/r0/report.html?n=0');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^sandbox allow-same-origin allow-top-navigation-by-user-activation; default-src 'none'/);
    expect(csp).not.toContain('allow-scripts');
    const page = await response.text();
    expect(page).toContain('<section id="explore">');
    expect(page).not.toMatch(/<script/i);
    for (const hostile of HOSTILE_TEXTS) expect(page).not.toContain(hostile);
    // Every link stays on the studio: no scheme, no other host.
    for (const [, href] of page.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^\/runs\/r0\//);
  });

  it('links each attribute bar to exactly the records it counts, with its exact figures on hover', async () => {
    const page = await (await get('/runs/r0/report.html?n=0')).text();
    const links = chartLinks(page);
    const topic = (metrics as unknown as { coverage: { columns: Record<string, { counts: { value: string; count: number }[] }> } }).coverage.columns.topic;
    expect(topic.counts.length).toBe(3);
    for (const { value, count } of topic.counts) {
      const link = links.find((l) => l.title.startsWith(`topic = ${value}:`));
      expect(link, value).toBeDefined();
      expect(link!.title).toContain(`${count} of ${curated.length} records`);
      expect(link!.href).toBe(`/runs/r0/data?src=${CURATED}&field=topic&op=eq&value=${value}`);
      expect(await totalOf(link!.href)).toBe(count);
    }
  });

  it('links each judge-score bin to the records scored in it', async () => {
    const page = await (await get('/runs/r0/report.html?n=0')).text();
    const bins = chartLinks(page).filter((l) => l.href.includes('op=between'));
    const judge = (metrics as unknown as { judge: { histogram: { counts: number[] } } }).judge;
    // One link per bin, drawn by the judge section (the histogram is not repeated elsewhere).
    expect(bins.length).toBe(judge.histogram.counts.length);
    for (const [i, bin] of bins.entries()) {
      expect(bin.href).toContain('field=_signals.judge.score');
      expect(await totalOf(bin.href)).toBe(judge.histogram.counts[i]);
      expect(bin.title).toContain(`: ${judge.histogram.counts[i]} records`);
    }
  });

  it('links each kind of PII to the records holding it, and finding record ids to record pages', async () => {
    const page = await (await get('/runs/r0/report.html?n=0')).text();
    const pii = metrics as unknown as { pii: { by_type: Record<string, number>; affected: { record: string; types: string[] }[] } };
    expect(pii.pii.by_type.phone).toBeGreaterThan(0);
    const link = chartLinks(page).find((l) => l.href.includes('field=pii_type'));
    expect(link?.href).toBe(`/runs/r0/data?src=${CURATED}&field=pii_type&op=eq&value=phone`);
    // The browser scans every text field with every recognizer (the report, the text columns above
    // its confidence floor), so it lists at least the records the report counted.
    const withPhone = pii.pii.affected.filter((a) => a.types.includes('phone')).length;
    const listed = await totalOf(link!.href);
    expect(listed).toBeGreaterThanOrEqual(withPhone);
    expect(listed).toBeLessThanOrEqual(curated.length);
    const first = pii.pii.affected[0].record;
    expect(page).toContain(`<a href="/runs/r0/records/${first}" target="_top">${first}</a>`);
  });

  it('shows the report page with the frame allowed to navigate on a click, and curation decisions linked to their records', async () => {
    const page = await (await get('/runs/r0/report?n=0')).text();
    expect(page).toContain('<iframe class="report" sandbox="allow-same-origin allow-top-navigation-by-user-activation" src="/runs/r0/report.html?n=0"');
    expect(page).toContain('curated/curated.jsonl');
    const links = chartLinks(page);
    for (const d of ['kept', 'flagged', 'dropped']) {
      const link = links.find((l) => l.title.startsWith(`${d}:`));
      expect(link?.href).toBe(`/runs/r0/data?src=${ALL}&field=_decision&op=eq&value=${d}`);
      expect(await totalOf(link!.href)).toBe(count(d));
    }
    const reason = links.find((l) => l.title.startsWith('dropped · dedup: near duplicate'));
    expect(reason?.href).toContain('field=_reasons&op=contains');
    expect(await totalOf(reason!.href)).toBe(count('dropped'));
  });

  it('filters a number range with between (lo <= value < hi, either end open)', async () => {
    expect(await totalOf(`/runs/r0/data?src=${CURATED}&field=_signals.judge.score&op=between&value=2..4`)).toBe(
      curated.filter((r) => [2, 3].includes(r._signals.judge.score)).length,
    );
    expect(await totalOf(`/runs/r0/data?src=${CURATED}&field=_signals.judge.score&op=between&value=4..`)).toBe(
      curated.filter((r) => r._signals.judge.score >= 4).length,
    );
    expect((await get(`/runs/r0/data?src=${CURATED}&field=_signals.judge.score&op=between&value=x..y`)).status).toBe(400);
  });
});
