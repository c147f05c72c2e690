// Every real Apple blob in ../shared/data/real-blobs (read in place, never copied) decodes: format detected from
// the header, collections' profiles named, bytes attributed to known structures; `sbpl decode` (text and --json)
// exits 0; decompiled profiles read back with `sbpl check --os any --fragment`.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOB_FORMATS, decodeAnyBlob, detectFormat, FormatDecodeError } from '../../../src/format/index.js';
import { decompileGraphBlocks } from '../../../src/graph/decompile-blocks.js';
import { readProfile } from '../../../src/sbpl/index.js';
import { filterCopies } from '../../../src/sbpl/profile.js';
import { profileFileName } from '../../../src/cli/blob-commands.js';
import { compareReadback, sampleRequests } from './readback.js';
import { getVocab } from '../../../src/vocab/index.js';
import { runCli } from '../../cli/run-cli.js';
import { sharedRoot } from '../../vocab/paths.js';

const DIR = join(sharedRoot, 'data', 'real-blobs');
const present = existsSync(join(DIR, 'ios26beta-collection.bin'));
if (!present) console.warn(`[skip] ${DIR} not found (no ../shared): the real Apple blob tests are skipped`);
const read = (f: string) => new Uint8Array(readFileSync(join(DIR, f)));

// what each blob's header says (README of real-blobs), and the format that header is
const EXPECTED: Record<string, { format: string; profiles: number; ops: number; minCoverage: number }> = {
  'ios17-platform.bin': { format: 'sonoma14', profiles: 1, ops: 190, minCoverage: 0.99 },
  'ios17-protobox.bin': { format: 'ios17', profiles: 573, ops: 190, minCoverage: 0.9 },
  'ios26beta-collection.bin': { format: 'ios26', profiles: 281, ops: 195, minCoverage: 0.99 },
  'ios26beta-platform.bin': { format: 'ios26', profiles: 1, ops: 195, minCoverage: 0.99 },
  'macos15-platform.bin': { format: 'macos15', profiles: 1, ops: 192, minCoverage: 0.99 },
};

