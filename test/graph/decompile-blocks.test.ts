// The decompiler for Apple-compiled graphs (rule blocks with recovered formulas) on blobs we compile ourselves:
// the text reads back (--os any --fragment), decides like the graph on sampled requests, and stays about the
// size of the profile where one condition per path, or shared conditions expanded by the reader, would not.
import { describe, expect, it } from 'vitest';
import { compileProfileToBlob, decodeAnyBlob } from '../../src/format/index.js';
import { decompileGraphBlocks } from '../../src/graph/decompile-blocks.js';
import { DecompileError } from '../../src/graph/decompile.js';
import type { PolicyGraph } from '../../src/graph/model.js';
import { readProfile } from '../../src/sbpl/index.js';
import { getVocab } from '../../src/vocab/all.js';
import { compareReadback, sampleRequests } from '../format/apple/readback.js';

const vocab = getVocab('sonoma-14.4.1');

/** Profile text -> our Sonoma 14 blob -> the graph the generic decoder reads from it. */
function graphOf(text: string): PolicyGraph {
  const r = readProfile(text, { standardPolicy: false });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return decodeAnyBlob(compileProfileToBlob(r.profile, vocab).bytes).profiles[0].graph;
}

// an AND of ORs compiles to a graph with 2^k paths; a rule list with shared tails and several decisions
const andOfOrs = (k: number) =>
  `(version 1)(deny default)(allow file-read* (require-all ${Array.from({ length: k }, (_, i) => `(require-any (subpath "/a${i}") (signing-identifier "s${i}"))`).join(' ')}))`;
const PROFILE = `(version 1)(deny default)
(allow file-read* (subpath "/usr") (literal "/etc/hosts"))
(deny file-read* (require-all (subpath "/usr/secret") (require-not (signing-identifier "com.example.ok"))) (with no-log))
(allow file-write* (require-all (subpath "/tmp") (require-any (vnode-type REGULAR-FILE) (vnode-type DIRECTORY)) (require-not (literal "/tmp/x"))))
(allow mach-lookup (global-name "com.apple.a") (global-name-prefix "com.example."))
(deny mach-lookup (require-all (global-name-prefix "com.example.") (require-entitlement "com.example.no")))
(allow process-exec (require-any (subpath "/bin") (require-all (subpath "/opt") (signing-identifier "com.example.tool"))))
(allow sysctl-read)
(deny network-outbound (remote tcp "*:22"))`;

describe('decompileGraphBlocks', () => {
  it('reads back and decides like the graph on sampled requests', () => {
    const g = graphOf(PROFILE);
    const text = decompileGraphBlocks(g, vocab);
    const r = compareReadback(g, vocab, text, sampleRequests(g, vocab, 1500, 3));
    expect(r.errors).toEqual([]);
    expect(r.compared).toBeGreaterThan(1000);
    expect(r.mismatches).toEqual([]);
    // the sample reaches rules beyond the default: more than one decision among the graph's answers
    expect(text).toMatch(/\(deny file-read\*[^\n]*\(with no-/);
  });

  it('writes an AND of ORs as one formula, linear in the profile (the graph has 2^k paths)', () => {
    const g = graphOf(andOfOrs(24));
    const text = decompileGraphBlocks(g, vocab);
    // each test written once: no path enumeration, no copy per parent
    expect(text.match(/\(subpath "\/a\d+"\)/g)).toHaveLength(24);
    expect(text.length).toBeLessThan(4000);
    const r = compareReadback(g, vocab, text, sampleRequests(g, vocab, 400, 5));
    expect(r.errors).toEqual([]);
    expect(r.mismatches).toEqual([]);
  });

  it('the text the reader expands stays within the limits (no define of a define of ...)', () => {
    const g = graphOf(andOfOrs(60));
    const back = readProfile(decompileGraphBlocks(g, vocab), { os: 'any', fragment: true, standardPolicy: false });
    expect(back.ok).toBe(true);
  });

  it('gives up with a DecompileError naming the node when a graph needs too many tests written out', () => {
    const g = graphOf(andOfOrs(12));
    expect(() => decompileGraphBlocks(g, vocab, { maxTests: 5 })).toThrow(DecompileError);
    expect(() => decompileGraphBlocks(g, vocab, { maxTests: 5 })).toThrow(/more than 5 arguments of require-any/);
  });
});
