// Kill-anywhere (issue 15): `sbpl run` is SIGKILLed at random points (seeded; SBPL_KILL_SEED, SBPL_KILL_POINTS)
// and resumed each time. After every kill the results file is valid JSON with rows the journal holds; after
// the last resume every case is there exactly once and no temporary file is left. Atomic replace (`-o`
// outputs, results, manifests) is killed mid-write the same way: the file is always the old or the new text.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../src/runtime/journal.js';
import { RESULTS_FILE, type ResultsDocument } from '../../src/runtime/results.js';
import { removeStaleTempFiles } from '../../src/runtime/atomic.js';
import { ROOT, tempDir } from './helpers.js';

const SEED = Number(process.env.SBPL_KILL_SEED ?? 1509);
const POINTS = Number(process.env.SBPL_KILL_POINTS ?? 5);

/** Seeded kill points: at a moment after the start, or once the journal grew by a fraction of what is left. */
const killPlan = (seed: number, n: number) =>
  fc.sample(fc.noBias(fc.record({ byTime: fc.boolean(), ms: fc.integer({ min: 300, max: 2500 }), permille: fc.integer({ min: 0, max: 600 }) })), { seed, numRuns: n });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const exited = (c: ChildProcess) => new Promise<number | null>((r) => (c.exitCode !== null || c.signalCode !== null ? r(c.exitCode) : c.once('exit', (code) => r(code))));

function tempFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tempFiles(p) : n.includes('.tmp-') ? [p] : [];
  });
}

/** Lines in the journal (header + rows), counted cheaply while it grows. */
function journalLines(out: string): number {
  try {
    const b = readFileSync(join(out, JOURNAL_FILE));
    let n = 0;
    for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
    return n;
  } catch {
    return 0;
  }
}

function journalRowKeys(out: string): string[] {
  const p = join(out, JOURNAL_FILE);
  if (!existsSync(p)) return [];
  const keys: string[] = [];
  for (const line of readFileSync(p, 'utf8').split('\n')) {
    try {
      const o = JSON.parse(line) as { kind?: string; row?: { key: string } };
      if (o.kind === 'row' && o.row) keys.push(o.row.key);
    } catch {
      // the cut-short last line of a killed run
    }
  }
  return keys;
}

describe('kill anywhere', () => {
  it(`SIGKILL at ${POINTS} random points (seed ${SEED}), then --resume: every case exactly once, valid JSON, no temp files`, async () => {
    const plan = killPlan(SEED, POINTS);
    const dir = tempDir();
    const n = 400;
    const probes: Record<string, unknown> = {};
    const expect_: Record<string, string> = {};
    for (let i = 0; i < n; i++) {
      probes[`p${i}`] = { target: { path: `/private/tmp/k/${i % 3 ? 'in' : 'out'}/f${i}` }, exercise: 'read' };
      expect_[`p${i}`] = i % 3 ? 'allow' : 'deny';
    }
    const m = join(dir, 'm.json');
    writeFileSync(m, JSON.stringify({ format: 'sbpl-kit/runtime-matrix@1', name: 'kill', probes, profiles: [{ key: 'p', source: { inline: '(version 1)\n(deny default)\n(allow file-read* (subpath "/private/tmp/k/in"))\n' }, expect: expect_ }] }));
    const out = join(dir, 'out');
    const cli = () => spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'bin.ts'), 'run', m, '-o', out, '--resume', '--json'], { cwd: ROOT, stdio: 'ignore' });
    const killsAt: string[] = [];
    for (const [k, p] of plan.entries()) {
      const c = cli();
      if (p.byTime) {
        // at a random moment (start-up, profile files, journal rewrite, rows ...)
        killsAt.push(`${p.ms} ms`);
        await sleep(p.ms);
      } else {
        // once the journal has grown by a random number of rows
        const before = journalRowKeys(out).length;
        const want = Math.min(n, before + 1 + Math.floor((p.permille / 1000) * (n - before)));
        killsAt.push(`row ${want}`);
        for (let i = 0; i < 2000 && c.exitCode === null && journalLines(out) < want + 1; i++) await sleep(2);
      }
      c.kill('SIGKILL');
      await exited(c);
      const rows = journalRowKeys(out);
      if (process.env.SBPL_KILL_VERBOSE) console.log(`kill ${k} at ${killsAt[k]}: ${rows.length} journal rows`);
      expect(new Set(rows).size, `journal after kill ${k} (${killsAt[k]})`).toBe(rows.length);
      if (existsSync(join(out, RESULTS_FILE))) {
        const doc = JSON.parse(readFileSync(join(out, RESULTS_FILE), 'utf8')) as ResultsDocument;
        const keys = doc.results.map((r) => r.key);
        expect(new Set(keys).size).toBe(keys.length);
        const inJournal = new Set(rows);
        expect(keys.filter((key) => !inJournal.has(key)), `results rows not in the journal after kill ${k}`).toEqual([]);
      }
    }
    const last = cli();
    expect(await exited(last)).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, RESULTS_FILE), 'utf8')) as ResultsDocument;
    expect(doc.run.complete).toBe(true);
    expect(doc.results.map((r) => r.key)).toEqual(Array.from({ length: n }, (_, i) => `p/p${i}`));
    expect(doc.summary.mismatched).toBe(0);
    expect(journalRowKeys(out).sort()).toEqual(doc.results.map((r) => r.key).sort());
    expect(tempFiles(out)).toEqual([]);
  });

  it('an atomic replace killed at random points leaves the old or the new file, and its temp file is cleaned', async () => {
    const pauses = fc.sample(fc.noBias(fc.integer({ min: 20, max: 320 })), { seed: SEED + 1, numRuns: 3 });
    const dir = tempDir();
    const target = join(dir, 'out.json');
    const A = 'a'.repeat(1 << 20);
    const B = 'b'.repeat(1 << 21);
    writeFileSync(target, A);
    const script = join(dir, 'writer.ts');
    writeFileSync(script, `import { writeFileAtomic } from ${JSON.stringify(join(ROOT, 'src', 'runtime', 'atomic.ts'))};\nconst A = 'a'.repeat(1 << 20), B = 'b'.repeat(1 << 21);\nprocess.stdout.write('ready\\n');\nfor (let i = 0; ; i++) writeFileAtomic(${JSON.stringify(target)}, i % 2 ? A : B);\n`);
    for (const [k, pause] of pauses.entries()) {
      const c = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
      await new Promise<void>((r) => c.stdout!.once('data', () => r()));
      await sleep(pause);
      c.kill('SIGKILL');
      await exited(c);
      const text = readFileSync(target, 'utf8');
      expect(text === A || text === B, `after kill ${k} the file is ${text.length} bytes`).toBe(true);
    }
    removeStaleTempFiles(dir);
    expect(readdirSync(dir).sort()).toEqual(['out.json', 'writer.ts']);
  });
});
