// Every operation, filter spelling, modifier and bare constant the real-world corpus uses resolves in `any`,
// and no corpus rule gets an error-severity "does not apply" from the Sonoma vocabulary.
import '../../src/vocab/all.js'; // Catalina and the newer releases are registered by the sbpl-kit/vocab entry
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getVocab } from '../../src/vocab/index.js';
import { classify, show } from './classify.js';
import { walkCorpus, type CorpusFile } from './corpus-walk.js';
import { corpusRoot, haveCorpus } from './paths.js';

if (!haveCorpus) console.warn(`[vocab] ${corpusRoot} not found: skipping the corpus vocabulary checks`);

/**
 * Names the corpus calls that no corpus file defines and that are not vocabulary: `process-tmp-subpath`
 * (apple-macos-10.15.2 com.apple.metrickitd.sb) comes from an Apple import that is not in the corpus.
 */
const UNDEFINED_IN_CORPUS = new Set(['process-tmp-subpath']);

describe.skipIf(!haveCorpus)('corpus vocabulary', () => {
  const manifest: Array<{ file: string; kind: string }> = haveCorpus
    ? JSON.parse(readFileSync(join(corpusRoot, 'MANIFEST.json'), 'utf8')) : [];
  // Decompiled platform profiles are dumps with raw filter numbers, not SBPL.
  const files: CorpusFile[] = manifest
    .filter((e) => e.kind !== 'decompiled-platform-profile')
    .map((e) => ({ name: e.file, text: readFileSync(join(corpusRoot, e.file), 'utf8') }));
  const { rules, defined } = walkCorpus(files);

  it('walks a substantial part of the corpus', () => {
    expect(files.length).toBeGreaterThan(400);
    expect(rules.length).toBeGreaterThan(5000);
  });

  it('resolves everything in `any`', () => {
    const r = classify(getVocab('any'), rules, defined);
    expect(r.counts.ops).toBeGreaterThan(5000);
    expect(r.counts.filters).toBeGreaterThan(10000);
    expect(r.counts.modifiers).toBeGreaterThan(100);
    expect(r.counts.symbols).toBeGreaterThan(500);
    expect(show(r.unresolvedOps)).toBe('');
    expect(show(r.unresolvedFilters.filter((f) => !UNDEFINED_IN_CORPUS.has(f.what)))).toBe('');
    expect(show(r.unresolvedModifiers)).toBe('');
    expect(show(r.unresolvedSymbols)).toBe('');
    expect(show(r.notApplicable)).toBe('');
  });

  it('gives no error-severity "does not apply" on Sonoma; the warnings are the dead filters Apple shipped', () => {
    const r = classify(getVocab('sonoma'), rules, defined);
    expect(show(r.notApplicable)).toBe('');
    // All in Apple's own profiles, and all author slips: subpath in a mach-lookup list, global-name for POSIX shm ...
    for (const f of r.neverMatches) expect(f.file).toMatch(/^apple-macos-10\.15\.2\//);
    const kinds = new Set(r.neverMatches.map((f) => f.what.replace(/ \(it can never.*$/, '')));
    expect([...kinds].sort()).toEqual([
      'global-name filter does not apply to ipc-posix-shm-read-data operation',
      'global-name filter does not apply to ipc-posix-shm-write-create operation',
      'global-name filter does not apply to ipc-posix-shm-write-data operation',
      'path filter does not apply to mach-lookup operation',
      'path filter does not apply to mach-priv-host-port operation',
      'path filter does not apply to user-preference-read operation',
    ]);
    // only operations Sonoma dropped are unresolved there
    expect([...new Set(r.unresolvedOps.map((f) => f.what))].sort()).toEqual(
      ['process-codesigning-status*', 'process-codesigning-status-get']);
  });
});
