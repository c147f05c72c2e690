// `npm run fuzz -- --count N [--surface S] [--seed S]`: run N cases per surface, check the properties (no
// escaped exception or internal error, errors located, time within bounds) and print counts per surface and the
// slowest input of each (size, time, heap growth).
import { SURFACES, rng } from './surfaces.js';

export interface SurfaceReport { surface: string; cases: number; ok: number; errors: number; failures: Array<{ index: number; why: string }>; slowest: { index: number; size: number; ms: number; heapMb: number } }

/** Per-case time bound: a case over this is a failure (bad input must fail fast). */
export const CASE_MS = 10_000;

export function fuzzSurface(name: string, count: number, seed: number): SurfaceReport {
  const s = SURFACES.find((x) => x.name === name);
  if (!s) throw new Error(`unknown surface ${name}`);
  const rep: SurfaceReport = { surface: name, cases: 0, ok: 0, errors: 0, failures: [], slowest: { index: -1, size: 0, ms: 0, heapMb: 0 } };
  for (let i = 0; i < count; i++) {
    const input = s.make(rng(seed * 1_000_003 + i));
    const h0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const o = s.run(input);
    const ms = performance.now() - t0;
    rep.cases++;
    if (ms > rep.slowest.ms) rep.slowest = { index: i, size: input.length, ms, heapMb: Math.max(0, (process.memoryUsage().heapUsed - h0) / 2 ** 20) };
    if (o.kind === 'crash') rep.failures.push({ index: i, why: o.detail ?? 'crash' });
    else if (o.kind === 'error' && !o.located) rep.failures.push({ index: i, why: `unlocated error: ${o.detail}` });
    else if (ms > CASE_MS) rep.failures.push({ index: i, why: `took ${ms.toFixed(0)} ms` });
    else if (o.kind === 'ok') rep.ok++;
    else rep.errors++;
  }
  return rep;
}

if (process.argv[1] && /fuzz[\\/]run\.ts$/.test(process.argv[1])) {
  const arg = (k: string) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : undefined; };
  const count = Number(arg('--count') ?? 1000);
  const seed = Number(arg('--seed') ?? 1);
  const only = arg('--surface');
  let bad = 0;
  for (const s of SURFACES) {
    if (only && s.name !== only) continue;
    const r = fuzzSurface(s.name, count, seed);
    bad += r.failures.length;
    console.log(`${r.surface.padEnd(16)} cases ${r.cases}  ok ${r.ok}  errors ${r.errors}  failures ${r.failures.length}  slowest #${r.slowest.index}: ${r.slowest.size} chars/bytes, ${r.slowest.ms.toFixed(1)} ms, +${r.slowest.heapMb.toFixed(1)} MB heap`);
    for (const f of r.failures.slice(0, 5)) console.log(`  FAIL #${f.index}: ${f.why.split('\n').slice(0, 4).join(' | ')}`);
  }
  process.exitCode = bad ? 1 : 0;
}
