/**
 * The studio's guard and its review endpoints without a browser (Hono's app.request): Host
 * checks, the token beyond loopback, cross-site writes, conflicting saves, and that no request
 * names a file of its own.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStudioApp } from '../../src/studio/studio-app.js';
import { buildCatalog } from '../../src/studio/run-catalog.js';
import { HOSTILE_TEXTS, makeStudioRun } from '../support/studio-run.js';

const dir = makeStudioRun({ records: 12, hostile: true });
writeFileSync(join(dir, 'notes.jsonl'), `${JSON.stringify({ _id: 0, text: 'a user file' })}\n`);
const reportDir = makeStudioRun({ records: 2 });
mkdirSync(join(reportDir, 'evaluation'));
writeFileSync(
  join(reportDir, 'evaluation', 'report.html'),
  '<html><body><h1>Quality report</h1><svg><title>distinct-1</title></svg><script>parent.__pwned=1</script></body></html>',
);
const HOST = '127.0.0.1:4477';
const local = createStudioApp({ runs: buildCatalog([dir, reportDir]), token: 'secret-token', requireToken: false, allowedHosts: () => new Set([HOST]) });
const remote = createStudioApp({ runs: buildCatalog([dir]), token: 'secret-token', requireToken: true, allowedHosts: () => new Set() });
afterAll(() => {
  local.close();
  remote.close();
});

const get = (path: string, headers: Record<string, string> = {}) => local.app.request(`http://${HOST}${path}`, { headers: { host: HOST, ...headers } });
const post = (path: string, form: Record<string, string>, headers: Record<string, string> = { origin: `http://${HOST}` }) =>
  local.app.request(`http://${HOST}${path}`, {
    method: 'POST',
    body: new URLSearchParams(form),
    headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });

describe('studio guard', () => {
  it('answers only requests addressed to itself (DNS rebinding) and sets a strict CSP', async () => {
    expect((await get('/', { host: 'evil.example:4477' })).status).toBe(421);
    const ok = await get('/');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(ok.headers.get('content-security-policy')).not.toMatch(/unsafe-inline'; img|script-src[^;]*unsafe/);
  });

  it('refuses cross-site writes; accepts same-origin ones and ones carrying the token', async () => {
    const form = { idx: '1', baseVersion: '0', action: 'accept', reviewer: 'mallory' };
    expect((await post('/runs/r0/review/decide', form, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('/runs/r0/review/decide', form, {})).status).toBe(403);
    expect((await post('/runs/r0/review/decide', form, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await post('/runs/r0/review/decide', { ...form, baseVersion: '1', action: 'reject' }, { 'x-synthkit-token': 'secret-token' })).status).toBe(200);
  });

  it('beyond loopback, needs the token: once in the URL, then as an HttpOnly cookie', async () => {
    const url = 'http://10.0.0.5:4477';
    expect((await remote.app.request(`${url}/`, { headers: { host: '10.0.0.5:4477' } })).status).toBe(401);
    expect((await remote.app.request(`${url}/?token=wrong`, { headers: { host: '10.0.0.5:4477' } })).status).toBe(401);
    const first = await remote.app.request(`${url}/runs/r0?token=secret-token`, { headers: { host: '10.0.0.5:4477' } });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/runs/r0');
    expect(first.headers.get('set-cookie')).toMatch(/synthkit_studio=secret-token;.*HttpOnly/i);
    expect(first.headers.get('set-cookie')).toMatch(/SameSite=Strict/i);
    const next = await remote.app.request(`${url}/runs/r0`, { headers: { host: '10.0.0.5:4477', cookie: 'synthkit_studio=secret-token' } });
    expect(next.status).toBe(200);
  });

  it('opens only files inside the run, by position: paths and unknown runs are refused', async () => {
    const list = await (await get('/runs/r0')).text();
    expect(list).toContain('notes.jsonl');
    const file = await get('/runs/r0/data?src=f0');
    expect(await file.text()).toContain('a user file');
    for (const bad of ['/runs/r0/data?src=../../etc/passwd', '/runs/r0/data?src=f99', '/runs/r9', '/runs/r0/report.html?n=0']) {
      const r = await get(bad);
      expect(r.status, bad).toBe(400);
    }
    expect((await get('/runs/r0/data?sort=x%22)%3B%20DROP%20TABLE%20rows%3B--')).status).toBe(400);
  });
});

describe('evaluation report', () => {
  it('embeds report.html in a sandboxed frame; one without metrics.json is served as stored with a full sandbox CSP, so its scripts never run', async () => {
    const page = await (await get('/runs/r1/report?n=0')).text();
    expect(page).toContain('<iframe class="report" sandbox="allow-same-origin allow-top-navigation-by-user-activation" src="/runs/r1/report.html?n=0"');
    expect(page).toContain('Shown as stored');
    const report = await get('/runs/r1/report.html?n=0');
    expect(report.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    expect(await report.text()).toContain('Quality report');
  });
});

describe('review over HTTP', () => {
  it('refuses a conflicting save with 409 and shows the other version', async () => {
    const base = { idx: '5', baseVersion: '0', pos: '0' };
    expect((await post('/runs/r0/review/decide', { ...base, action: 'accept', reviewer: 'alice' })).status).toBe(200);
    const conflict = await post('/runs/r0/review/decide', { ...base, action: 'reject', reviewer: 'bob' });
    expect(conflict.status).toBe(409);
    const body = await conflict.text();
    expect(body).toContain('Not saved.');
    expect(body).toMatch(/<b>alice<\/b> chose <b>accept<\/b>/);
    expect(body).toContain('data-version="1"');
  });

  it('escapes hostile text in every page', async () => {
    for (const path of ['/runs/r0/data', '/runs/r0/records/0', '/runs/r0/records/1', '/runs/r0/records/3', '/runs/r0/review?idx=4']) {
      const text = await (await get(path)).text();
      for (const hostile of HOSTILE_TEXTS) expect(text).not.toContain(hostile);
      expect(text).not.toMatch(/<script>window|<img src=x|<svg onload|<iframe srcdoc|href="javascript:/);
      expect(text).not.toContain('\u202E');
    }
  });
});
