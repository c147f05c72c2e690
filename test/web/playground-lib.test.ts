// The playground's own logic (web/lib), run in Node: queries, the sampled diff stand-in, blob reading.
// The page is exercised in a browser by playground.browser.test.ts; here the answers are checked in depth.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readProfile } from '../../src/sbpl/index.js';
import { compileProfileToBlob } from '../../src/format/index.js';
import { DecisionEngine } from '../../src/decide/engine.js';
import { readTarget } from '../../src/decide/target.js';
import type { Profile } from '../../src/sbpl/profile.js';
import { getVocab } from '../../src/vocab/index.js';
import { answerQuery, answerRequests } from '../../web/lib/query.js';
import { engineDiff, regexLiteralPrefix, regexLiteralSuffix, sampledDiff, sampleTargets } from '../../web/lib/diff.js';
import { readBlob } from '../../web/lib/blob.js';
import { EXAMPLE_A, EXAMPLE_B } from '../../web/examples.js';
import { genProfileText } from '../format/generators.js';

const vocab = getVocab('sonoma-14.4.1');

function profile(text: string, fileName = 'A.sb'): Profile {
  const r = readProfile(text, { fileName });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.profile;
}

describe('query panel', () => {
  const p = profile('(version 1)\n(deny default)\n(allow file-read* (subpath "/usr"))\n(deny file-read-data (regex #"\\.key$"))\n(allow mach-lookup (global-name "com.apple.logd"))\n');

  it('answers with the verdict and the explanation the CLI prints', () => {
    const a = answerQuery(p, vocab, 'file-read-data', '/usr/lib/x.key');
    expect(a).toMatchObject({ ok: true, decision: 'deny' });
    expect(a.text).toContain('A.sb:4:1');
    expect(answerQuery(p, vocab, 'file-read-data', '/usr/lib/x.dylib').decision).toBe('allow');
    expect(answerQuery(p, vocab, 'mach-lookup', 'com.apple.logd').decision).toBe('allow');
    expect(answerQuery(p, vocab, 'mach-lookup', 'local:com.apple.logd')).toMatchObject({ decision: 'deny' });
  });

  it('says what is wrong with the question', () => {
    expect(answerQuery(p, vocab, 'file-raed-data', '/x')).toMatchObject({ ok: false });
    expect(answerQuery(p, vocab, 'file-raed-data', '/x').text).toContain("did you mean 'file-read-data'");
    expect(answerQuery(p, vocab, 'signal', 'me').text).toContain('target process relation');
    expect(answerQuery(profile('(version 1)\n(allow file-read* (regex #"("))\n'), vocab, 'file-read-data', '/x')).toMatchObject({ ok: false });
  });

  it('answers JSON request lines, or names each bad line', () => {
    const good = answerRequests(p, vocab, '{"operation": "mach-lookup", "target": "com.apple.logd"}\n\n{"operation": "file-read-data", "target": "/usr/a.key"}\n');
    expect(good.text.split('\n')).toEqual([
      expect.stringMatching(/^line 1: allow mach-lookup .* — rule on mach-lookup at A\.sb:5:1$/),
      expect.stringMatching(/^line 3: deny file-read-data .* — rule on file-read-data at A\.sb:4:1$/),
    ]);
    const bad = answerRequests(p, vocab, '{"operation": "mach-lookup", "target": "a"}\n{"operation": "x-y"}\n{oops}\n');
    expect(bad.ok).toBe(false);
    expect(bad.text).toMatch(/^line 2: \$\.operation: unknown operation 'x-y'/);
    expect(bad.text).toMatch(/\nline 3: not valid JSON/);
  });
});

describe('the diff panel on the sbpl diff engine', () => {
  it('reports the example profiles\' differences, each decided as reported by fresh engines, and finds every sampled one', () => {
    const a = profile(EXAMPLE_A);
    const b = profile(EXAMPLE_B, 'B.sb');
    const r = engineDiff(a, b, vocab);
    expect(r.error).toBeUndefined();
    expect(r.unit).toBe('operations');
    expect(r.witnesses.length).toBeGreaterThan(0);
    expect(r.witnesses.every((w) => w.a.decision !== w.b.decision && w.a.by !== '' && w.b.by !== '')).toBe(true);
    // every operation the sample stand-in finds a difference on, the engine reports too
    const engineOps = new Set(r.witnesses.map((w) => w.operation));
    for (const w of sampledDiff(a, b, vocab).witnesses) expect(engineOps.has(w.operation), w.operation).toBe(true);
  });

  it('a profile differs from itself nowhere', () => {
    const r = engineDiff(profile(EXAMPLE_A), profile(EXAMPLE_A, 'B.sb'), vocab);
    expect(r.witnesses).toEqual([]);
    expect(r.complete).toBe(true);
  });
});

