/**
 * The report in Chromium (playwright-core): a chart bar inside the sandboxed report frame carries
 * its exact figures, and a click on it opens the dataset browser, in the studio's own window,
 * filtered to the records the bar counts; a judge-score bin and a curation decision likewise.
 * Nothing from the report or the hostile records runs. STUDIO_SCREENSHOTS=<dir> keeps screenshots.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startStudio, type RunningStudio } from '../../src/studio/start-studio.js';
import { makeReportRun } from './report-run.js';

const CHROMIUM = '/usr/bin/chromium';
const shots = process.env.STUDIO_SCREENSHOTS;

describe.skipIf(!existsSync(CHROMIUM))('the report in Chromium', () => {
  let browser: Browser;
  let studio: RunningStudio;
  let run: Awaited<ReturnType<typeof makeReportRun>>;

  beforeAll(async () => {
    run = await makeReportRun({ dir: join(mkdtempSync(join(tmpdir(), 'synthkit-report-e2e-')), 'curated-run') });
    studio = await startStudio({ runs: [run.dir], port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    if (shots) mkdirSync(shots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  it('opens the records behind a chart bar, a judge-score bin and a curation decision with a click', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0);
    const total = async () => Number(await page.locator('#total').getAttribute('data-total'));
    const openReport = async () => {
      await page.goto(`${studio.url}runs/r0/report?n=0`);
      const frame = page.frameLocator('iframe.report');
      await frame.locator('#explore').waitFor();
      return frame;
    };

    // --- a category bar: exact figures on hover, a click opens its records ----------------------
    let frame = await openReport();
    const access = (
      run.metrics as unknown as { coverage: { columns: Record<string, { counts: { value: string; count: number }[] }> } }
    ).coverage.columns.topic.counts.find((c) => c.value === 'access')!;
    const bar = frame.locator('a.bar-row', { has: frame.locator('title', { hasText: /^topic = access:/ }) });
    expect(await bar.locator('title').textContent()).toBe(
      `topic = access: ${access.count} of ${run.curated.length} records (${((100 * access.count) / run.curated.length).toFixed(1)}%)`,
    );
    await bar.scrollIntoViewIfNeeded();
    await bar.hover();
    if (shots) await page.screenshot({ path: join(shots, 'report-1-explore.png'), fullPage: false });
    await bar.locator('rect.bar').click();
    await page.waitForURL(/\/runs\/r0\/data\?/);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ src: run.curatedSrc, field: 'topic', op: 'eq', value: 'access' });
    expect(await total()).toBe(access.count);
    for (const cell of await page.locator('#records tbody tr td:nth-child(2)').allTextContents()) expect(['access', '']).toContain(cell);
    if (shots) await page.screenshot({ path: join(shots, 'report-2-filtered.png'), fullPage: true });

    // --- a judge-score bin ----------------------------------------------------------------------
    frame = await openReport();
    const judge = (run.metrics as unknown as { judge: { histogram: { counts: number[] } } }).judge.histogram.counts;
    const bin = frame.locator('#judge a.bin').nth(2);
    expect(await bin.locator('title').textContent()).toContain(`: ${judge[2]} records`);
    await bin.locator('rect.hit').click();
    await page.waitForURL(/op=between/);
    expect(await total()).toBe(judge[2]);

    // --- a curation decision on the report page itself --------------------------------------------
    await openReport();
    if (shots) await page.screenshot({ path: join(shots, 'report-0-page.png'), fullPage: true });
    await page
      .locator('details.curation a.bar-row', { has: page.locator('title', { hasText: /^dropped:/ }) })
      .locator('rect.bar')
      .click();
    await page.waitForURL(/field=_decision/);
    expect(await total()).toBe(run.count('dropped'));

    expect(await pwned()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
