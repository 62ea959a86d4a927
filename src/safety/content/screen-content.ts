/**
 * The content filter: profanity, slurs and sexual terms through `obscenity`'s English dataset
 * (its transformers resolve leetspeak, confusables and repeated letters, and its whitelist keeps
 * "Scunthorpe" and "assassin" clean), read both as written and after our own normalisation
 * (safety/injection/normalise-text.ts), which undoes what obscenity does not: spaced-out letters
 * ("f u c k"), zero-width characters and other scripts' look-alikes. Harassment is a lexicon of
 * our own: insults aimed at the reader ("you are worthless"), threats and self-harm incitement,
 * which contain no swear word and so pass a word list.
 */
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { normaliseText } from '../injection/normalise-text.js';

export type ContentCategory = 'profanity' | 'slur' | 'sexual' | 'harassment';
export const CONTENT_CATEGORIES: readonly ContentCategory[] = ['profanity', 'slur', 'sexual', 'harassment'];

export interface ContentFinding {
  category: ContentCategory;
  /** The dataset's word or the harassment rule's id. */
  term: string;
}

export interface ContentVerdict {
  flagged: boolean;
  categories: ContentCategory[];
  findings: ContentFinding[];
}

/** obscenity's words that are slurs against a group (the rest split into sexual terms and profanity). */
const SLURS = new Set([
  'abo',
  'abeed',
  'africoon',
  'arabush',
  'boonga',
  'chingchong',
  'chink',
  'dyke',
  'fag',
  'kike',
  'negro',
  'nigger',
  'retard',
  'spastic',
  'tranny',
]);
const SEXUAL = new Set([
  'anal',
  'bestiality',
  'blowjob',
  'buttplug',
  'cum',
  'deepthroat',
  'dildo',
  'doggystyle',
  'double penetration',
  'ejaculate',
  'felch',
  'fellatio',
  'finger bang',
  'fisting',
  'gangbang',
  'handjob',
  'hentai',
  'hooker',
  'incest',
  'jerk off',
  'jizz',
  'lubejob',
  'masturbate',
  'orgasm',
  'orgy',
  'porn',
  'rape',
  'semen',
  'sex',
  'slut',
  'whore',
]);

const HARASSMENT: readonly { id: string; pattern: RegExp }[] = [
  {
    id: 'insult_you',
    pattern:
      /\b(?:you(?:'re| are)?|ur|u r|you people are|you lot are)\s+(?:such\s+|so\s+|a\s+|an\s+|the\s+|just\s+|nothing but\s+|completely\s+|totally\s+|fucking\s+|bloody\s+|effing\s+)*(?:stupid|idiots?|morons?|imbeciles?|worthless|pathetic|useless|disgusting|losers?|scum|trash|garbage|vermin|subhuman|brainless|retarded|ugly|fat pig|dumb)\b/i,
  },
  {
    id: 'threat',
    pattern:
      /\b(?:i(?:'ll| will| am going to|'m going to|'m gonna| gonna)|we(?:'ll| will))\s+(?:kill|hurt|find|beat|stab|shoot|destroy|end|get)\s+(?:you|u|your (?:family|kids))\b/i,
  },
  {
    id: 'self_harm_incitement',
    pattern: /\b(?:kill yourself|kys|go (?:and )?die|drink bleach|nobody would miss you|the world would be better without you)\b/i,
  },
  {
    id: 'dehumanising',
    pattern: /\b(?:they|those people|these people|all of them)\s+are\s+(?:animals|vermin|parasites|rats|cockroaches|subhuman|a disease)\b/i,
  },
  { id: 'shut_up', pattern: /\bshut (?:the fuck |the hell )?up\b[^.\n]{0,20}\b(?:idiot|moron|loser|stupid)\b/i },
];

let matcher: RegExpMatcher | undefined;
/** Built on first use (a few milliseconds) and never changed afterwards. */
function obscenityMatcher(): RegExpMatcher {
  matcher ??= new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  return matcher;
}

function categoryOf(word: string): ContentCategory {
  if (SLURS.has(word)) return 'slur';
  if (SEXUAL.has(word)) return 'sexual';
  return 'profanity';
}

export interface ContentOptions {
  /** Categories that flag a text (default all). */
  categories?: readonly ContentCategory[];
}

export function screenContent(text: string, options: ContentOptions = {}): ContentVerdict {
  const wanted = new Set(options.categories ?? CONTENT_CATEGORIES);
  const findings = new Map<string, ContentFinding>();
  const m = obscenityMatcher();
  const readings = [text];
  const normalised = normaliseText(text);
  if (normalised !== text) readings.push(normalised);
  for (const reading of readings) {
    for (const match of m.getAllMatches(reading)) {
      const word = englishDataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord ?? 'unknown';
      findings.set(`w:${word}`, { category: categoryOf(word), term: word });
    }
    for (const rule of HARASSMENT) if (rule.pattern.test(reading)) findings.set(`h:${rule.id}`, { category: 'harassment', term: rule.id });
  }
  const all = [...findings.values()].filter((f) => wanted.has(f.category));
  const categories = CONTENT_CATEGORIES.filter((c) => all.some((f) => f.category === c));
  return { flagged: all.length > 0, categories, findings: all };
}
