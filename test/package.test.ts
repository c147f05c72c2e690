// What `npm pack` ships: the built code, the helper's C source, docs, README and LICENSE — no tests, no
// fixtures, no TypeScript sources, no source map (none is built: a map would point at sources the package
// does not ship), nothing over the size budgets.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Largest single file: the bundled CLI's shared chunk (reader, interpreter, vocabularies; minified) is ~170 KB. */
const FILE_BUDGET = 192 * 1024;
/** The whole tarball, compressed. */
const PACK_BUDGET = 1024 * 1024;

interface PackFile {
  path: string;
  size: number;
}

describe.skipIf(!existsSync(join(ROOT, 'dist/index.js')))('npm pack contents', () => {
  // --ignore-scripts: the build already ran (prepare); packing must not rebuild the tree under the test.
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const pack = (JSON.parse(out) as Array<{ size: number; files: PackFile[] }>)[0];
  const paths = pack.files.map((f) => f.path);

  it('ships LICENSE, README, package.json and the built entry points', () => {
    for (const p of ['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/bin.js']) expect(paths, p).toContain(p);
  });

  it('ships no tests, fixtures, TypeScript sources, benches, web sources or editor packages', () => {
    const bad = paths.filter((p) => /^(test|bench|web|editors|examples|fuzz)\//.test(p) || /(^|\/)fixtures?\//.test(p) || /\.test\.[jt]s$/.test(p) || (/\.ts$/.test(p) && !p.endsWith('.d.ts')));
    expect(bad).toEqual([]);
  });

  it('ships no source map (so none points at a missing source)', () => {
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
  });

  it(`keeps every file under ${FILE_BUDGET / 1024} KB and the tarball under ${PACK_BUDGET / 1024} KB`, () => {
    expect(pack.files.filter((f) => f.size > FILE_BUDGET).map((f) => `${f.path} ${f.size}`)).toEqual([]);
    expect(pack.size).toBeLessThan(PACK_BUDGET);
  });
});
