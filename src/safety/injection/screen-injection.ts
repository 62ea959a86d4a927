/**
 * The injection screen without a model: normalise the text (normalise-text.ts), read it plainly,
 * with leetspeak folded and through every decoding that yields text (decode-spans.ts), and score
 * each reading against the heuristics (heuristic-rules.ts). The text's score is its best
 * reading's; a disguise that hid a match (base64, rot13, tag characters) adds the obfuscation
 * weight, because nobody encodes an honest instruction. Pure and synchronous: it runs on every
 * value that enters a prompt.
 */
import { decodedVariants } from './decode-spans.js';
import { HEURISTIC_RULES, type HeuristicRule, type InjectionCategory } from './heuristic-rules.js';
import { decodeTagCharacters, foldLeet, normaliseText } from './normalise-text.js';

export interface InjectionFinding {
  rule: string;
  category: InjectionCategory;
  weight: number;
  /** The reading it was found in: 'plain', 'leet', 'base64', 'hex', 'url', 'rot13', 'tags'. */
  via: string;
  /** The matched text (at most 80 characters). */
  match: string;
}

export interface InjectionVerdict {
  flagged: boolean;
  score: number;
  /** The categories found, strongest reading only, in rule order. */
  categories: InjectionCategory[];
  findings: InjectionFinding[];
}

export interface ScreenOptions {
  /** Score at which a text is flagged (default DEFAULT_INJECTION_THRESHOLD). */
  threshold?: number;
  /** Rules to use instead of the built-in ones. */
  rules?: readonly HeuristicRule[];
}

/**
 * Chosen on the development split: 0.8 lets one strong sign (a spoofed system header, a fence tag)
 * flag alone while the soft signs need company; our benign texts top out at 0.75 (a role-play
 * frame next to a password question).
 */
export const DEFAULT_INJECTION_THRESHOLD = 0.8;
/** Added when a match was only visible after decoding. */
const OBFUSCATION_WEIGHT = 0.5;
/** Texts longer than this are screened in their first and last parts (attacks sit at the edges or are repeated). */
const MAX_SCREENED_CHARS = 20_000;

export function screenInjection(text: string, options: ScreenOptions = {}): InjectionVerdict {
  const threshold = options.threshold ?? DEFAULT_INJECTION_THRESHOLD;
  const rules = options.rules ?? HEURISTIC_RULES;
  const bounded = text.length > MAX_SCREENED_CHARS ? `${text.slice(0, MAX_SCREENED_CHARS / 2)}\n${text.slice(-MAX_SCREENED_CHARS / 2)}` : text;
  const plain = normaliseText(bounded);
  const readings: { via: string; text: string }[] = [{ via: 'plain', text: plain }];
  const leet = foldLeet(plain);
  if (leet !== plain) readings.push({ via: 'leet', text: leet });
  const tags = decodeTagCharacters(bounded);
  if (tags) readings.push({ via: 'tags', text: normaliseText(tags) });
  for (const v of decodedVariants(plain)) readings.push({ via: v.via, text: normaliseText(v.text) });

  let best: InjectionFinding[] = [];
  let bestScore = 0;
  const plainRules = new Set<string>();
  for (const reading of readings) {
    const findings = matchRules(reading.text, reading.via, rules);
    if (reading.via === 'plain') for (const f of findings) plainRules.add(f.rule);
    let score = findings.reduce((sum, f) => sum + f.weight, 0);
    // A disguise counts only when it hid something the plain reading does not show.
    if (reading.via !== 'plain' && findings.some((f) => !plainRules.has(f.rule))) {
      findings.push({ rule: 'encoded_payload', category: 'obfuscation', weight: OBFUSCATION_WEIGHT, via: reading.via, match: reading.text.slice(0, 80) });
      score += OBFUSCATION_WEIGHT;
    }
    if (score > bestScore) {
      bestScore = score;
      best = findings;
    }
  }
  const score = Math.round(bestScore * 100) / 100;
  return { flagged: score >= threshold, score, categories: [...new Set(best.map((f) => f.category))], findings: best };
}

function matchRules(text: string, via: string, rules: readonly HeuristicRule[]): InjectionFinding[] {
  const out: InjectionFinding[] = [];
  // Rules that share an id (one per language) count once.
  const found = new Set<string>();
  // A gate shared by several rules is tested once per reading.
  let gateResults: Map<RegExp, boolean> | undefined;
  let lower: string | undefined;
  next: for (const rule of rules) {
    if ((found.size > 0 && found.has(rule.id)) || rule.skipReadings?.includes(via)) continue;
    if (rule.gates) {
      lower ??= text.toLowerCase();
      gateResults ??= new Map();
      for (const gate of rule.gates) {
        let open = gateResults.get(gate);
        if (open === undefined) gateResults.set(gate, (open = gate.test(lower)));
        if (!open) continue next;
      }
    }
    const m = rule.pattern.exec(rule.lowercase ? (lower ??= text.toLowerCase()) : text);
    if (m) {
      found.add(rule.id);
      out.push({ rule: rule.id, category: rule.category, weight: rule.weight, via, match: m[0].trim().slice(0, 80) });
    }
  }
  return out;
}
