// `npm run bench`: runs every bench/*.bench.ts (sources, via tsx) and bench/*.bench.mjs (the built dist/)
// and prints throughput figures. Each bench module exports `default async function (ctx: BenchContext)` and
// prints its lines with ctx.report(label, value, unit). `npm run bench -- decide` runs the matching ones only.
import { readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = resolve(here, '..', '..', 'shared', 'corpus');
const only = process.argv.slice(2);

export interface BenchContext {
  corpusDir: string | null;
  report(label: string, value: number | string, unit?: string): void;
  time(fn: () => void, ms?: number): { iterations: number; seconds: number };
}

const ctx: BenchContext = {
  corpusDir: existsSync(corpusDir) ? corpusDir : null,
  report(label: string, value: number | string, unit?: string) {
    const v = typeof value === 'number' ? (value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2)) : String(value);
    console.log(`  ${label.padEnd(58)} ${v} ${unit ?? ''}`);
  },
  /** Run fn repeatedly for at least `ms` milliseconds; returns { iterations, seconds }. */
  time(fn: () => void, ms = 1000) {
    for (let i = 0; i < 3; i++) fn();
    let iterations = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      fn();
      iterations++;
      now = performance.now();
    }
    return { iterations, seconds: (now - start) / 1000 };
  },
};

if (!ctx.corpusDir) console.log('note: ../shared/corpus not found; corpus benchmarks are skipped');
const files = readdirSync(here).filter((f) => (f.endsWith('.bench.mjs') || f.endsWith('.bench.ts')) && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
for (const f of files) {
  console.log(`\n${f.replace(/\.bench\.(mjs|ts)$/, '')}`);
  const mod = await import(pathToFileURL(join(here, f)).href);
  await mod.default(ctx);
}
