/**
 * HTML to text with html-to-text, keeping the structure chunking needs: <h1>..<h6> become
 * Markdown ATX headings ("## Appeals"), blocks are separated by blank lines, lines are not
 * wrapped (wrapping would only add line breaks inside paragraphs), link targets and images are
 * dropped (a URL is noise in a retrieved passage). <script>, <style> and similar are skipped by
 * html-to-text itself.
 */
import { compile, type FormatCallback, type HtmlToTextOptions } from 'html-to-text';
import type { ExtractedDocument } from './types.js';

const atxHeading: FormatCallback = (elem, walk, builder, formatOptions) => {
  const level = Number(/^h([1-6])$/i.exec(elem.name ?? '')?.[1] ?? 1);
  builder.openBlock({ leadingLineBreaks: formatOptions.leadingLineBreaks ?? 2 });
  builder.addLiteral(`${'#'.repeat(level)} `);
  walk(elem.children, builder);
  builder.closeBlock({ trailingLineBreaks: formatOptions.trailingLineBreaks ?? 2 });
};

const OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  formatters: { atxHeading },
  selectors: [
    ...[1, 2, 3, 4, 5, 6].map((level) => ({ selector: `h${level}`, format: 'atxHeading' })),
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'nav', format: 'skip' },
    { selector: 'ul', options: { itemPrefix: '- ' } },
    { selector: 'table', format: 'dataTable' },
  ],
};

/** A converter compiled once per ingest: html-to-text's compile step is the expensive part. */
export function createHtmlExtractor(): (html: string) => ExtractedDocument {
  const convert = compile(OPTIONS);
  return (html) => {
    const titleMatch = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
    const title = titleMatch ? convert(titleMatch[1]).replace(/\s+/g, ' ').trim() : '';
    // Skipped inline elements (images) can leave an extra empty line; one blank line is a paragraph break.
    return {
      title: title || undefined,
      text: convert(html)
        .replace(/\n{3,}/g, '\n\n')
        .trim(),
    };
  };
}
