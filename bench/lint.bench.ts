// Lint cost against profile size: N regex rules on mixed operations and actions (issue 15: lint was
// super-linear, 25,000 rules > 100 s). Reports seconds per size and the ratio to the 1,000-rule run, which
// stays near the size ratio when lint is linear.
import type { BenchContext } from './run.js';
import { readProfile } from '../dist/sbpl/index.js';
import { getVocab } from '../dist/vocab/index.js';
import { lintProfile } from '../dist/decide/lint.js';

const OPS = ['file-read*', 'file-read-data', 'file-write*', 'file-read-metadata', 'file-write-data'];

/** `n` regex rules: allow and deny, wide and narrow operations, every fourth one repeating an earlier pattern. */
export function regexRulesProfile(n: number): string {
  const forms = ['(version 1)', '(deny default)'];
  for (let i = 0; i < n; i++) {
    const k = i % 4 === 3 ? i - 3 : i;
    forms.push(`(${i % 3 === 0 ? 'deny' : 'allow'} ${OPS[i % OPS.length]} (regex #"^/Users/[^/]+/Library/App${k}/.*\\.(txt|db)$"))`);
  }
  return forms.join('\n');
}

export default function bench(ctx: BenchContext): void {
  const vocab = getVocab('any');
  let base = 0;
  for (const n of [1000, 4000, 25000]) {
    const r = readProfile(regexRulesProfile(n), { fileName: `bench-${n}.sb`, os: 'any' });
    if (!r.ok) throw new Error(r.diagnostics.find((d) => d.severity === 'error')?.message);
    const t0 = performance.now();
    const found = lintProfile(r.profile, vocab).length;
    const s = (performance.now() - t0) / 1000;
    if (n === 1000) base = s;
    ctx.report(`lint ${n.toLocaleString('en-US')} regex rules (${found} findings)`, s, 's');
    if (n !== 1000) ctx.report(`  ratio to 1,000 rules (linear: ${n / 1000})`, s / base, '×');
  }
}
