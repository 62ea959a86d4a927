import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/grounding/ingest.js';
import { KnowledgeBaseError } from '../../src/grounding/knowledge-base-error.js';
import { tempDir } from '../support/paths.js';

describe('ingest of paths that do not exist', () => {
  it('fails, naming them, when none of the given paths exists, and creates no knowledge base', async () => {
    const dir = tempDir();
    const error = await ingest([join(dir, 'nope.md'), join(dir, 'gone')], join(dir, 'kb')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeBaseError);
    expect((error as Error).message).toBe(`nothing to ingest: ${join(dir, 'nope.md')} (no such file or folder), ${join(dir, 'gone')} (no such file or folder)`);
    expect(existsSync(join(dir, 'kb'))).toBe(false);
  });
});
