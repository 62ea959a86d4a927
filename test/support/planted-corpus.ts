/**
 * Seeded evaluation sets for curation defaults: clean English records (short citizen feedback of
 * 20-60 words, or long explanatory passages of 100-330 words) built from a small grammar, so every
 * record is ordinary English and no two clean records share more than chance phrases; plus planted
 * near-duplicates of some clean records, each made by edits people and models actually make
 * (re-casing and re-punctuating, one or two words swapped, a word added or dropped, a typo).
 *
 * The planted pairs are what recall is measured on. Which pairs are truly similar is not taken from
 * the generator: callers compute the exact shingle Jaccard of every pair (see the bench).
 */

export interface PlantedSet {
  /** Clean records first, then the planted near-duplicates. */
  texts: string[];
  clean: number;
  /** For each planted text (index >= clean), the clean record it copies, and how it was edited. */
  planted: { index: number; original: number; edit: string }[];
}

/** mulberry32: small, seeded, enough for test data. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)];

const FEATURES = [
  'appointment booking page',
  'vaccination record screen',
  'prescription refill form',
  'clinic search',
  'login with my national account',
  'payment page for bills',
  'health screening reminder',
  'chat with the nurse hotline',
  'lab results section',
  'family member profile switch',
  'dental appointment list',
  'referral letter download',
  'medication reminder alarm',
  'polyclinic queue number',
  'home page news feed',
  'step counter challenge',
];
const PEOPLE = ['my mother', 'my father', 'my son', 'my daughter', 'my grandmother', 'my neighbour', 'my husband', 'my wife', 'a friend', 'my colleague'];
const TIMES = ['this morning', 'last week', 'yesterday evening', 'on Sunday', 'twice this month', 'after the update', 'every time I try', 'since March'];
const FEELINGS = ['frustrated', 'pleased', 'confused', 'relieved', 'annoyed', 'impressed', 'worried', 'grateful'];
const PROBLEMS = [
  'kept spinning and never finished loading',
  'logged me out halfway through',
  'showed the wrong clinic address',
  'asked for the same details three times',
  'crashed when I pressed the back button',
  'would not accept my card number',
  'displayed an error with no explanation',
  'took almost a minute to open',
  'sent the reminder to the wrong phone',
  'hid the cancel button below the advert',
];
const PRAISE = [
  'worked smoothly from start to finish',
  'saved me a trip to the counter',
  'made it easy to find an early slot',
  'explained each step in plain words',
  'remembered my previous choices',
  'let me finish everything in two minutes',
  'showed clear prices before I paid',
  'was simple enough for an elderly user',
];
const REQUESTS = [
  'Please add a way to save a draft before submitting.',
  'It would help to have larger text for older users.',
  'Could you show the waiting time before I book?',
  'I hope the team fixes this before the next update.',
  'A short guide on the first screen would be useful.',
  'Please let us choose a language other than English.',
  'Adding a dark mode would make it easier at night.',
  'Notifications should say which clinic they are about.',
  'Please keep the old layout as an option.',
  'The support team answered quickly, so thank you.',
];

function shortRecord(next: () => number): string {
  const feature = pick(next, FEATURES);
  const sentences: string[] = [];
  if (next() < 0.5) {
    sentences.push(`I used the ${feature} ${pick(next, TIMES)} and it ${pick(next, PROBLEMS)}.`);
    sentences.push(`I was ${pick(next, FEELINGS)} because I had to help ${pick(next, PEOPLE)} with an urgent visit.`);
  } else {
    sentences.push(`The ${feature} ${pick(next, PRAISE)} when I tried it ${pick(next, TIMES)}.`);
    sentences.push(`${cap(pick(next, PEOPLE))} also uses it and feels ${pick(next, FEELINGS)} about the change.`);
  }
  if (next() < 0.7) sentences.push(pick(next, REQUESTS));
  if (next() < 0.4) sentences.push(`Overall I would rate it ${1 + Math.floor(next() * 5)} out of 5 for now.`);
  return sentences.join(' ');
}

const SUBJECTS = [
  'the river delta',
  'a city council',
  'the regional hospital',
  'a small bakery',
  'the national library',
  'a research team',
  'the local school board',
  'an old railway company',
  'the harbour authority',
  'a farming cooperative',
  'the weather service',
  'a software startup',
  'the museum of science',
  'a volunteer group',
  'the water utility',
  'a textile factory',
];
const VERBS = [
  'expanded',
  'studied',
  'rebuilt',
  'measured',
  'questioned',
  'financed',
  'replaced',
  'documented',
  'protected',
  'reorganised',
  'tested',
  'improved',
];
const OBJECTS = [
  'its drainage network',
  'the annual budget',
  'a new training programme',
  'the records of past floods',
  'the old bridge over the canal',
  'its delivery routes',
  'the collection of maps',
  'a survey of local families',
  'the energy use of its buildings',
  'the safety rules for visitors',
  'a plan for the coming decade',
  'the quality of drinking water',
  'the timetable for night buses',
  'a shelter for homeless families',
  'its archive of photographs',
  'the rules for seasonal workers',
];
const CLAUSES = [
  'after a long public debate',
  'because costs had risen sharply',
  'with help from nearby universities',
  'although many residents objected',
  'during the dry summer months',
  'as part of a wider reform',
  'once the new director arrived',
  'while the old system was still running',
  'to prepare for heavier storms',
  'so that more people could take part',
  'under pressure from national ministers',
  'despite a shortage of trained staff',
  'with money left over from an earlier scheme',
  'before the end of the financial year',
  'following a serious accident',
  'after two years of careful planning',
  'at the request of local businesses',
  'when the old contracts expired',
  'in cooperation with a foreign partner',
  'without asking the public for advice',
];
const CONNECTORS = ['In the following years,', 'At the same time,', 'As a result,', 'Later,', 'Meanwhile,', 'In contrast,', 'Eventually,', 'For this reason,'];
const OUTCOMES = [
  'the number of complaints fell by almost half',
  'several other towns copied the approach',
  'the work took far longer than anyone expected',
  'visitors began to notice the difference',
  'the results were published in a short report',
  'the staff had to learn new ways of working',
  'prices for ordinary households stayed stable',
  'a second phase was approved by a narrow vote',
  'newspapers praised the careful preparation',
  'the budget had to be revised twice',
  'younger families moved into the area',
  'the original plans were quietly abandoned',
  'attendance at public meetings doubled',
  'critics argued that the benefits were overstated',
  'a national prize recognised the effort',
  'the surrounding villages asked for similar help',
];

function longRecord(next: () => number): string {
  // Each phrase at most once per record: real passages do not repeat whole clauses, and Gopher's
  // repetition filter rightly drops text that does.
  const bag = <T>(items: readonly T[]) => {
    const left = [...items];
    return () => left.splice(Math.floor(next() * left.length), 1)[0] ?? pick(next, items);
  };
  const subject = bag(SUBJECTS);
  const verb = bag(VERBS);
  const object = bag(OBJECTS);
  const clause = bag(CLAUSES);
  const outcome = bag(OUTCOMES);
  const connector = bag(CONNECTORS);
  const paragraphs: string[] = [];
  const count = 2 + Math.floor(next() * 4);
  for (let p = 0; p < count; p++) {
    const sentences: string[] = [];
    const length = 2 + Math.floor(next() * 3);
    for (let s = 0; s < length; s++) {
      const head = s === 0 ? '' : `${connector()} `;
      const main = next() < 0.6 ? `${subject()} ${verb()} ${object()}` : outcome();
      const body = next() < 0.7 ? `${main} ${clause()}` : main;
      const when = next() < 0.5 ? `, in ${1950 + Math.floor(next() * 70)}` : '';
      sentences.push(`${head ? head + body : cap(body)}${when}.`);
    }
    paragraphs.push(sentences.join(' '));
  }
  return paragraphs.join('\n\n');
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const REPLACEMENTS = ['really', 'quite', 'new', 'main', 'whole', 'same', 'usual', 'entire', 'simple', 'recent'];

/** A near-copy of `text` by one kind of edit (the kinds cycle, so every kind is planted). */
function editText(text: string, kind: number, next: () => number, long: boolean): { text: string; edit: string } {
  const words = text.split(/(\s+)/u); // keep separators so paragraphs survive
  const wordSlots = words.map((w, i) => (/\S/u.test(w) ? i : -1)).filter((i) => i >= 0);
  const at = () => wordSlots[1 + Math.floor(next() * (wordSlots.length - 2))];
  // One edit per hundred words (at least one): the same density of change in short and long texts.
  const edits = long ? Math.max(1, Math.round(wordSlots.length / 100)) : 1;
  switch (kind % 6) {
    case 0:
      return { text: text.toUpperCase().replace(/\./gu, '!').replace(/ /gu, '  '), edit: 'recased and repunctuated' };
    case 1:
      for (let e = 0; e < edits; e++) words[at()] = pick(next, REPLACEMENTS);
      return { text: words.join(''), edit: `${edits} word(s) replaced` };
    case 2:
      for (let e = 0; e < edits; e++) {
        const i = at();
        words[i] = `${words[i]} ${pick(next, REPLACEMENTS)}`;
      }
      return { text: words.join(''), edit: `${edits} word(s) inserted` };
    case 3:
      for (let e = 0; e < edits; e++) words[at()] = '';
      return { text: words.join('').replace(/ {2,}/gu, ' '), edit: `${edits} word(s) deleted` };
    case 4: {
      for (let e = 0; e < edits; e++) {
        const i = at();
        const w = words[i];
        if (w.length > 3) words[i] = w.slice(0, 1) + w.slice(2, 3) + w.slice(1, 2) + w.slice(3); // transposed letters
      }
      return { text: words.join(''), edit: `${edits} typo(s)` };
    }
    default: {
      // Two different edits together: one replaced and one dropped word (short), or twice that (long).
      for (let e = 0; e < edits; e++) words[at()] = pick(next, REPLACEMENTS);
      for (let e = 0; e < edits; e++) words[at()] = '';
      return { text: `${words.join('').replace(/ {2,}/gu, ' ')}`, edit: `${edits} replaced + ${edits} deleted` };
    }
  }
}

export function plantedSet(kind: 'short' | 'long', options: { clean: number; planted: number; seed: number }): PlantedSet {
  const next = seeded(options.seed);
  const make = kind === 'short' ? shortRecord : longRecord;
  const texts: string[] = [];
  const seen = new Set<string>();
  while (texts.length < options.clean) {
    const text = make(next);
    if (seen.has(text)) continue;
    seen.add(text);
    texts.push(text);
  }
  const planted: PlantedSet['planted'] = [];
  const used = new Set<number>();
  for (let k = 0; k < options.planted; k++) {
    let original = Math.floor(next() * options.clean);
    while (used.has(original)) original = (original + 1) % options.clean;
    used.add(original);
    const { text, edit } = editText(texts[original], k, next, kind === 'long');
    planted.push({ index: texts.length, original, edit });
    texts.push(text);
  }
  return { texts, clean: options.clean, planted };
}
