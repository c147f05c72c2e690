// `npx tsx fuzz/cli-sample.ts [--count N] [--seed S]`: a small sample of fuzz inputs through the real CLI
// (dist/cli/bin.js, as subprocesses). Properties: exit code 0, 1 or 2 only; no stack trace on stderr; within
// a time bound. Slow (one Node start per case), so it complements the in-process surfaces rather than replacing them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SURFACES, prepareSurfaces } from './run.js';
import { rng } from './surfaces.js';

/** Which surface's inputs each command reads, and how it is called with the input file. */
const COMMANDS: Array<{ surface: string; ext: string; argv: (file: string) => string[] }> = [
  { surface: 'sbpl-corpus', ext: 'sb', argv: (f) => ['check', f] },
  { surface: 'sbpl-generated', ext: 'sb', argv: (f) => ['check', '--json', f] },
  { surface: 'sbpl-generated', ext: 'sb', argv: (f) => ['query', f, 'file-read-data', '/p1/x'] },
  { surface: 'sbpl-corpus', ext: 'sb', argv: (f) => ['fmt', f] },
  { surface: 'blob-sonoma14', ext: 'bin', argv: (f) => ['decode', f] },
  { surface: 'matrix', ext: 'json', argv: (f) => ['matrix-check', f] },
  { surface: 'results', ext: 'json', argv: (f) => ['golden', f, '-o', f + '.golden.json'] },
  { surface: 'denial-log', ext: 'log', argv: (f) => ['log2matrix', f] },
];

const here = dirname(fileURLToPath(import.meta.url));
const bin = resolve(here, '..', 'dist', 'cli', 'bin.js');
const arg = (k: string) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : undefined; };
const count = Number(arg('--count') ?? 80);
const seed = Number(arg('--seed') ?? 1);
if (!existsSync(bin)) throw new Error(`${bin} missing: run npm run build first`);
await prepareSurfaces();
const dir = mkdtempSync(join(tmpdir(), 'sbpl-cli-fuzz-'));
const tally = new Map<string, { cases: number; exits: Record<number, number>; failures: string[]; slowestMs: number }>();
try {
  for (let i = 0; i < count; i++) {
    const c = COMMANDS[i % COMMANDS.length];
    const s = SURFACES.find((x) => x.name === c.surface)!;
    const input = s.make(rng(seed * 1_000_003 + i));
    const file = join(dir, `case-${i}.${c.ext}`);
    writeFileSync(file, input);
    const t0 = performance.now();
    const p = spawnSync(process.execPath, [bin, ...c.argv(file)], { encoding: 'utf8', timeout: 30_000, maxBuffer: 64 << 20 });
    const ms = performance.now() - t0;
    const name = c.argv('FILE').join(' ');
    const t = tally.get(name) ?? { cases: 0, exits: {}, failures: [], slowestMs: 0 };
    t.cases++;
    t.slowestMs = Math.max(t.slowestMs, ms);
    const code = p.status ?? -1;
    t.exits[code] = (t.exits[code] ?? 0) + 1;
    if (![0, 1, 2].includes(code)) t.failures.push(`#${i}: exit ${code}${p.signal ? ` (${p.signal})` : ''}: ${p.stderr.slice(0, 200)}`);
    else if (/^\s+at .+:\d+:\d+\)?$/m.test(p.stderr)) t.failures.push(`#${i}: stack trace on stderr: ${p.stderr.slice(0, 200)}`);
    tally.set(name, t);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
let bad = 0;
for (const [name, t] of tally) {
  bad += t.failures.length;
  console.log(`sbpl ${name.padEnd(40)} cases ${t.cases}  exits ${JSON.stringify(t.exits)}  failures ${t.failures.length}  slowest ${t.slowestMs.toFixed(0)} ms`);
  for (const f of t.failures.slice(0, 5)) console.log(`  FAIL ${f}`);
}
process.exitCode = bad ? 1 : 0;
