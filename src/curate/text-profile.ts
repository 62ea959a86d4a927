/**
 * How long the texts a stage sees are, so that defaults written for web pages can adapt to short
 * records. Web-text filters (Gopher, C4, FineWeb) and FineWeb's 5-word shingles assume documents of
 * hundreds of words; a synthetic feedback entry has twenty. A stage picks its defaults from the
 * median, and a user's explicit setting always wins.
 */

/** Median word count below which a set counts as short texts (ours: below a typical web paragraph). */
export const SHORT_TEXT_MEDIAN_WORDS = 100;

export interface TextProfile {
  texts: number;
  medianWords: number;
  short: boolean;
}

export function textProfile(texts: readonly string[]): TextProfile {
  const counts = texts
    .map(wordCount)
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  const medianWords = counts.length ? counts[Math.floor(counts.length / 2)] : 0;
  return { texts: texts.length, medianWords, short: medianWords < SHORT_TEXT_MEDIAN_WORDS };
}

function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}