describe('sampled diff (the older stand-in, an independent check of the engine)', () => {
  it('finds the literal and regex-ending differences of the example profiles, and says it is a sample', () => {
    const r = sampledDiff(profile(EXAMPLE_A), profile(EXAMPLE_B, 'B.sb'), vocab);
    expect(r.complete).toBe(false);
    expect(r.engine).toMatch(/sampled/);
    const seen = new Set(r.witnesses.map((w) => `${w.operation} ${w.target} ${w.a.decision}/${w.b.decision}`));
    expect(seen).toContain('file-read-data /usr/sbpl-sample deny/allow');
    expect(seen).toContain('network-outbound tcp:1.2.3.4:443 allow/deny');
    const withRegex = sampledDiff(profile('(version 1)\n(allow default)\n(deny file-read-data (regex #"/\\.env$"))\n'), profile('(version 1)\n(allow default)\n', 'B.sb'), vocab);
    expect(withRegex.witnesses.map((w) => w.target)).toContain('/sbpl-sample/.env');
  });

  it('a profile differs from itself nowhere', () => {
    fc.assert(
      fc.property(genProfileText(), (text) => {
        expect(sampledDiff(profile(text), profile(text, 'B.sb'), vocab).witnesses).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('every witness is decided differently by the two profiles (checked again with fresh engines)', () => {
    let witnesses = 0;
    fc.assert(
      fc.property(genProfileText(), genProfileText(), (ta, tb) => {
        const a = profile(ta);
        const b = profile(tb, 'B.sb');
        const r = sampledDiff(a, b, vocab);
        witnesses += r.witnesses.length;
        const ea = new DecisionEngine(a, vocab);
        const eb = new DecisionEngine(b, vocab);
        for (const w of r.witnesses) {
          const facts = w.target ? readTarget(vocab, w.operation, w.target).facts : {};
          const da = ea.decide({ operation: w.operation, facts }).decision;
          const db = eb.decide({ operation: w.operation, facts }).decision;
          expect([da, db]).toEqual([w.a.decision, w.b.decision]);
          expect(da).not.toBe(db);
        }
      }),
      { numRuns: 40 },
    );
    expect(witnesses).toBeGreaterThan(0);
  });

  it("builds targets from the rules' strings", () => {
    expect(regexLiteralPrefix('^/private/tmp/[a-z]+')).toBe('/private/tmp/');
    expect(regexLiteralPrefix('^/a/b\\.txt$')).toBe('/a/b.txt');
    expect(regexLiteralPrefix('^/usr/libx?')).toBe('/usr/lib');
    expect(regexLiteralPrefix('(a|b)')).toBe('');
    expect(regexLiteralSuffix('\\.key$')).toBe('.key');
    expect(regexLiteralSuffix('^/Users/[^/]+/\\.ssh/id_rsa$')).toBe('/.ssh/id_rsa');
    expect(regexLiteralSuffix('ab*$')).toBe('');
    expect(regexLiteralSuffix('\\d$')).toBe('');
    expect(regexLiteralSuffix('abc')).toBe('');
    const t = sampleTargets([profile('(version 1)\n(allow file-read* (subpath "/usr") (prefix "/va") (regex #"\\.so$"))\n(allow network-outbound (remote udp "localhost:53"))\n')]);
    expect(t).toEqual(expect.arrayContaining(['/', '/usr', '/usr/sbpl-sample', '/va', '/vasbpl-sample', '/usr/sbpl-sample.so', 'udp:127.0.0.1:53']));
  });
});

describe('blob panel', () => {
  it('decodes a compiled profile through the format entry point and decompiles it', () => {
    const text = readFileSync(fileURLToPath(new URL('../fixtures/decide/basic.sb', import.meta.url)), 'utf8');
    const r = readProfile(text, { params: { WORK: '/private/var/w' } });
    if (!r.ok) throw new Error('fixture does not compile');
    const bytes = compileProfileToBlob(r.profile, vocab).bytes;
    const b = readBlob('basic.sb.bin', bytes, vocab);
    expect(b.ok).toBe(true);
    expect(b.lines[0]).toMatch(new RegExp(`^basic\\.sb\\.bin: ${bytes.length} bytes, format sonoma14, sha256 [0-9a-f]{64}$`));
    expect(b.lines[1]).toMatch(/^graph: \d+ nodes \(\d+ filter tests, \d+ decisions\), 190 op-table entries/);
    expect(b.sbpl).toContain('(allow mach-lookup (global-name "com.apple.logd"))');
    expect(b.graph?.nodes.length).toBeGreaterThan(0);
  });

  it('names the byte offset where bytes stop being a blob', () => {
    const b = readBlob('junk.bin', Uint8Array.from([0, 0, 7, 0, 1, 2]), vocab);
    expect(b.ok).toBe(false);
    expect(b.lines[0]).toMatch(/^junk\.bin: not a blob this version can decode: .*\d/);
  });
});
