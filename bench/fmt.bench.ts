// sbpl fmt throughput (the whole corpus, reading and verification included), and the cost of the limits:
// how long the hostile inputs of issue 15 take to be stopped at the default limits.
import type { BenchContext } from './run.js';
import { readProfile } from '../dist/sbpl/index.js';
import { formatSbpl } from '../dist/sbpl/fmt/format.js';
import { corpusCases, HAVE_CORPUS } from '../test/corpus/harness.js';

const HOSTILE: Record<string, string> = {
  'tail-call loop to maxSteps': '(version 1)\n(define (f x) (f x))\n(f 1)\n',
  '(append s s) doubled to maxAllocation': '(version 1)\n(define (d s n) (if (= n 0) s (d (append s s) (- n 1))))\n(d (list 1 2) 60)\n',
  'rules in a loop to maxRules': '(version 1)\n(define (f n) (allow file-read* (literal "/x")) (f (+ n 1)))\n(f 0)\n',
  'string-append doubling to maxStringLength': '(version 1)\n(define (g s) (g (string-append s s)))\n(g "xx")\n',
};

export default async function (ctx: BenchContext): Promise<void> {
  if (HAVE_CORPUS) {
    const cases = corpusCases();
    const mb = cases.reduce((n, c) => n + Buffer.byteLength(c.text), 0) / 1e6;
    const r = ctx.time(() => {
      for (const c of cases) formatSbpl(c.text, { fileName: c.path });
    }, 3000);
    const passes = r.iterations / r.seconds;
    ctx.report(`fmt: ${cases.length} corpus files (${mb.toFixed(2)} MB), verified`, passes * cases.length, 'profiles/s');
    ctx.report('fmt', passes * mb, 'MB/s');
  } else ctx.report('fmt (corpus not found)', 'skipped');
  for (const [label, text] of Object.entries(HOSTILE)) {
    const t0 = performance.now();
    const code = readProfile(text, { standardPolicy: false }).diagnostics.find((d) => d.severity === 'error')?.code ?? 'no error';
    ctx.report(`stopped: ${label} (${code})`, performance.now() - t0, 'ms');
  }
}
