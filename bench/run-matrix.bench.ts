// `sbpl run` wall time against the number of result rows (simulate backend, one small profile, N probes):
// results-file upkeep must stay linear in rows (issue 15: it used to rewrite and fsync the whole file per row).
import type { BenchContext } from './run.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMatrix } from '../dist/runtime/run.js';

function matrix(rows: number): unknown {
  const probes: Record<string, unknown> = {};
  const expect: Record<string, string> = {};
  for (let i = 0; i < rows; i++) {
    const id = `p${i}`;
    probes[id] = { target: { path: `/private/tmp/bench/${i % 2 ? 'allowed' : 'denied'}/f${i}` }, exercise: 'read' };
    expect[id] = i % 2 ? 'allow' : 'deny';
  }
  return {
    format: 'sbpl-kit/runtime-matrix@1',
    name: `bench ${rows}`,
    probes,
    profiles: [{ key: 'p', source: { inline: '(version 1)\n(deny default)\n(allow file-read* (subpath "/private/tmp/bench/allowed"))\n' }, expect }],
  };
}

export default async function (ctx: BenchContext): Promise<void> {
  for (const rows of [300, 1500, 6000]) {
    const dir = mkdtempSync(join(tmpdir(), 'sbpl-bench-run-'));
    try {
      const m = join(dir, 'matrix.json');
      writeFileSync(m, JSON.stringify(matrix(rows)));
      const t0 = performance.now();
      const r = await runMatrix({ matrixPath: m, outDir: join(dir, 'out'), backend: 'simulate' });
      const s = (performance.now() - t0) / 1000;
      if (r.document.results.length !== rows || r.document.summary.mismatched) throw new Error('bench run gave unexpected results');
      ctx.report(`run (simulate) ${rows} rows`, s * 1000, 'ms');
      ctx.report(`run (simulate) ${rows} rows, per row`, (s * 1e6) / rows, 'µs');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
