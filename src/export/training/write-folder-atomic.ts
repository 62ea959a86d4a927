/**
 * Writes a whole folder so that readers see the old folder or the complete new one: files go to a
 * sibling temp folder, which is then renamed into place (the old folder is moved aside first and
 * removed after, since rename(2) cannot replace a non-empty directory). A crash before the swap
 * leaves only a temp folder; one between the two renames leaves the old folder under `.old-*`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFolderAtomic(dir: string, files: Map<string, string | Uint8Array>): Promise<void> {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const tag = randomBytes(6).toString('hex');
  const temp = join(parent, `.${basename(dir)}.tmp-${tag}`);
  try {
    // Sorted, so directories and files are created in the same order every time.
    for (const name of [...files.keys()].sort()) {
      const path = join(temp, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, files.get(name)!);
    }
    if (existsSync(dir)) {
      const old = join(parent, `.${basename(dir)}.old-${tag}`);
      await rename(dir, old);
      await rename(temp, dir);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(temp, dir);
    }
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}
