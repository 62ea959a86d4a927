/**
 * The runs the studio was given, and the only files it will ever open. Every run gets a short id
 * (`r0`, `r1`, ...); requests name runs by id and files by their place in the run's file list, so
 * no request can name a path of its own and nothing outside the given run directories is read.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { SynthkitError } from '../core/synthkit-error.js';
import { RUN_DB } from '../store/run-store.js';

export class StudioError extends SynthkitError {}

export interface CatalogRun {
  id: string;
  name: string;
  dir: string;
}

export interface DatasetFile {
  /** Path relative to the run directory, with '/' separators. */
  rel: string;
  kind: 'jsonl' | 'parquet';
}

/** Resolves the given paths: a run directory (it holds run.sqlite) or a folder of runs (one level down). */
export function buildCatalog(paths: readonly string[]): CatalogRun[] {
  const dirs: string[] = [];
  for (const given of paths) {
    const dir = resolve(given);
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new StudioError(`${given}: not a directory; give run directories (made by synthkit generate) or a folder holding them`);
    if (existsSync(join(dir, RUN_DB))) dirs.push(dir);
    else {
      const found = readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, RUN_DB)))
        .map((e) => join(dir, e.name))
        .sort();
      if (found.length === 0) throw new StudioError(`${given}: no run directory here (none holds ${RUN_DB}); give a run directory or a folder of them`);
      dirs.push(...found);
    }
  }
  const unique = [...new Set(dirs)];
  return unique.map((dir, i) => ({ id: `r${i}`, name: basename(dir), dir }));
}

/** JSONL and Parquet files inside the run directory (two levels deep), the only files a browser may open. */
export function listDatasetFiles(runDir: string): DatasetFile[] {
  const out: DatasetFile[] = [];
  const walk = (dir: string, depth: number) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory() && depth < 2) walk(path, depth + 1);
      else if (e.isFile() && /\.(jsonl|parquet)$/.test(e.name)) {
        const rel = relative(runDir, path).split(sep).join('/');
        out.push({ rel, kind: e.name.endsWith('.parquet') ? 'parquet' : 'jsonl' });
      }
    }
  };
  walk(runDir, 0);
  return out.sort((a, b) => a.rel.localeCompare(b.rel));
}
