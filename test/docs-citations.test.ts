// Every document the code and the README cite is in the repository: each `docs/...` path named in src/ or
// README.md exists, and no comment sends the reader to the research notes of the workspace (../shared/research).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|md)$/.test(n) ? [p] : [];
  });
}

const texts = [...walk(join(ROOT, 'src')), join(ROOT, 'README.md')].map((p) => ({ file: relative(ROOT, p), text: readFileSync(p, 'utf8') }));

describe('documents cited by the code and the README', () => {
  it('every docs/ path cited exists', () => {
    const missing: string[] = [];
    let cited = 0;
    for (const { file, text } of texts) {
      for (const m of text.matchAll(/\bdocs\/[\w./-]*\w/g)) {
        cited++;
        if (!existsSync(join(ROOT, m[0]))) missing.push(`${file}: ${m[0]}`);
      }
    }
    expect(missing).toEqual([]);
    expect(cited).toBeGreaterThan(20);
  });

  it('no citation of the workspace research notes (they are not in the repository)', () => {
    const found = texts.flatMap(({ file, text }) => [...text.matchAll(/\bresearch\/[\w.-]+/g)].map((m) => `${file}: ${m[0]}`));
    expect(found).toEqual([]);
  });
});
