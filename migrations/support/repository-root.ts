import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Migrations run both from source (migrations/) and compiled (dist/migrations/), so the data
 * folder is found by walking up rather than by a fixed relative path. Requiring data/regions as
 * well as package.json keeps a package.json placed inside dist/ from being taken for the root.
 */
export function findRepositoryRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data', 'regions'))) {
      return dir;
    }
    if (dirname(dir) === dir) {
      throw new Error(`No directory with package.json and data/regions above ${start}`);
    }
  }
}
