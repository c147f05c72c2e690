// Editor latency: what one keystroke costs the language server (check + lint + tolerant tree) on the
// largest corpus profiles, and hover / completion on an analysed document.
import type { BenchContext } from './run.js';
import { analyzeDocument, completionsAt, hoverAt, DEFAULT_SETTINGS } from '../dist/editor/index.js';
import { corpusCases, HAVE_CORPUS } from '../test/corpus/harness.js';

export default async function (ctx: BenchContext): Promise<void> {
  if (!HAVE_CORPUS) {
    ctx.report('editor (corpus not found)', 'skipped');
    return;
  }
  const cases = corpusCases()
    .filter((c) => !c.options.preludes?.length && !c.options.preprocess)
    .sort((a, b) => b.text.length - a.text.length)
    .slice(0, 3);
  for (const c of cases) {
    const settings = { ...DEFAULT_SETTINGS, os: c.options.os ?? DEFAULT_SETTINGS.os, params: c.options.params ?? {}, importPath: c.options.importPath ?? [] };
    const input = { name: c.path, text: c.text };
    const opts = { sources: c.options.sources, fragment: c.options.fragment };
    const t = ctx.time(() => analyzeDocument(input, settings, opts), 1500);
    ctx.report(`analyse ${c.file} (${(c.text.length / 1024).toFixed(0)} KiB)`, (t.seconds / t.iterations) * 1000, 'ms');
    const a = analyzeDocument(input, settings, opts);
    const at = a.doc.lines.position(c.text.indexOf('(allow ') + 8);
    const h = ctx.time(() => hoverAt(a, at), 500);
    ctx.report('  hover on an operation', (h.seconds / h.iterations) * 1e6, 'µs');
    const k = ctx.time(() => completionsAt(a, at), 500);
    ctx.report('  completion in (allow ...)', (k.seconds / k.iterations) * 1e6, 'µs');
  }
}
