/**
 * Expands the paths given to ingest into files, each with the source name it is stored under.
 *
 * Sources are relative to a base directory (by default the deepest folder containing every given
 * path; for one folder, that folder), with forward slashes, so re-ingesting the same folder from
 * anywhere finds the same sources and hashes. Folders are walked recursively in sorted order;
 * hidden entries (".git", ".DS_Store") and node_modules are passed over silently; symbolic links
 * to folders are not followed (no cycles).
 */
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface InputFile {
  absolute: string;
  source: string;
}

export interface InputListing {
  baseDir: string;
  files: InputFile[];
  /** Folders walked, as sources ("" for the base itself): files stored under them but gone now are removed. */
  walkedFolders: string[];
  missing: { path: string; reason: string }[];
}

export async function listInputFiles(paths: string[], baseDir?: string): Promise<InputListing> {
  const absolute = paths.map((p) => resolve(p));
  const kinds = await Promise.all(
    absolute.map((p) =>
      stat(p).then(
        (s) => (s.isDirectory() ? 'dir' : 'file'),
        (e: NodeJS.ErrnoException) => e,
      ),
    ),
  );
  const base = resolve(baseDir ?? commonBase(absolute.map((p, i) => (kinds[i] === 'dir' ? p : dirname(p)))));
  const toSource = (p: string) => relative(base, p).split(sep).join('/');
  const listing: InputListing = { baseDir: base, files: [], walkedFolders: [], missing: [] };
  const seen = new Set<string>();
  const add = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    listing.files.push({ absolute: file, source: toSource(file) });
  };
  for (let i = 0; i < absolute.length; i++) {
    const kind = kinds[i];
    if (kind instanceof Error)
      listing.missing.push({ path: paths[i], reason: kind.code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${kind.message}` });
    else if (kind === 'file') add(absolute[i]);
    else {
      listing.walkedFolders.push(toSource(absolute[i]));
      for (const file of await walk(absolute[i])) add(file);
    }
  }
  return listing;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.isFile()) files.push(path);
    else if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => undefined);
      if (target?.isFile()) files.push(path);
    }
  }
  return files;
}

function commonBase(dirs: string[]): string {
  if (dirs.length === 0) return process.cwd();
  let parts = dirs[0].split(sep);
  for (const dir of dirs.slice(1)) {
    const other = dir.split(sep);
    let i = 0;
    while (i < parts.length && i < other.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join(sep) || sep;
}
