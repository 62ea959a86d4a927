import { describe, expect, it } from 'vitest';
import { createHtmlExtractor } from '../../src/grounding/extract-html.js';
import { extractPdf } from '../../src/grounding/extract-pdf.js';
import { extractDocuments } from '../../src/grounding/extract-text.js';
import { minimalPdf } from './minimal-pdf.js';

const extractors = { html: createHtmlExtractor() };

describe('HTML extraction', () => {
  it('keeps headings as Markdown, drops scripts, styles, nav, link targets and images', () => {
    const html = `<html><head><title>Apply &amp; Win</title><style>p{color:red}</style><script>var x = 1;</script></head>
      <body><nav><a href="/">Home</a></nav><h1>How to apply</h1><p>Read the <a href="https://example.org/rules">rules</a> first.</p>
      <img src="a.png" alt="logo"><h2>Step 1</h2><ul><li>one</li><li>two</li></ul><p>Fee: &euro;0.</p></body></html>`;
    const doc = extractors.html(html);
    expect(doc.title).toBe('Apply & Win');
    expect(doc.text).toBe('# How to apply\n\nRead the rules first.\n\n## Step 1\n\n- one\n- two\n\nFee: €0.');
  });
});

describe('PDF extraction', () => {
  it('reads the text layer of a hand-written PDF, one paragraph per page', async () => {
    const result = await extractPdf(minimalPdf([['Income ceiling: 38,000 credits.', 'Second line (with parentheses).'], ['Page two text.']]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pages).toBe(2);
    expect(result.document.text).toBe('Income ceiling: 38,000 credits.\nSecond line (with parentheses).\n\nPage two text.');
  });

  it('says so when a PDF has no text layer, and when a file is not a PDF', async () => {
    const scan = await extractPdf(minimalPdf([null, null]));
    expect(scan).toMatchObject({ ok: false, code: 'no-text-layer' });
    expect(!scan.ok && scan.reason).toMatch(/no text layer.*2 page/);
    expect(await extractPdf(Buffer.from('hello'))).toMatchObject({ ok: false, code: 'parse-error' });
    expect(await extractPdf(Buffer.from('%PDF-1.4\ngarbage'))).toMatchObject({ ok: false, code: 'parse-error' });
  });
});

describe('extractDocuments', () => {
  it('classifies empty, binary and unsupported files', async () => {
    expect(await extractDocuments('a.md', Buffer.alloc(0), extractors)).toMatchObject({ ok: false, code: 'empty' });
    expect(await extractDocuments('a.txt', Buffer.from(' \n\t\n'), extractors)).toMatchObject({ ok: false, code: 'empty' });
    expect(await extractDocuments('a.txt', Buffer.from([72, 105, 0, 1, 2]), extractors)).toMatchObject({ ok: false, code: 'binary' });
    expect(await extractDocuments('a.png', Buffer.from('x'), extractors)).toMatchObject({ ok: false, code: 'unsupported' });
  });

  it('reads UTF-16 text and normalises line endings', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hello\r\nworld', 'utf16le')]);
    expect(await extractDocuments('a.txt', utf16, extractors)).toMatchObject({ ok: true, documents: [{ text: 'Hello\nworld' }] });
  });

  it('reads JSONL records with ids and titles, warning about bad lines', async () => {
    const jsonl = [
      '{"id": "r1", "title": "One", "text": "First record."}',
      'not json',
      '{"text": ""}',
      '{"text": "No id here."}',
      '{"id": "r1", "text": "Dup."}',
    ].join('\n');
    const result = await extractDocuments('data.jsonl', Buffer.from(jsonl), extractors);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.documents).toEqual([
      { key: 'r1', title: 'One', text: 'First record.' },
      { key: 'line-4', title: undefined, text: 'No id here.' },
      { key: 'r1@line-5', title: undefined, text: 'Dup.' },
    ]);
    expect(result.warnings).toHaveLength(3);
    expect(result.warnings[0]).toMatch(/^data\.jsonl:2: not valid JSON/);
    expect(await extractDocuments('bad.jsonl', Buffer.from('{"title": "x"}\n'), extractors)).toMatchObject({ ok: false, code: 'parse-error' });
  });
});