describe.skipIf(!present)('real Apple blobs', () => {
  it('holds the five blobs the tests expect', () => {
    expect(readdirSync(DIR).filter((f) => f.endsWith('.bin')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, want] of Object.entries(EXPECTED)) {
    it(`${file}: ${want.format}, ${want.profiles} profile(s), coverage >= ${want.minCoverage}`, () => {
      const bytes = read(file);
      expect(detectFormat(bytes).id).toBe(want.format);
      const d = decodeAnyBlob(bytes);
      expect(d.header.opCount).toBe(want.ops);
      expect(d.profiles).toHaveLength(want.profiles);
      for (const p of d.profiles) {
        expect(p.graph.entries).toHaveLength(want.ops);
        // op 0 (default) of a profile ends in a terminal whatever path is taken: the entry is a node
        expect(p.graph.entries[0]).toBeLessThan(d.header.nodeCount);
      }
      expect(d.coverage.fraction).toBeGreaterThanOrEqual(want.minCoverage);
      expect(d.coverage.known + d.coverage.unknown.reduce((n, [a, b]) => n + b - a, 0)).toBe(bytes.length);
    });
  }

  it('names collection profiles from their name items', () => {
    const c = decodeAnyBlob(read('ios26beta-collection.bin'));
    const names = c.profiles.map((p) => p.name);
    expect(names).toContain('baseline');
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => /^[\x20-\x7e]+$/.test(n) && !n.startsWith('profile#'))).toBe(true);
    const protobox = decodeAnyBlob(read('ios17-protobox.bin'));
    expect(protobox.profiles.filter((p) => p.name.startsWith('/')).length).toBeGreaterThan(500);
    const one = decodeAnyBlob(read('ios26beta-collection.bin'), { profile: 'baseline' });
    expect(one.profiles.map((p) => p.name)).toEqual(['baseline']);
    expect(() => decodeAnyBlob(read('ios26beta-collection.bin'), { profile: 'no-such-profile' })).toThrow(/no profile named 'no-such-profile'/);
  });

  it('op names: a slot no source names is op#N, never a borrowed name', () => {
    const v = getVocab('ios-26');
    expect(v.operationById(10)?.name).toBe('dynamic-code-generation');
    expect(v.operationById(12)?.name).toBe('file-chroot');
    expect(v.operationById(1)?.name).toBe('op#1');
    expect(getVocab('macos-15').operationById(100)?.name).toBe('op#100');
    // the Sonoma names without a known slot are still operations SBPL may name
    expect(v.operation('mach-kernel-endpoint')?.notInOpTable).toBe(true);
  });

  it('a truncated or forced-wrong blob is a FormatDecodeError with an offset and what was expected', () => {
    const bytes = read('macos15-platform.bin');
    try {
      decodeAnyBlob(bytes.subarray(0, 5000));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FormatDecodeError);
      expect((e as FormatDecodeError).offset).toBeGreaterThan(0);
      expect((e as FormatDecodeError).expected).not.toBe('');
    }
    expect(() => decodeAnyBlob(bytes, { format: 'ios26' })).toThrow(/op-table size 192 is not ios26's/);
    expect(BLOB_FORMATS.map((f) => f.id)).toEqual(['sonoma14', 'ios17', 'macos15', 'ios26']);
  });

  for (const file of Object.keys(EXPECTED)) {
    it(`sbpl decode ${file} (text and --json) exits 0`, async () => {
      const text = await runCli(['decode', join(DIR, file)]);
      expect(text.code).toBe(0);
      const json = await runCli(['decode', '--json', join(DIR, file)]);
      expect(json.code).toBe(0);
      const parsed = JSON.parse(json.stdout) as { format: string };
      expect(parsed.format).toBe(EXPECTED[file].format);
    });
  }

  const checkErrors = (out: string) => out.split('\n').filter((l) => /: error: /.test(l));

  it('sbpl decompile -o DIR writes one NAME.sb per collection profile; a sample checks with --os any --fragment and decides like the graph', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbpl-blobs-'));
    try {
      const blob = join(DIR, 'ios26beta-collection.bin');
      const r = await runCli(['decompile', blob, '-o', dir]);
      expect(r.code).toBe(0);
      const files = readdirSync(dir);
      expect(files).toHaveLength(281);
      expect(files).toContain('baseline.sb');
      // every profile is written in rule blocks (no shared-condition fallback)
      expect(r.stderr).not.toContain('writing shared conditions instead');
      const d = decodeAnyBlob(read('ios26beta-collection.bin'));
      const vocab = getVocab(d.vocabulary);
      // every 40th profile by name, plus the two whose ladders need shared conditions
      const names = d.profiles.map((p) => p.name).sort();
      const sample = [...names.filter((_, i) => i % 40 === 0), 'container', 'temporary-sandbox'];
      let compared = 0;
      for (const name of sample) {
        const file = join(dir, profileFileName(name));
        const c = await runCli(['check', '--os', 'any', '--fragment', '-q', file]);
        const errors = checkErrors(c.stdout + c.stderr);
        expect(errors, name).toEqual([]);
        expect(c.code, `${name}: ${c.stdout}${c.stderr}`).toBe(0);
        const p = d.profiles.find((q) => q.name === name)!;
        const res = compareReadback(p.graph, vocab, readFileSync(file, 'utf8'), sampleRequests(p.graph, vocab, 150, 11));
        expect(res.errors, name).toEqual([]);
        expect(res.mismatches, name).toEqual([]);
        compared += res.compared;
      }
      expect(compared).toBeGreaterThan(500);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('protobox profiles (a sample) and the iOS 17 / iOS 26 platform profiles read back and decide like their graphs', () => {
    for (const [file, every] of [['ios17-protobox.bin', 40], ['ios17-platform.bin', 1], ['ios26beta-platform.bin', 1]] as const) {
      const d = decodeAnyBlob(read(file));
      const vocab = getVocab(d.vocabulary);
      let compared = 0;
      for (const [i, p] of d.profiles.entries()) {
        if (i % every !== 0) continue;
        const text = decompileGraphBlocks(p.graph, vocab);
        const res = compareReadback(p.graph, vocab, text, sampleRequests(p.graph, vocab, 300, 5));
        expect(res.errors, `${file} ${p.name}`).toEqual([]);
        expect(res.mismatches, `${file} ${p.name}`).toEqual([]);
        compared += res.compared;
      }
      expect(compared, file).toBeGreaterThan(every > 1 ? 1000 : 250);
    }
  });

  it('decompiles the platform profiles to text about the size of the graph; macOS 15 (4.7e20 tests written out) reads back shared', () => {
    for (const file of ['ios26beta-platform.bin', 'ios17-platform.bin']) {
      const d = decodeAnyBlob(read(file));
      const text = decompileGraphBlocks(d.profiles[0].graph, getVocab(d.vocabulary));
      expect(text.startsWith('(version 1)')).toBe(true);
      // within the reader's 16 MiB (SandBlaster_26's text of the iOS 26 blob is 1.15 MB)
      expect(text.length).toBeLessThan(20 * d.length);
    }
    // storage-class / extension-class ladders with flags re-tested inside each level: shared conditions, which
    // the reader keeps shared (as one object) and the engine decides in the size of the DAG
    const mac = decodeAnyBlob(read('macos15-platform.bin'));
    const vocab = getVocab(mac.vocabulary);
    const graph = mac.profiles[0].graph;
    const text = decompileGraphBlocks(graph, vocab);
    expect(text).toMatch(/conditions used more than once/);
    expect(text.length).toBeLessThan(40 * mac.length);
    const back = readProfile(text, { os: 'any', fragment: true, standardPolicy: false });
    expect(back.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(Math.max(...back.profile.rules.map((r) => filterCopies(r.filter)))).toBeGreaterThan(1e15);
    // 5,000 requests: enough to reach its mount-relative-path subpaths (written as regexes, which have a spelling)
    const res = compareReadback(graph, vocab, text, sampleRequests(graph, vocab, 5000, 5));
    expect(res.errors).toEqual([]);
    expect(res.mismatches).toEqual([]);
    expect(res.compared).toBeGreaterThan(4500);
  });
});
