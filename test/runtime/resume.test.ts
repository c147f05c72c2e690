// `sbpl run --resume` (issue 15): rows are kept only while the matrix, every profile's content (imports
// included) and the backend are unchanged; otherwise a clear error, or with --force exactly the changed
// probes run again. Profile files get collision-free, bounded names; the results file is rewritten at a
// cost linear in rows.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMatrix, type RunOptions } from '../../src/runtime/run.js';
import { JOURNAL_FILE, readJournal, readJournalFile } from '../../src/runtime/journal.js';
import { ResumeError } from '../../src/runtime/resume.js';
import { ResultsWriter, type ResultRow, type ResultsDocument } from '../../src/runtime/results.js';
import { profileFileStems } from '../../src/runtime/profile-files.js';
import { runCli } from '../cli/run-cli.js';
import { tempDir } from './helpers.js';

function setup(expectB = 'deny') {
  const dir = tempDir();
  writeFileSync(join(dir, 'lib.sb'), '(allow file-read* (subpath "/private/etc"))\n');
  writeFileSync(join(dir, 'p.sb'), '(version 1)\n(deny default)\n(import "lib.sb")\n');
  const matrix = (b: string) => ({
    format: 'sbpl-kit/runtime-matrix@1',
    name: 'resume',
    probes: {
      a: { target: { path: '/private/etc/hosts' }, exercise: 'read' },
      b: { target: { path: '/private/etc/hosts' }, exercise: 'write' },
      c: { target: { path: '/usr/bin/true' }, exercise: 'read' },
    },
    profiles: [
      { key: 'p', source: { file: 'p.sb' }, expect: { a: 'allow', b: b, c: 'deny' } },
      { key: 'q', source: { inline: '(version 1)\n(allow default)\n' }, expect: { a: 'allow', b: 'allow', c: 'allow' } },
    ],
  });
  const m = join(dir, 'matrix.json');
  const writeMatrix = (b: string) => writeFileSync(m, JSON.stringify(matrix(b), null, 2));
  writeMatrix(expectB);
  return { dir, m, writeMatrix };
}

/** Run, stopping after `n` rows (an interrupted run). */
async function runStoppingAfter(opts: RunOptions, n: number) {
  const ac = new AbortController();
  let rows = 0;
  return runMatrix({ ...opts, signal: ac.signal, onRow: () => ++rows >= n && ac.abort('stopped by the test') });
}

async function resumed(opts: RunOptions) {
  const ran: string[] = [];
  const r = await runMatrix({ ...opts, resume: true, onRow: (row) => ran.push(row.key) });
  return { r, ran };
}

