/**
 * Which key an `openai:` embedder sends where: OPENAI_API_KEY to the official host only, another
 * host only the key of a variable the spec names (`#api_key_env=NAME`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder, isOfficialOpenAIHost } from '../../src/models/embedders.js';
import { ModelSetupError } from '../../src/models/types.js';

let server: http.Server;
let url = '';
const authorizations: (string | undefined)[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const { input } = JSON.parse(body) as { input: string[] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: input.map((_, index) => ({ index, embedding: [index, 1] })) }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function withEnv<T>(env: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) v === undefined ? delete process.env[k] : (process.env[k] = v);
  return fn().finally(() => {
    for (const [k, v] of Object.entries(saved)) v === undefined ? delete process.env[k] : (process.env[k] = v);
  });
}

/** The Authorization header the server saw for one embed call with `spec`. */
async function authorizationSentBy(spec: string): Promise<string | undefined> {
  const embedder = await createEmbedder(spec);
  try {
    expect(await embedder.embed(['a', 'b'])).toEqual([
      [0, 1],
      [1, 1],
    ]);
  } finally {
    await embedder.close();
  }
  return authorizations.at(-1);
}

describe('openai: embedders and API keys', () => {
  it('does not send OPENAI_API_KEY to a server other than api.openai.com', async () => {
    await withEnv({ OPENAI_API_KEY: 'sk-user-secret' }, async () => {
      expect(await authorizationSentBy(`openai:embed-small@${url}/v1`)).toBeUndefined();
      // A URL that merely mentions the official host is not it.
      expect(await authorizationSentBy(`openai:embed-small@${url}/api.openai.com/v1`)).toBeUndefined();
    });
  });

  it('sends the key of the variable the spec names to that server', async () => {
    await withEnv({ OPENAI_API_KEY: 'sk-user-secret', EMBED_SERVER_KEY: 'local-key' }, async () => {
      expect(await authorizationSentBy(`openai:embed-small@${url}/v1#api_key_env=EMBED_SERVER_KEY`)).toBe('Bearer local-key');
    });
  });

  it('refuses a spec whose named variable is not set, or whose fragment is not api_key_env', async () => {
    await withEnv({ EMBED_SERVER_KEY: undefined }, async () => {
      const error = await createEmbedder(`openai:embed-small@${url}/v1#api_key_env=EMBED_SERVER_KEY`).catch((e) => e);
      expect(error).toBeInstanceOf(ModelSetupError);
      expect(error.message).toContain('EMBED_SERVER_KEY');
      const bad = await createEmbedder(`openai:embed-small@${url}/v1#key=sk-literal`).catch((e) => e);
      expect(bad).toBeInstanceOf(ModelSetupError);
      expect(bad.message).not.toContain('sk-literal');
    });
  });

  it('still needs OPENAI_API_KEY for the official host', async () => {
    await withEnv({ OPENAI_API_KEY: undefined }, async () => {
      const error = await createEmbedder('openai:text-embedding-3-small').catch((e) => e);
      expect(error).toBeInstanceOf(ModelSetupError);
      expect(error.message).toContain('OPENAI_API_KEY');
    });
  });

  it('recognises the official host exactly', () => {
    expect(isOfficialOpenAIHost('https://api.openai.com/v1')).toBe(true);
    expect(isOfficialOpenAIHost('https://api.openai.com.attacker.example/v1')).toBe(false);
    expect(isOfficialOpenAIHost('http://api.openai.com/v1')).toBe(false);
    expect(isOfficialOpenAIHost('https://proxy.example/api.openai.com/v1')).toBe(false);
  });
});
