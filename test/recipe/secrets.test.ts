import { describe, expect, it } from 'vitest';
import { parseRecipeYaml, planRecipeObject } from '../../src/recipe/load-recipe.js';
import { RecipeError } from '../../src/recipe/recipe-error.js';
import { parseCurateConfigYaml } from '../../src/curate/load-curate-config.js';
import { findSecrets, looksRandom } from '../../src/recipe/find-secrets.js';

// Fake credentials, assembled at run time so that no scanner mistakes this file for a leak.
const tail = (n: number) => 'Q7vX2kLp9RzT4mWc8YbN3hJd6FsG1aEu5iOq0'.repeat(3).slice(0, n);
const FAKE = {
  openai: `sk-proj-${tail(40)}`,
  anthropic: `sk-ant-api03-${tail(40)}`,
  aws: `AKIA${'IOSFODNN7EXAMPLE'}`,
  github: `ghp_${tail(36)}`,
  githubPat: `github_pat_${tail(30)}`,
  google: `AIza${tail(35)}`,
  slack: `xoxb-${'1234567890'}-${tail(24)}`,
  bearer: `Bearer ${tail(32)}`,
  privateKey: `-----BEGIN RSA ${'PRIVATE'} KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----`,
};

function rejection(yaml: string): RecipeError {
  try {
    parseRecipeYaml(yaml, 'r.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(RecipeError);
    return error as RecipeError;
  }
  throw new Error('expected the recipe to be rejected');
}

const recipeWith = (modelExtra: string, prompt = 'hello') => `records: 2
models:
  m:
    engine: openai-compatible
    model: x
    base_url: http://127.0.0.1:8080/v1
${modelExtra}
columns:
  - { name: topic, kind: category, values: [a] }
  - name: t
    kind: llm-text
    model: m
    prompt: ${JSON.stringify(prompt)}
`;

describe('secrets in a recipe', () => {
  it.each(Object.entries(FAKE))('refuses %s in a prompt, naming the path and line and never echoing it', (_kind, secret) => {
    const error = rejection(recipeWith('', `Summarise this: ${secret} thanks`));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ path: ['columns', 1, 'prompt'], line: 13 });
    expect(error.message).toContain('r.yaml:13:');
    expect(error.message).toContain('columns[1].prompt: holds what looks like');
    expect(error.message).toContain('api_key_env');
    for (const piece of secret.split(/\s|-----/).filter((p) => p.length >= 12)) expect(error.message).not.toContain(piece);
  });

  it('refuses a URL with a user name and password in base_url, and keeps it out of every message', () => {
    const error = rejection(recipeWith('').replace('http://127.0.0.1:8080/v1', 'https://bob:s3cretPass@llm.example.com/v1'));
    expect(error.issues.map((i) => i.path.join('.'))).toEqual(['models.m.base_url']);
    expect(error.issues[0].line).toBe(6);
    expect(error.message).toMatch(/user name or password/);
    expect(error.message).not.toContain('s3cretPass');
  });

  it('refuses key-like query parameters in URLs', () => {
    for (const param of ['api_key', 'key', 'token', 'access_token']) {
      const error = rejection(recipeWith('').replace('http://127.0.0.1:8080/v1', `https://llm.example.com/v1?${param}=abcd1234efgh`));
      expect(error.issues[0].path).toEqual(['models', 'm', 'base_url']);
      expect(error.message).toMatch(/key or token in its query/);
      expect(error.message).not.toContain('abcd1234efgh');
    }
  });

  it('refuses random-looking values in fields named like key, token, secret or password', () => {
    const error = rejection(recipeWith(`    api_key: ${tail(24)}\n    password: x9!Kf2#pQ7zR@w4L`));
    expect(error.issues.map((i) => i.path.join('.')).sort()).toEqual(['models.m', 'models.m.api_key', 'models.m.password']);
    expect(error.message).toContain("a credential in a field named 'api_key'");
    expect(error.message).not.toContain(tail(24));
    expect(error.message).not.toContain('x9!Kf2#pQ7zR@w4L');
  });

  it('drops schema messages that would quote the secret, keeping the others', () => {
    const error = rejection(recipeWith(`    max_tokens: ${FAKE.openai}\n    temprature: 1`));
    const messages = error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^models\.m\.max_tokens: holds what looks like an OpenAI-style API key/);
    expect(messages[1]).toContain("unknown field 'temprature'");
    expect(error.message).not.toContain(FAKE.openai.slice(3));
  });

  it('scans every string, including list items, nested values and mapping keys', () => {
    const findings = findSecrets({
      columns: [{ name: 'c', kind: 'subcategory', parent: 'p', values: { [FAKE.github]: ['a'], ok: ['fine', FAKE.aws] } }],
      deep: { a: { b: [{ c: `see ${FAKE.slack}` }] } },
    });
    expect(findings.map((f) => f.path.join('.'))).toEqual(['columns.0.values.' + FAKE.github, 'columns.0.values.ok.1', 'deep.a.b.0.c']);
    expect(findings[0].kind).toMatch(/as a field name/);
  });

  it('refuses secrets in a recipe object given from TypeScript', () => {
    expect(() =>
      planRecipeObject({
        records: 1,
        models: { m: { engine: 'openai', model: 'gpt-4o-mini', base_url: `https://api.example.com/v1?key=${tail(20)}` } },
        columns: [{ name: 't', kind: 'llm-text', model: 'm', prompt: 'x' }],
      }),
    ).toThrow(/models\.m\.base_url: holds what looks like a URL with a key or token/);
  });

  it('refuses secrets in a curation config too', () => {
    expect(() =>
      parseCurateConfigYaml(`models:\n  j: { engine: openai, model: gpt-4o-mini, base_url: "https://u:p4ssw0rd@x.example.com" }\nstages: []\n`, 'c.yaml'),
    ).toThrow(/c\.yaml:2:\d+ models\.j\.base_url: holds what looks like a URL with a user name/);
  });

  it('accepts ordinary recipes: key env names, prompts about passwords, template placeholders, emails', () => {
    const plan = parseRecipeYaml(
      recipeWith(
        '    api_key_env: MY_PROVIDER_API_KEY',
        'Write a tip about choosing a strong password or API key. Contact: help@example.com. Link: https://example.com/search?q={{ topic }}',
      ),
      'r.yaml',
    );
    expect(plan.recipe.models.m).toMatchObject({ api_key_env: 'MY_PROVIDER_API_KEY' });
    expect(looksRandom('MY_PROVIDER_API_KEY')).toBe(false);
    expect(looksRandom('correct horse battery staple')).toBe(false);
    expect(looksRandom(tail(24))).toBe(true);
  });
});

describe('empty configs', () => {
  it('says an empty recipe file is empty, with what a recipe needs', () => {
    for (const text of ['', '\n\n', '# only a comment\n']) {
      const error = rejection(text);
      expect(error.message).toContain('r.yaml:1:1 (top level): the recipe is empty');
      expect(error.message).toContain('columns:');
      expect(error.message).not.toContain('got object null');
    }
  });

  it('names a list at the top level as a list', () => {
    expect(rejection('- a\n- b\n').message).toContain('expected object, got a list');
  });

  it('says an empty curation config is empty', () => {
    expect(() => parseCurateConfigYaml('', 'c.yaml')).toThrow(/c\.yaml:1:1 \(top level\): the curation config is empty|the .* is empty/);
  });
});
