/**
 * Markdown headings in extracted text, which chunking uses as hard boundaries and as each
 * chunk's heading path. HTML extraction writes its <h1>..<h6> in the same ATX form, so one
 * detector serves both.
 *
 * Recognised (CommonMark 0.31, sections 4.2 and 4.3): ATX headings (`## Title`, up to three
 * spaces of indent, optional closing #s) and setext headings (a line underlined with === or ---).
 * A setext heading is only taken when its text is a one-line paragraph (blank line or start of
 * text above it); CommonMark allows multi-line ones, but in plain .txt files a dashed line under
 * a long paragraph is more often a separator than a heading. Lines inside ``` or ~~~ fences are
 * code, not headings.
 */
export interface Heading {
  /** 1 for `#` or ===, 2 for `##` or ---, and so on. */
  level: number;
  text: string;
  /** Offset of the heading's first line start (for setext: the text line). */
  start: number;
  /** Offset just after the heading's last line (excluding its newline). */
  end: number;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function findHeadings(text: string): Heading[] {
  const headings: Heading[] = [];
  let fence: string | undefined;
  let previous: { start: number; end: number; text: string; paragraphStart: boolean } | undefined;
  let previousBlank = true;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd);
    const trimmed = line.trim();
    let consumedAsHeading = false;

    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = undefined;
    } else if (fenceMatch) {
      fence = fenceMatch[1];
    } else if (trimmed.startsWith('#')) {
      const atx = ATX.exec(line);
      if (atx?.[2] && atx[2].trim() !== '') {
        headings.push({ level: atx[1].length, text: atx[2].trim(), start: lineStart, end: lineEnd });
        consumedAsHeading = true;
      }
    } else if (previous?.paragraphStart && (trimmed.startsWith('=') || trimmed.startsWith('-'))) {
      const underline = SETEXT_UNDERLINE.exec(line);
      if (underline) {
        headings.push({ level: underline[1][0] === '=' ? 1 : 2, text: previous.text, start: previous.start, end: lineEnd });
        consumedAsHeading = true;
      }
    }

    const blank = trimmed === '';
    previous =
      fence === undefined && !blank && !consumedAsHeading && !fenceMatch
        ? { start: lineStart, end: lineEnd, text: trimmed, paragraphStart: previousBlank }
        : undefined;
    previousBlank = blank || consumedAsHeading;
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return headings;
}
