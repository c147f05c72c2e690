// The corpus under the macOS 15 vocabulary (src/vocab/data/releases.ts): every profile the walk checks against
// Sonoma 14.4.1 (the modern macOS ones) gives the same errors under macos-15, whose operations are Sonoma's (most
// of them outside a known op-table slot) and whose filters are the 15.2 table. The iOS vocabularies have no corpus
// of their own (no iOS SBPL sources are public), so this walk is macOS 15's alone.
import '../../src/vocab/all.js'; // registers the newer releases (macOS 15) this test reads with
import { describe, expect, it } from 'vitest';
import { readProfile } from '../../src/sbpl/index.js';
import { HAVE_CORPUS, corpusCases, warnIfNoCorpus } from './harness.js';

warnIfNoCorpus('macOS 15 corpus walk');

describe.skipIf(!HAVE_CORPUS)('corpus under --os macos-15', () => {
  it('gives the errors it gives under sonoma-14.4.1', () => {
    const cases = corpusCases().filter((c) => c.options.os === 'sonoma-14.4.1');
    expect(cases.length).toBeGreaterThan(100);
    const problems: string[] = [];
    for (const c of cases) {
      const codes = (os: string) =>
        readProfile(c.text, { ...c.options, os })
          .diagnostics.filter((d) => d.severity === 'error')
          .map((d) => `${d.code}: ${d.message}`);
      const a = codes('sonoma-14.4.1');
      const b = codes('macos-15');
      if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${c.file}: sonoma ${JSON.stringify(a.slice(0, 1))} / macos-15 ${JSON.stringify(b.slice(0, 1))}`);
    }
    expect(problems).toEqual([]);
  });
});
