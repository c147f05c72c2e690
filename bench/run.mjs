// `npm run bench`: runs every bench/*.bench.mjs against the built package (dist/) and prints throughput figures.
// Each bench module exports `default async function (ctx)` and prints its own lines via ctx.report(label, value, unit).
import { readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = resolve(here, '..', '..', 'shared', 'corpus');
const only = process.argv.slice(2);

const ctx = {
  corpusDir: existsSync(corpusDir) ? corpusDir : null,
  report(label, value, unit) {
    const v = typeof value === 'number' ? (value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2)) : String(value);
    console.log(`  ${label.padEnd(58)} ${v} ${unit ?? ''}`);
  },
  /** Run fn repeatedly for at least `ms` milliseconds; returns { iterations, seconds }. */
  time(fn, ms = 1000) {
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
const files = readdirSync(here).filter((f) => f.endsWith('.bench.mjs') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
for (const f of files) {
  console.log(`\n${f.replace('.bench.mjs', '')}`);
  const mod = await import(pathToFileURL(join(here, f)).href);
  await mod.default(ctx);
}