describe('--resume', () => {
  it('with nothing changed keeps every finished row and runs only the rest, each case once', async () => {
    const { m } = setup();
    const out = tempDir();
    const first = await runStoppingAfter({ matrixPath: m, outDir: out, backend: 'simulate' }, 2);
    expect(first.document.run.complete).toBe(false);
    const { r, ran } = await resumed({ matrixPath: m, outDir: out, backend: 'simulate' });
    expect(ran).toEqual(['p/c', 'q/a', 'q/b', 'q/c']);
    expect(r.document.results.map((x) => x.key)).toEqual(['p/a', 'p/b', 'p/c', 'q/a', 'q/b', 'q/c']);
    expect(r.document.run.complete).toBe(true);
    const j = readJournalFile(join(out, JOURNAL_FILE));
    expect(j.header?.matrix.sha256).toBe(r.document.matrix.sha256);
    expect(j.rows.map((x) => x.row.key)).toEqual(r.document.results.map((x) => x.key));
    const manifest = JSON.parse(readFileSync(r.manifestPath, 'utf8'));
    expect(manifest.resumed).toEqual({ kept: 2, changesAccepted: [] });
  });

  it('refuses when the matrix changed, naming it; --force reruns only the changed case', async () => {
    const { m, writeMatrix } = setup('deny');
    const out = tempDir();
    await runMatrix({ matrixPath: m, outDir: out, backend: 'simulate' });
    writeMatrix('os-permission');
    await expect(runMatrix({ matrixPath: m, outDir: out, backend: 'simulate', resume: true })).rejects.toThrow(
      /cannot resume from .*runtime_results\.journal\.ndjson: the matrix changed \(sha256 [0-9a-f]{12}… → [0-9a-f]{12}…\)\. Run without --resume to start over, or add --force/,
    );
    // the refused resume left the directory as it was
    const snapshot = (d: string) => readdirSync(d, { recursive: true }).map(String).sort().map((f) => [f, statSync(join(d, f)).isFile() ? readFileSync(join(d, f), 'utf8') : '']);
    const before = snapshot(out);
    await expect(runMatrix({ matrixPath: m, outDir: out, backend: 'simulate', resume: true })).rejects.toThrow(ResumeError);
    expect(snapshot(out)).toEqual(before);
    const { r, ran } = await resumed({ matrixPath: m, outDir: out, backend: 'simulate', force: true });
    expect(ran).toEqual(['p/b']);
    expect(r.document.results.map((x) => [x.key, x.expected])).toEqual([
      ['p/a', 'allow'],
      ['p/b', 'os-permission'],
      ['p/c', 'deny'],
      ['q/a', 'allow'],
      ['q/b', 'allow'],
      ['q/c', 'allow'],
    ]);
  });

  it('refuses when a profile file or a file it imports changed; --force reruns that profile only', async () => {
    const { dir, m } = setup();
    const out = tempDir();
    await runMatrix({ matrixPath: m, outDir: out, backend: 'simulate' });
    writeFileSync(join(dir, 'lib.sb'), '(allow file-read* (subpath "/usr"))\n');
    await expect(runMatrix({ matrixPath: m, outDir: out, backend: 'simulate', resume: true })).rejects.toThrow(/profile 'p' changed \(content sha256/);
    const { r, ran } = await resumed({ matrixPath: m, outDir: out, backend: 'simulate', force: true });
    expect(ran).toEqual(['p/a', 'p/b', 'p/c']);
    expect(r.document.results.find((x) => x.key === 'p/c')?.actual).toBe('allowed');
    // and the new contents are now the reference: a plain resume runs nothing
    expect((await resumed({ matrixPath: m, outDir: out, backend: 'simulate' })).ran).toEqual([]);
  });

  it('refuses a different backend or runner', async () => {
    const { m } = setup();
    const out = tempDir();
    await runMatrix({ matrixPath: m, outDir: out, backend: 'simulate' });
    await expect(runMatrix({ matrixPath: m, outDir: out, backend: 'simulate', runner: 'sandbox-exec', resume: true })).rejects.toThrow(/the runner changed \(helper → sandbox-exec\)/);
  });

  it('a journal without a header (older sbpl-kit) is refused; --force reruns everything', async () => {
    const { m } = setup();
    const out = tempDir();
    const r0 = await runMatrix({ matrixPath: m, outDir: out, backend: 'simulate' });
    writeFileSync(join(out, JOURNAL_FILE), r0.document.results.map((x) => JSON.stringify(x)).join('\n') + '\n');
    await expect(runMatrix({ matrixPath: m, outDir: out, backend: 'simulate', resume: true })).rejects.toThrow(/no header \(written by an older sbpl-kit\)/);
    expect((await resumed({ matrixPath: m, outDir: out, backend: 'simulate', force: true })).ran).toHaveLength(6);
  });

  it('a damaged line inside the journal is an error naming the line; a cut-short last line is skipped', async () => {
    const { m } = setup();
    const out = tempDir();
    await runStoppingAfter({ matrixPath: m, outDir: out, backend: 'simulate' }, 3);
    const p = join(out, JOURNAL_FILE);
    const lines = readFileSync(p, 'utf8').split('\n');
    writeFileSync(p, lines.slice(0, 3).join('\n') + '\n' + lines[3].slice(0, 40));
    expect(readJournal(out).map((x) => x.key)).toEqual(['p/a', 'p/b']);
    const { ran } = await resumed({ matrixPath: m, outDir: out, backend: 'simulate' });
    expect(ran).toEqual(['p/c', 'q/a', 'q/b', 'q/c']);
    const now = readFileSync(p, 'utf8').split('\n');
    writeFileSync(p, [now[0], '{"kind": "row", "case": ', ...now.slice(1)].join('\n'));
    await expect(runMatrix({ matrixPath: m, outDir: out, backend: 'simulate', resume: true })).rejects.toThrow(/runtime_results\.journal\.ndjson:2: damaged journal line/);
  });

  it('the CLI: exit 2 with the reason, --force only with --resume', async () => {
    const { m, writeMatrix } = setup();
    const out = tempDir();
    expect((await runCli(['run', m, '-o', out])).code).toBe(0);
    writeMatrix('allow');
    let r = await runCli(['run', m, '-o', out, '--resume']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sbpl: cannot resume from .*: the matrix changed/);
    r = await runCli(['run', m, '-o', out, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--force is only used with --resume/);
    r = await runCli(['run', m, '-o', out, '--resume', '--force', '--allow-mismatch']);
    expect(r.code).toBe(0);
  });
});

describe('profile file names', () => {
  it('keys that differ only in characters a file name cannot carry, or in case, get their own files', () => {
    const stems = profileFileStems(['a/b', 'a_b', 'A_b', 'x'.repeat(5000), '..', '.hidden']);
    const names = [...stems.values()];
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(6);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(61);
      expect(n).toMatch(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/);
    }
  });

  it('a/b and a_b run under their own texts; a 5,000-character key runs (no ENAMETOOLONG)', async () => {
    const dir = tempDir();
    const long = 'k'.repeat(5000);
    const m = join(dir, 'm.json');
    writeFileSync(m, JSON.stringify({
      format: 'sbpl-kit/runtime-matrix@1',
      name: 'names',
      probes: { r: { target: { path: '/private/etc/hosts' }, exercise: 'read' } },
      profiles: [
        { key: 'a/b', source: { inline: '(version 1)\n(allow default)\n' }, expect: { r: 'allow' } },
        { key: 'a_b', source: { inline: '(version 1)\n(deny default)\n' }, expect: { r: 'deny' } },
        { key: long, source: { inline: '(version 1)\n(allow default)\n' }, expect: { r: 'allow' } },
      ],
    }));
    const out = tempDir();
    const r = await runMatrix({ matrixPath: m, outDir: out, backend: 'simulate' });
    expect(r.document.summary.mismatched).toBe(0);
    const files = r.document.profiles.map((p) => p.appliedProfileFile!);
    expect(new Set(files).size).toBe(3);
    expect(readFileSync(join(out, files[0]), 'utf8')).toContain('(allow default)');
    expect(readFileSync(join(out, files[1]), 'utf8')).toContain('(deny default)');
    expect(readdirSync(join(out, 'profiles'))).toHaveLength(3);
  });
});

describe('results file upkeep', () => {
  it('is rewritten O(log n) times for n fast rows, and holds every row at the end', () => {
    const out = tempDir();
    let rewrites = 0;
    const doc = {
      format: 'sbpl-kit/runtime-results@1' as const,
      tool: { name: 'sbpl-kit', version: 'x' },
      run: { id: 'r', backend: 'simulate' as const, runner: null, compare: 'expected' as const, startedAt: '', finishedAt: null, complete: false, predictor: null },
      matrix: { path: '', name: 'm', sha256: '' },
      profiles: [],
    };
    const w = new ResultsWriter(out, doc, [], { onRewrite: () => rewrites++, minIntervalMs: 60_000 });
    const row = (i: number) => ({ key: `k${i}`, actual: 'allowed', match: true, prediction: undefined }) as unknown as ResultRow;
    for (let i = 0; i < 5000; i++) w.add(row(i));
    expect(rewrites).toBeLessThanOrEqual(15); // 1 + log2(5000) + 1
    w.finish();
    const d = JSON.parse(readFileSync(w.resultsPath, 'utf8')) as ResultsDocument;
    expect(d.results).toHaveLength(5000);
    expect(d.run.complete).toBe(true);
    expect(existsSync(join(out, JOURNAL_FILE))).toBe(false);
  });
});
