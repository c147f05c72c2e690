// Shared helpers for the runtime tests: temp dirs, repo paths, optional external inputs.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SEEDS_DIR = join(ROOT, 'examples', 'seeds-runtime-checks');
export const SEEDS_MATRIX = join(SEEDS_DIR, 'matrix.json');
export const SEEDS_TRANSCRIPTS = join(SEEDS_DIR, 'transcripts.seeds.json');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'runtime');
/** Read in place, never copied (house rules); absent in a user's clone. */
export const SHARED = join(ROOT, '..', 'shared');
export const WITNESSED = join(SHARED, 'data', 'witnessed-blobs');
export const APPLE_1015 = join(SHARED, 'corpus', 'apple-macos-10.15.2', 'profiles');

export function tempDir(prefix = 'sbpl-rt-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function have(path: string, what: string): boolean {
  const ok = existsSync(path);
  if (!ok) console.warn(`skipping: ${what} not found at ${path}`);
  return ok;
}
