/**
 * Finds credentials in a parsed recipe or config, anywhere in it: keys never belong in a recipe,
 * because a recipe is printed in errors, copied into every run directory (recipe.json) and shared.
 * A secret inside `base_url` was once accepted, echoed in an error and stored that way.
 *
 * A finding names the field path and the kind of secret, never the value. The patterns are the
 * providers' documented key formats (the same ones GitHub's secret scanning and gitleaks match);
 * field names alone only count with a random-looking value, so `max_tokens` or a prompt that
 * mentions "password" are not refused.
 */

export interface SecretFinding {
  path: (string | number)[];
  /** What was found, e.g. "an OpenAI API key"; never the value itself. */
  kind: string;
}

/** Documented key formats; anchored on word boundaries so ordinary words never match. */
const KEY_PATTERNS: { kind: string; pattern: RegExp }[] = [
  { kind: 'an Anthropic API key (sk-ant-…)', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/ },
  { kind: 'an OpenAI-style API key (sk-…)', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/ },
  { kind: 'an AWS access key id (AKIA…)', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/ },
  { kind: 'a GitHub token (ghp_…)', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\b/ },
  { kind: 'a GitHub token (github_pat_…)', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}/ },
  { kind: 'a Google API key (AIza…)', pattern: /\bAIza[0-9A-Za-z_-]{35}/ },
  { kind: 'a Slack token (xox…)', pattern: /\bxox[abposre]-[A-Za-z0-9-]{10,}/ },
  { kind: 'a Hugging Face token (hf_…)', pattern: /\bhf_[A-Za-z0-9]{30,}\b/ },
  { kind: 'a Stripe key', pattern: /\b[rs]k_live_[A-Za-z0-9]{20,}/ },
  { kind: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
  { kind: 'a bearer token', pattern: /\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*/i },
  { kind: 'a private key block', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
];

/** scheme://user[:password]@host: credentials in the URL itself. */
const URL_USERINFO = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@'"]+@[^\s/?#@'"]/i;

/** ?api_key=… or &token=… in a URL; a template placeholder (`{{ … }}`) as the value is not a secret. */
const URL_KEY_PARAM =
  /:\/\/[^\s]*[?&](?:api[_-]?key|apikey|key|token|access[_-]?token|auth|auth[_-]?token|secret|client[_-]?secret|password|passwd|pwd|sig|signature|x-amz-signature|x-goog-signature)=(?!\{)[^&#\s]+/i;

/** Field names that hold a credential; `api_key_env` and its kind hold a variable's name and are fine. */
const SECRET_FIELD = /(?:^|[_-])(?:api[_-]?key|apikey|key|secret|token|access[_-]?token|password|passwd|pwd|credentials?|auth)$/i;
const NAME_FIELD = /_env$|_name$|_field$|_by$/i;

export function findSecrets(value: unknown): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const onStack = new Set<object>();
  const visit = (node: unknown, path: (string | number)[]) => {
    if (typeof node === 'string') {
      const kind = secretKind(node, path.at(-1));
      if (kind) findings.push({ path, kind });
      return;
    }
    if (typeof node !== 'object' || node === null || onStack.has(node)) return;
    onStack.add(node);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) visit(node[i], [...path, i]);
    } else {
      for (const [key, item] of Object.entries(node)) {
        // A mapping key can hold a secret too (e.g. a subcategory's values keyed by parent value).
        const keyKind = secretKind(key, undefined);
        if (keyKind) findings.push({ path: [...path, key], kind: `${keyKind} as a field name` });
        visit(item, [...path, key]);
      }
    }
    onStack.delete(node);
  };
  visit(value, []);
  return findings;
}

/** What kind of secret `text` holds (in a field named `field`), or undefined. */
export function secretKind(text: string, field: string | number | undefined): string | undefined {
  for (const { kind, pattern } of KEY_PATTERNS) if (pattern.test(text)) return kind;
  if (URL_USERINFO.test(text)) return 'a URL with a user name or password in it (user:pass@host)';
  if (URL_KEY_PARAM.test(text)) return 'a URL with a key or token in its query (?key=…)';
  if (typeof field === 'string' && SECRET_FIELD.test(field) && !NAME_FIELD.test(field) && looksRandom(text)) return `a credential in a field named '${field}'`;
  return undefined;
}

/**
 * A random-looking token: one word of 12+ characters, three character classes (or a long run of
 * letters and digits), and at least 3 bits of Shannon entropy per character (English words score
 * about 2.5-3; generated keys 4-6).
 */
export function looksRandom(text: string): boolean {
  const s = text.trim();
  if (s.length < 12 || /\s/.test(s)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((c) => c.test(s)).length;
  // Names (MY_API_KEY, snake_case_words) mix two classes; keys mix three, or are long hex/digit runs.
  const hexLike = s.length >= 20 && /[0-9]/.test(s) && /[A-Za-z]/.test(s);
  if (classes < 3 && !hexLike) return false;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const n of counts.values()) entropy -= (n / s.length) * Math.log2(n / s.length);
  return entropy >= 3;
}
