// The walker + classifier on our own fixtures: covers every feature even without ../shared.
import '../../src/vocab/all.js'; // Catalina and the newer releases are registered by the sbpl-kit/vocab entry
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getVocab } from '../../src/vocab/index.js';
import { classify } from './classify.js';
import { walkCorpus } from './corpus-walk.js';
import { fixturesRoot } from './paths.js';

const load = (name: string) => ({ name, text: readFileSync(join(fixturesRoot, name), 'utf8') });

describe('vocabulary on own fixtures', () => {
  it('resolves every feature of features.sb on Sonoma with no diagnostics', () => {
    const { rules, defined } = walkCorpus([load('features.sb')]);
    expect(rules.length).toBe(23);
    const r = classify(getVocab('sonoma'), rules, defined);
    expect(r.unresolvedOps).toEqual([]);
    expect(r.unresolvedFilters).toEqual([]);
    expect(r.unresolvedModifiers).toEqual([]);
    expect(r.unresolvedSymbols).toEqual([]);
    expect(r.notApplicable).toEqual([]);
    expect(r.neverMatches).toEqual([]);
    // the user helper and the with-filter wrapper were seen
    expect(defined.has('home-subpath')).toBe(true);
    expect(rules.at(-1)?.filters.map((f) => f.head)).toEqual(['extension', 'subpath']);
  });

  it('reports each mistake of mistakes.sb where it is', () => {
    const { rules, defined } = walkCorpus([load('mistakes.sb')]);
    const r = classify(getVocab('sonoma'), rules, defined);
    const where = (fs: Array<{ line: number; what: string }>) => fs.map((f) => `${f.line}:${f.what}`);
    expect(where(r.unresolvedOps)).toEqual(['3:file-read-everything']);
    expect(where(r.unresolvedFilters)).toEqual(['4:pathname']);
    expect(where(r.unresolvedModifiers)).toEqual(['5:loudly']);
    expect(where(r.unresolvedSymbols)).toEqual(['6:myself (in target)', '7:SIGNOPE (in with send-signal)']);
    expect(where(r.notApplicable)).toEqual(['8:no-report modifier does not apply to allow action']);
    expect(where(r.neverMatches).map((s) => s.replace(/ \(it can never.*$/, ''))).toEqual([
      '9:grant modifier does not apply to file-read* operation',
      '10:path filter does not apply to mach-lookup operation',
    ]);
  });

  it('catalina lacks Sonoma-only spellings the fixture uses', () => {
    const { rules, defined } = walkCorpus([load('features.sb')]);
    const r = classify(getVocab('catalina'), rules, defined);
    // iokit-open is a table operation there; IPPROTO_* is not bound by 10.15's libsandbox
    expect(r.unresolvedOps).toEqual([]);
    expect(r.unresolvedSymbols.map((f) => f.what)).toEqual(['IPPROTO_TCP (in socket-protocol)']);
  });
});
