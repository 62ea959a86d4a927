/**
 * Built-in value lists for "diversity by design": dimensions of a prompt that have nothing to do
 * with its topic (who the text is for, what kind of text it is, its tone, its length) and that a
 * recipe varies from record to record so that the dataset does not collapse into one voice.
 *
 * The idea comes from Cosmopedia (Ben Allal, Lozhkov, Penedo, Wolf and von Werra, "Cosmopedia: how
 * to create large-scale synthetic data for pre-training", Hugging Face, 2024), which prompted for
 * the same seed topic written for different audiences (young children, high-school students,
 * college students, researchers) and in different formats (textbook, blog post, story, WikiHow
 * article) to make the generated texts less alike; and from phi-1
 * (Gunasekar et al., "Textbooks Are All You Need", 2023), which got diversity by constraining the
 * topic and target audience of each generated textbook passage. The lists below are ours, in that
 * spirit; every one is uniform (no weights) and can be replaced in a recipe.
 *
 * Everything here is frozen: it is shared by every recipe in the process, so nothing may edit it.
 */

export const DIVERSITY_DIMENSION_NAMES = ['audience', 'style', 'tone', 'length'] as const;
export type DiversityDimension = (typeof DIVERSITY_DIMENSION_NAMES)[number];

export interface DiversityDimensionData {
  /** What the dimension means, for docs and the studio. */
  readonly description: string;
  /** Phrases written to read well inside a prompt ("Write it for {{ audience }}."). */
  readonly values: readonly string[];
  /** Where the values come from. */
  readonly source: string;
}

/**
 * Approximate word counts for each `length` value, so an evaluation can check that a record asked
 * for "a paragraph" got one. Our own rules of thumb, built on an English sentence averaging about
 * 15-20 words; models follow length requests loosely, so treat a miss of a few words as a pass.
 */
export const LENGTH_WORD_RANGES: Readonly<Record<string, readonly [min: number, max: number]>> = deepFreeze({
  'one sentence (about 10-30 words)': [10, 30],
  'a few sentences (about 30-80 words)': [30, 80],
  'one paragraph (about 80-150 words)': [80, 150],
  'several paragraphs (about 250-500 words)': [250, 500],
});

export const DIVERSITY_DIMENSIONS: Readonly<Record<DiversityDimension, DiversityDimensionData>> = deepFreeze({
  audience: {
    description: 'Who the text is written for; it sets vocabulary, assumed knowledge and depth.',
    values: ['young children', 'high-school students', 'college students', 'professionals in the field', 'researchers', 'the general public', 'older adults'],
    source:
      'Audience as a diversity lever: Cosmopedia (Ben Allal et al., Hugging Face, 2024), whose audiences included young children, high-school and college students and researchers; professionals, the general public and older adults added here.',
  },
  style: {
    description: 'The kind of text: its form and conventions.',
    values: [
      'a textbook section',
      'a story',
      'a blog post',
      'an FAQ',
      'a conversational explanation',
      'a formal report',
      'a step-by-step how-to guide',
      'a news article',
      'an email',
      'a social media post',
    ],
    source:
      'Format as a diversity lever: Cosmopedia (Ben Allal et al., Hugging Face, 2024) used textbook, blog post, story and WikiHow formats; the other formats are ours.',
  },
  tone: {
    description: 'The attitude the text takes; for user messages, the mood the user is in.',
    values: ['neutral', 'friendly', 'enthusiastic', 'formal', 'urgent', 'frustrated', 'confused', 'appreciative', 'sceptical', 'sarcastic'],
    source:
      'Our list. Negative tones (urgent, frustrated, confused, sceptical, sarcastic) are included on purpose: real user messages carry them, and a dataset written only in a polite register teaches a model nothing about them.',
  },
  length: {
    description: 'How long the text should be, with approximate word counts the model can aim for.',
    values: Object.keys(LENGTH_WORD_RANGES),
    source: 'Our rules of thumb; see LENGTH_WORD_RANGES for the ranges as numbers.',
  },
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
