/**
 * PDF text layer with pdfjs-dist (legacy build, the one meant for Node). Text items are joined as
 * pdf.js lays them out (an item ending a line gets a newline), pages are separated by a blank line
 * so chunking treats a page break as a paragraph break. A PDF whose pages yield no text has no
 * text layer (a scan): the caller reports it, since OCR is out of scope here.
 *
 * pdf.js is imported on first use: it is large, and most knowledge bases hold no PDF.
 */
import type { ExtractedDocument } from './types.js';

export type PdfResult = { ok: true; document: ExtractedDocument; pages: number } | { ok: false; code: 'no-text-layer' | 'parse-error'; reason: string };

export async function extractPdf(bytes: Uint8Array): Promise<PdfResult> {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) return { ok: false, code: 'parse-error', reason: 'not a PDF (no %PDF- header)' };
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of (detaches) the buffer it is given, so hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false });
  try {
    const pdf = await task.promise;
    const pages: string[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(text.trim());
      page.cleanup();
    }
    const info = (await pdf.getMetadata().catch(() => undefined))?.info as { Title?: unknown } | undefined;
    const text = pages.filter((page) => page !== '').join('\n\n');
    if (text.trim() === '') {
      return { ok: false, code: 'no-text-layer', reason: `PDF has no text layer (${pdf.numPages} page(s) without extractable text; a scan? run OCR first)` };
    }
    const title = typeof info?.Title === 'string' && info.Title.trim() !== '' ? info.Title.trim() : undefined;
    return { ok: true, document: { title, text }, pages: pdf.numPages };
  } catch (error) {
    const err = error as Error;
    const reason = err?.name === 'PasswordException' ? 'PDF is encrypted with a password' : `PDF could not be parsed: ${err?.message ?? String(error)}`;
    return { ok: false, code: 'parse-error', reason };
  } finally {
    await task.destroy();
  }
}
