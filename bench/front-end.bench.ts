// Front end throughput: reading alone, and reading + interpreting (imports included) the whole corpus.
import type { BenchContext } from './run.js';
import { readProfile } from '../dist/sbpl/index.js';
import { readSource } from '../dist/scheme/reader.js';
import { SourceFile } from '../dist/scheme/source.js';
import { corpusCases, HAVE_CORPUS } from '../test/corpus/harness.js';

export default async function (ctx: BenchContext): Promise<void> {
  if (!HAVE_CORPUS) {
    ctx.report('front end (corpus not found)', 'skipped');
    return;
  }
  const cases = corpusCases();
  const bytes = cases.reduce((n, c) => n + Buffer.byteLength(c.text), 0);
  const mb = bytes / 1e6;
  // reading only (fresh SourceFile each time: no parse cache)
  const read = ctx.time(() => {
    for (const c of cases) {
      try {
        readSource(new SourceFile(c.path, c.text));
      } catch {
        /* the cpp template does not read */
      }
    }
  }, 2000);
  const readPasses = read.iterations / read.seconds;
  ctx.report(`read: ${cases.length} corpus files (${mb.toFixed(2)} MB)`, readPasses * cases.length, 'profiles/s');
  ctx.report('read', readPasses * mb, 'MB/s');
  // read + interpret + imports, first pass cold (parse cache empty for new texts), then warm
  const t0 = performance.now();
  for (const c of cases) readProfile(c.text, c.options);
  const cold = (performance.now() - t0) / 1000;
  ctx.report('read + interpret whole corpus, first pass (one core)', cold * 1000, 'ms');
  const full = ctx.time(() => {
    for (const c of cases) readProfile(c.text, c.options);
  }, 3000);
  const passes = full.iterations / full.seconds;
  ctx.report('read + interpret (imports resolved, parse cache warm)', passes * cases.length, 'profiles/s');
  ctx.report('read + interpret', passes * mb, 'MB/s');
  ctx.report('whole corpus, warm', 1000 / passes, 'ms');
}
