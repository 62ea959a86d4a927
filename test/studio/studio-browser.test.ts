/**
 * The studio end to end in Debian Chromium (playwright-core): a live generation advancing on the
 * runs page without a reload, filtering and full-text search, ten records reviewed with the
 * keyboard (one edited, one labelled, one undone), the reviewed export reflecting every
 * decision, and hostile records that execute nothing anywhere.
 * Set STUDIO_SCREENSHOTS=<dir> to keep screenshots of each page.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { generateRecords } from '../../src/generate/generate.js';
import { readRunForExport } from '../../src/pipeline/export-run.js';
import { createMockEngine } from '../../src/models/mock-engine.js';
import { startStudio, type RunningStudio } from '../../src/studio/start-studio.js';
import { HOSTILE_TEXTS, makeStudioRun } from '../support/studio-run.js';

const CHROMIUM = '/usr/bin/chromium';
const shots = process.env.STUDIO_SCREENSHOTS;

describe.skipIf(!existsSync(CHROMIUM))('synthkit studio in Chromium', () => {
  let browser: Browser;
  let studio: RunningStudio;
  let reviewDir: string;
  let liveDir: string;
  let generation: Promise<unknown>;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'synthkit-studio-e2e-'));
    reviewDir = makeStudioRun({ records: 40, hostile: true, dir: join(root, 'reviewed-run') });
    liveDir = join(root, 'live-run');
    // A real generation, slowed by its mock model, writing while the studio reads.
    const writer = createMockEngine({ replies: async (_request, n) => new Promise((resolve) => setTimeout(() => resolve(`Reply number ${n}.`), 60)) });
    generation = generateRecords(
      {
        records: 80,
        models: { writer: { engine: 'openai-compatible', model: 'w', base_url: 'http://127.0.0.1:9/v1', concurrency: 1 } },
        columns: [
          { name: 'topic', kind: 'category', values: ['a', 'b'] },
          { name: 'text', kind: 'llm-text', model: 'writer', prompt: 'Write about {{ topic }}.' },
        ],
        cache: false,
        generation: { concurrency: 1 },
      },
      { out: liveDir, engines: { writer } },
    );
    studio = await startStudio({ runs: [liveDir, reviewDir], port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    if (shots) mkdirSync(shots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await studio?.close();
    await generation?.catch(() => undefined);
  });

  const shot = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  };
  const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0);

  it('shows a live generation advance, filters and searches, reviews ten records by keyboard and exports every decision', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });

    // --- runs: the live run's row advances without a reload -------------------------------------
    await page.goto(studio.url);
    const liveRow = page.locator('#run-r0');
    await expect.poll(() => liveRow.getAttribute('data-state'), { timeout: 10_000 }).toBe('running');
    const first = Number(await liveRow.getAttribute('data-done'));
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await expect.poll(async () => Number(await liveRow.getAttribute('data-done')), { timeout: 10_000 }).toBeGreaterThan(first);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await expect.poll(() => page.locator('#run-r0').textContent()).toMatch(/rec\/s/);
    await shot(page, '1-runs-live');

    // --- dataset browser: full-text search, then a filter on a column ---------------------------
    await page.goto(`${studio.url}runs/r1/data`);
    expect(Number(await page.locator('#total').getAttribute('data-total'))).toBe(40);
    await page.fill('input[name=q]', 'clinic');
    await page.click('#filters button[type=submit]');
    await expect.poll(async () => Number(await page.locator('#total').getAttribute('data-total'))).toBe(35);
    await page.selectOption('select[name=field]', 'label');
    await page.fill('input[name=value]', 'access');
    await page.click('#filters button[type=submit]');
    await expect.poll(async () => Number(await page.locator('#total').getAttribute('data-total'))).toBeLessThan(35);
    const total = Number(await page.locator('#total').getAttribute('data-total'));
    expect(total).toBeGreaterThan(5);
    expect(await page.locator('#records tbody tr').count()).toBe(total);
    for (const cell of await page.locator('#records tbody tr td:nth-child(3)').allTextContents()) expect(cell).toBe('access');
    await shot(page, '2-browser-filtered');

    // --- review ten records with the keyboard -----------------------------------------------------
    await page.goto(`${studio.url}runs/r1/review`);
    await page.fill('#reviewer', 'alice');
    await page.locator('#reviewer').dispatchEvent('change');
    await page.locator('#reviewer').blur();
    const decided = new Map<number, string>();
    let edited = -1;
    let labelled = -1;
    let undoneIdx = -1;
    // A person reads the record before acting: start each step once htmx has settled the last swap
    // (keys pressed earlier are queued by the page, but text typed into a field is not).
    const settled = () => page.waitForFunction(() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling'));
    for (let n = 0; n < 10; n++) {
      await settled();
      const idx = Number(await page.locator('#review-item').getAttribute('data-idx'));
      if (n === 2) {
        // Edit the text, save with Ctrl+Enter, then accept the edited record.
        await page.keyboard.press('e');
        await page.keyboard.press('Control+a');
        await page.keyboard.type('A calm, edited complaint about access.');
        await page.keyboard.press('Control+Enter');
        await expect.poll(() => page.locator('#saved').textContent()).toContain('edit text');
        await settled();
        edited = idx;
      }
      if (n === 4) {
        await page.keyboard.press('l');
        await page.keyboard.press('Control+a');
        await page.keyboard.type('waiting');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.locator('#saved').textContent()).toContain('label label');
        await settled();
        labelled = idx;
      }
      const key = n % 4 === 3 ? 'r' : 'a';
      await page.keyboard.press(key);
      await expect.poll(async () => Number(await page.locator('#review-item').getAttribute('data-idx'))).not.toBe(idx);
      decided.set(idx, key === 'a' ? 'accepted' : 'rejected');
      if (n === 6) {
        // Undo the accept just made: the record comes back; reject it instead.
        await page.keyboard.press('u');
        await expect.poll(() => page.locator('#undone').textContent()).toContain(`record ${idx}`);
        await settled();
        expect(Number(await page.locator('#review-item').getAttribute('data-idx'))).toBe(idx);
        await page.keyboard.press('r');
        await expect.poll(async () => Number(await page.locator('#review-item').getAttribute('data-idx'))).not.toBe(idx);
        decided.set(idx, 'rejected');
        undoneIdx = idx;
      }
    }
    expect(decided.size).toBe(10);
    await expect.poll(() => page.locator('#reviewed-count').textContent()).toBe('10');
    await shot(page, '3-review');

    // --- export: every decision is in the files ---------------------------------------------------
    await page.keyboard.press('x');
    await expect.poll(() => page.locator('#exported').textContent()).toContain('10 reviewed');
    const all = readFileSync(join(reviewDir, 'reviewed', 'all.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown> & { _id: number; _review?: { status: string; edited: boolean; reviewers: string[] } });
    expect(all).toHaveLength(40);
    for (const r of all) {
      const expected = decided.get(r._id);
      if (expected === undefined) expect(r._review).toBeUndefined();
      else {
        expect(r._review?.status).toBe(expected);
        expect(r._review?.reviewers).toEqual(['alice']);
      }
    }
    const byId = new Map(all.map((r) => [r._id, r]));
    expect(byId.get(edited)?.text).toBe('A calm, edited complaint about access.');
    expect(byId.get(edited)?._review?.edited).toBe(true);
    expect(byId.get(labelled)?.label).toBe('waiting');
    expect(byId.get(undoneIdx)?._review?.status).toBe('rejected');
    // `synthkit export` reads the run the same way: every decision shows there too.
    const exported = new Map(
      (await readRunForExport(reviewDir)).map((r) => [r._id as number, r as Record<string, unknown> & { _review?: { status: string } }]),
    );
    for (const [idx, status] of decided) expect(exported.get(idx)?._review?.status).toBe(status);
    expect(exported.get(edited)?.text).toBe('A calm, edited complaint about access.');
    expect(exported.get(labelled)?.label).toBe('waiting');
    const kept = readFileSync(join(reviewDir, 'reviewed', 'reviewed.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(kept).toHaveLength(40 - [...decided.values()].filter((s) => s === 'rejected').length);

    // --- hostile records execute nothing, anywhere -----------------------------------------------
    await page.goto(`${studio.url}runs/r1/data?q=pwned`);
    expect(Number(await page.locator('#total').getAttribute('data-total'))).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#records').textContent()).toContain('<script>');
    for (let i = 0; i < HOSTILE_TEXTS.length; i++) {
      await page.goto(`${studio.url}runs/r1/records/${i}`);
      await expect.poll(() => page.locator('#fields').textContent()).toContain(HOSTILE_TEXTS[i].slice(0, 7));
      expect(await pwned(page)).toBe(0);
      expect(await page.locator('a[href^="javascript:"], iframe[srcdoc], [onerror], [onload]').count()).toBe(0);
    }
    await page.goto(`${studio.url}runs/r1/records/3`);
    await expect.poll(() => page.locator('.bidi').first().textContent()).toContain('U+202E');
    await shot(page, '4-record-hostile');
    await page.goto(`${studio.url}runs/r1/review?idx=0`);
    expect(await pwned(page)).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
