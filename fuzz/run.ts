// `npm run fuzz -- --count N [--surface S] [--seed S]` or `--plan s1=N1,s2=N2 [--progress FILE]`: run cases per
// surface, check the properties (no escaped exception or internal error, errors located, time within bounds) and
// print counts per surface and the slowest input of each (size, time, heap growth).
import { appendFileSync } from 'node:fs';
import { SURFACES as CORE, rng } from './surfaces.js';
import { DOCUMENT_SURFACES, prepareDocuments } from './documents.js';

/** Every surface: SBPL text, request lines, blobs (surfaces.ts) and the runtime documents and editor (documents.ts). */
export const SURFACES = [...CORE, ...DOCUMENT_SURFACES];
/** Make the seeds that need an async run (results, golden); call once before fuzzing those surfaces. */
export const prepareSurfaces = prepareDocuments;

export interface SurfaceReport { surface: string; seed: number; cases: number; ok: number; errors: number; seconds: number; failures: Array<{ index: number; why: string }>; slowest: { index: number; size: number; ms: number; heapMb: number } }

/** Per-case time bound: a case over this is a failure (bad input must fail fast). */
export const CASE_MS = 10_000;

const heapUsed = () => process.memoryUsage().heapUsed;

export function fuzzSurface(name: string, count: number, seed: number, onProgress?: (r: SurfaceReport) => void): SurfaceReport {
  const s = SURFACES.find((x) => x.name === name);
  if (!s) throw new Error(`unknown surface ${name}`);
  const rep: SurfaceReport = { surface: name, seed, cases: 0, ok: 0, errors: 0, seconds: 0, failures: [], slowest: { index: -1, size: 0, ms: 0, heapMb: 0 } };
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const input = s.make(rng(seed * 1_000_003 + i));
    const t0 = performance.now();
    const o = s.run(input);
    const ms = performance.now() - t0;
    rep.cases++;
    if (ms > rep.slowest.ms) {
      // Heap growth is measured only for a new slowest case, by replaying it (inputs are deterministic), so the
      // common case pays no memoryUsage() call.
      const h0 = heapUsed();
      s.run(input);
      rep.slowest = { index: i, size: input.length, ms, heapMb: Math.max(0, (heapUsed() - h0) / 2 ** 20) };
    }
    if (o.kind === 'crash') rep.failures.push({ index: i, why: o.detail ?? 'crash' });
    else if (o.kind === 'error' && !o.located) rep.failures.push({ index: i, why: `unlocated error: ${o.detail}` });
    else if (ms > CASE_MS) rep.failures.push({ index: i, why: `took ${ms.toFixed(0)} ms` });
    else if (o.kind === 'ok') rep.ok++;
    else rep.errors++;
    if (onProgress && (i + 1) % 10_000 === 0) { rep.seconds = (performance.now() - start) / 1000; onProgress(rep); }
  }
  rep.seconds = (performance.now() - start) / 1000;
  return rep;
}

export function formatReport(r: SurfaceReport): string {
  const rate = r.seconds > 0 ? (r.cases / r.seconds).toFixed(0) : '-';
  return `${r.surface.padEnd(16)} seed ${r.seed}  cases ${r.cases}  ok ${r.ok}  errors ${r.errors}  failures ${r.failures.length}  ${r.seconds.toFixed(1)} s (${rate}/s)  slowest #${r.slowest.index}: ${r.slowest.size} chars/bytes, ${r.slowest.ms.toFixed(1)} ms, +${r.slowest.heapMb.toFixed(1)} MB heap`;
}

if (process.argv[1] && /fuzz[\\/]run\.ts$/.test(process.argv[1])) {
  const arg = (k: string) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : undefined; };
  const count = Number(arg('--count') ?? 1000);
  const seed = Number(arg('--seed') ?? 1);
  const only = arg('--surface');
  const progress = arg('--progress');
  const plan: Array<[string, number]> = arg('--plan')
    ? arg('--plan')!.split(',').map((p) => { const [n, c] = p.split('='); return [n, Number(c)]; })
    : SURFACES.filter((s) => !only || s.name === only).map((s) => [s.name, count]);
  const log = (line: string) => { console.log(line); if (progress) appendFileSync(progress, line + '\n'); };
  let bad = 0;
  await prepareSurfaces();
  for (const [name, n] of plan) {
    const r = fuzzSurface(name, n, seed, progress ? (p) => appendFileSync(progress, `progress ${formatReport(p)}\n`) : undefined);
    bad += r.failures.length;
    log(formatReport(r));
    for (const f of r.failures.slice(0, 20)) log(`  FAIL ${r.surface} seed ${seed} #${f.index}: ${f.why.split('\n').slice(0, 4).join(' | ')}`);
  }
  process.exitCode = bad ? 1 : 0;
}
