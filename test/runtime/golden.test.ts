// Golden sets: freeze a run, assert later runs against it (library and `sbpl golden`).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMatrix } from '../../src/runtime/run.js';
import { checkGolden, freezeGolden, GoldenError, parseGolden, parseResults } from '../../src/runtime/golden.js';
import type { ResultsDocument } from '../../src/runtime/results.js';
import { runCli } from '../cli/run-cli.js';
import { SEEDS_MATRIX, SEEDS_TRANSCRIPTS, tempDir } from './helpers.js';

let resultsPath: string;
let doc: ResultsDocument;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

beforeAll(async () => {
  const out = await runMatrix({ matrixPath: SEEDS_MATRIX, outDir: tempDir(), backend: 'replay', replayFile: SEEDS_TRANSCRIPTS });
  resultsPath = out.resultsPath;
  doc = out.document;
});

describe('golden sets', () => {
  it('freezing then checking the same results passes', () => {
    const g = freezeGolden(doc);
    expect(Object.keys(g.entries)).toHaveLength(31);
    expect(g.entries['sys:airlock/read-hosts']).toMatchObject({ outcome: 'apply-failed', verdict: null, standIn: true, predicted: false });
    expect(checkGolden(g, doc)).toEqual({ ok: true, changed: [], missing: [], added: [], notes: [] });
  });

  it('a changed outcome, a missing row and an added row are reported', () => {
    const g = freezeGolden(doc);
    const d = clone(doc);
    d.results[0].actual = 'denied-by-sandbox';
    const dropped = d.results.splice(5, 1)[0];
    d.results.push({ ...clone(d.results[1]), key: 'new/probe' });
    const c = checkGolden(g, d);
    expect(c.ok).toBe(false);
    expect(c.changed).toEqual([{ key: d.results[0].key, field: 'outcome', golden: 'allowed', actual: 'denied-by-sandbox' }]);
    expect(c.missing).toEqual([dropped.key]);
    expect(c.added).toEqual(['new/probe']);
    expect(checkGolden(g, { ...d, results: d.results.filter((r) => r.key !== 'new/probe') }, { failOnAdded: true }).added).toEqual([]);
  });

  it('a shimmed result is never taken for the original', () => {
    const g = freezeGolden(doc);
    const d = clone(doc);
    const r = d.results.find((x) => x.key === 'bucket4:v1_read/read-hosts')!;
    r.shims = ['loader-reads'];
    expect(checkGolden(g, d).changed).toEqual([{ key: r.key, field: 'shims', golden: [], actual: ['loader-reads'] }]);
  });

  it('strict mode also compares errno names and observed paths; profile edits are notes', () => {
    const g = freezeGolden(doc);
    const d = clone(doc);
    const r = d.results.find((x) => x.key === 'bucket4:v1_read/write-hosts')!;
    r.errnoName = 'EACCES';
    r.profileSha256 = 'f'.repeat(64);
    expect(checkGolden(g, d).ok).toBe(true);
    expect(checkGolden(g, d).notes).toEqual([`${r.key}: the profile text changed since the golden set was frozen`]);
    expect(checkGolden(g, d, { strict: true }).changed).toEqual([{ key: r.key, field: 'errnoName', golden: 'EPERM', actual: 'EACCES' }]);
  });

  it('refuses to freeze an incomplete run unless asked', () => {
    const d = clone(doc);
    d.run.complete = false;
    d.run.interrupted = 'interrupted by SIGINT';
    expect(() => freezeGolden(d)).toThrow(/did not complete \(interrupted by SIGINT\)/);
    expect(freezeGolden(d, { allowIncomplete: true }).source.complete).toBe(false);
  });

  it('rejects files that are not results or golden sets', () => {
    expect(() => parseResults('{"format": "other"}', 'r.json')).toThrow(GoldenError);
    expect(() => parseResults(JSON.stringify({ format: 'sbpl-kit/runtime-results@1', results: [{ key: 'a', actual: 'maybe' }] }), 'r.json')).toThrow(/^r\.json:1:51: \$\.results\[0\]: expected a result row/);
    expect(() => parseGolden('{"format": "sbpl-kit/runtime-golden@1"}', 'g.json')).toThrow(/^g\.json:1:1: \$\.createdAt: /);
  });
});

describe('sbpl golden', () => {
  it('freezes with -o and checks with --check (exit 0, then 1 after a change)', async () => {
    const dir = tempDir();
    const golden = join(dir, 'golden.json');
    const frozen = await runCli(['golden', resultsPath, '-o', golden]);
    expect(frozen.code).toBe(0);
    expect(frozen.stdout).toContain('froze 31 entries');
    const ok = await runCli(['golden', resultsPath, '--check', golden]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('golden check passed');
    const d = JSON.parse(readFileSync(resultsPath, 'utf8')) as ResultsDocument;
    d.results[3].actual = 'allowed';
    const changed = join(dir, 'changed.json');
    writeFileSync(changed, JSON.stringify(d));
    const bad = await runCli(['golden', changed, '--check', golden]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`changed  ${d.results[3].key}: outcome "denied-by-sandbox" -> "allowed"`);
    expect(bad.stdout).toContain('golden check FAILED');
    const json = await runCli(['golden', changed, '--check', golden, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, changed: [{ key: d.results[3].key, field: 'outcome', actual: 'allowed' }] });
    const frozenJson = await runCli(['golden', resultsPath, '-o', join(dir, 'g2.json'), '--json']);
    expect(JSON.parse(frozenJson.stdout)).toMatchObject({ frozen: 31, output: join(dir, 'g2.json') });
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['golden', resultsPath])).code).toBe(2);
    const r = await runCli(['golden', '/nonexistent/results.json', '-o', '/tmp/x.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('results file not found: /nonexistent/results.json');
  });
});
