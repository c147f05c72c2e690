// The seeds' own matrix: every prediction matches what the seeds observed on macOS 14.4.1, the three output
// files are written, stand-ins and shims are labelled, and the recorded run replays.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMatrix, MANIFEST_FILE, PREFLIGHT_FILE } from '../../src/runtime/run.js';
import { RESULTS_FILE, type ResultsDocument } from '../../src/runtime/results.js';
import { readProfile } from '../../src/sbpl/index.js';
import { APPLE_1015, SEEDS_DIR, SEEDS_MATRIX, SEEDS_TRANSCRIPTS, WITNESSED, tempDir } from './helpers.js';

let out: string;
let doc: ResultsDocument;

beforeAll(async () => {
  out = tempDir();
  doc = (await runMatrix({ matrixPath: SEEDS_MATRIX, outDir: out, backend: 'simulate' })).document;
});

describe('seeds matrix, simulate backend', () => {
  it('writes runtime_results.json, run_manifest.json and run_preflight.json', () => {
    for (const f of [RESULTS_FILE, MANIFEST_FILE, PREFLIGHT_FILE]) expect(existsSync(join(out, f))).toBe(true);
    const onDisk = JSON.parse(readFileSync(join(out, RESULTS_FILE), 'utf8')) as ResultsDocument;
    expect(onDisk.results).toHaveLength(doc.results.length);
    expect(onDisk.run.complete).toBe(true);
  });

  it('has at least 15 probes over the six seeds profiles, and every prediction matches', () => {
    expect(doc.results.length).toBeGreaterThanOrEqual(15);
    const profiles = new Set(doc.results.map((r) => r.profile.replace(/\+.*$/, '')));
    expect([...profiles].sort()).toEqual(['bucket4:v1_read', 'bucket5:v11_read_subpath', 'runtime:metafilter_any', 'runtime:strict_1', 'sys:airlock', 'sys:bsd']);
    expect(doc.results.filter((r) => !r.match).map((r) => `${r.key}: expected ${r.expected}, predicted ${r.actual}: ${r.reason}`)).toEqual([]);
    for (const r of doc.results) {
      expect(r).toHaveProperty('expected');
      expect(r).toHaveProperty('actual');
      expect(r.predicted).toBe(true);
      expect(r.backend).toBe('simulate');
    }
  });

  it('reproduces the /tmp spelling lessons: (subpath "/tmp/foo") and (literal "/tmp/baz.txt") never match', () => {
    const get = (k: string) => doc.results.find((r) => r.key === k)!;
    expect(get('bucket5:v11_read_subpath/read-tmp-foo').actual).toBe('denied-by-sandbox');
    expect(get('runtime:metafilter_any/read-baz-txt').actual).toBe('allowed');
    expect(get('bucket5:v11_read_subpath/read-tmp-foo').explanation).toMatch(/default/);
  });

  it('records the tmp-alias shim on every shimmed row and reports where it changes the answer', () => {
    const shimmed = doc.results.filter((r) => r.profile.endsWith('+tmp-alias'));
    expect(shimmed.length).toBe(8);
    expect(shimmed.every((r) => r.shims.join() === 'tmp-alias' && r.shimEffect)).toBe(true);
    const changed = shimmed.filter((r) => r.shimEffect!.changed).map((r) => `${r.key}: ${r.shimEffect!.original.outcome} -> ${r.shimEffect!.shimmed.outcome}`);
    expect(changed).toEqual([
      'bucket5:v11_read_subpath+tmp-alias/read-tmp-foo: denied-by-sandbox -> allowed',
      'runtime:metafilter_any+tmp-alias/read-baz-txt: allowed -> denied-by-sandbox',
      'runtime:metafilter_any+tmp-alias/write-baz-txt: allowed -> denied-by-sandbox',
    ]);
    const p = doc.profiles.find((x) => x.key === 'bucket5:v11_read_subpath+tmp-alias')!;
    expect(p.shims[0].text).toBe('(allow file-read* (subpath "/private/tmp/foo"))');
    expect(p.shimChangedProbes).toEqual(['read-tmp-foo']);
    const applied = readFileSync(join(out, p.appliedProfileFile!), 'utf8');
    expect(applied).toContain(';; ---- sbpl-kit shim "tmp-alias": not part of the original profile ----');
    expect(p.originalSha256).not.toBe(p.appliedSha256);
  });

  it('labels the stand-ins for Apple profiles that are not available here', () => {
    for (const k of ['sys:bsd', 'sys:airlock']) {
      const p = doc.profiles.find((x) => x.key === k)!;
      expect(p.standIn).toBe(true);
      expect(p.source.note).toMatch(/^STAND-IN: .* not Apple's profile$/);
      expect(doc.results.filter((r) => r.profile === k).every((r) => r.standIn && r.profileSource === 'stand-in')).toBe(true);
    }
    expect(doc.summary.standInProfiles).toEqual(['sys:bsd', 'sys:airlock']);
  });

  it('predicts the airlock apply failure from the profile (message-filter gate), not from its name', () => {
    const p = doc.profiles.find((x) => x.key === 'sys:airlock')!;
    expect(p.gates[0].kind).toBe('message-filter-entitlement');
    const r = doc.results.find((x) => x.key === 'sys:airlock/read-hosts')!;
    expect(r.actual).toBe('apply-failed');
    expect(r.reason).toMatch(/apply-message-filter denying iokit-external-method/);
  });

  it('preflight says what was checked', () => {
    const pf = JSON.parse(readFileSync(join(out, PREFLIGHT_FILE), 'utf8'));
    expect(pf.host.platform).toBe(process.platform);
    expect(pf.host.sip.state).toBe(process.platform === 'darwin' ? expect.any(String) : 'not-applicable');
    expect(pf.profiles.map((p: { key: string; appliedCompiles: boolean }) => [p.key, p.appliedCompiles])).toEqual(doc.profiles.map((p) => [p.key, true]));
    expect(pf.problems.filter((x: string) => x.includes('STAND-IN'))).toHaveLength(2);
  });

  it('the manifest hashes every input', () => {
    const m = JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8'));
    expect(m.tool.name).toBe('sbpl-kit');
    expect(m.backend).toBe('simulate');
    expect(m.complete).toBe(true);
    const roles = m.inputs.map((i: { role: string }) => i.role);
    expect(roles[0]).toBe('matrix');
    expect(roles.filter((r: string) => r === 'profile (stand-in)')).toHaveLength(2);
    for (const i of m.inputs) if (i.path) expect(i.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('without stand-ins', () => {
  it('system profiles that are not found are profile-unavailable, never guessed', async () => {
    const r = await runMatrix({ matrixPath: SEEDS_MATRIX, outDir: tempDir(), backend: 'simulate', standIns: false, only: ['sys:bsd', 'sys:airlock'] });
    expect(r.document.results).toHaveLength(8);
    for (const row of r.document.results) {
      expect(row.actual).toBe('profile-unavailable');
      expect(row.reason).toMatch(/not found on the import path .*\(stand-ins disabled\)/);
    }
  });
});

describe('seeds matrix, replayed from the recorded run', () => {
  it('every recorded outcome matches, and the engine agrees with every one', async () => {
    const r = await runMatrix({ matrixPath: SEEDS_MATRIX, outDir: tempDir(), backend: 'replay', replayFile: SEEDS_TRANSCRIPTS, compare: 'predicted' });
    const d = r.document;
    expect(d.results).toHaveLength(31);
    expect(d.summary.mismatched).toBe(0);
    expect(d.summary.disagreeWithPrediction).toEqual([]);
    expect(d.results.filter((x) => x.actual === 'denied-by-sandbox').every((x) => x.confirmedByLog)).toBe(true);
  });
});

describe.skipIf(!existsSync(APPLE_1015))("with Apple's published bsd.sb on the import path", () => {
  if (!existsSync(APPLE_1015)) console.warn(`skipping: ${APPLE_1015} not found (../shared absent)`);
  it('sys:bsd is imported (not the stand-in) and still denies every probe', async () => {
    const r = await runMatrix({ matrixPath: SEEDS_MATRIX, outDir: tempDir(), backend: 'simulate', importPath: [APPLE_1015], only: ['sys:bsd'] });
    expect(r.document.results).toHaveLength(4);
    for (const row of r.document.results) {
      expect(row.profileSource).toBe('system');
      expect(row.standIn).toBe(false);
      expect(row.actual).toBe('denied-by-sandbox');
    }
    expect(r.warnings).toEqual([]);
  });
});

describe.skipIf(!existsSync(WITNESSED))('example profiles against the witnessed SBPL', () => {
  if (!existsSync(WITNESSED)) console.warn(`skipping: ${WITNESSED} not found (../shared absent)`);
  it.each([
    ['v1_read.sb', 'golden_bucket4_v1_read.sb'],
    ['metafilter_any.sb', 'golden_runtime_metafilter_any.sb'],
    ['strict_1.sb', 'golden_runtime_strict_1.sb'],
  ])('%s has the same rules as %s', (ours, theirs) => {
    const strip = (p: string) => readProfile(readFileSync(p, 'utf8'), { fileName: 'x' }).profile.rules.map((r) => ({ a: r.action, o: r.operations, f: JSON.stringify(r.filter, (k, v) => (k === 'span' ? undefined : v)) }));
    expect(strip(join(SEEDS_DIR, 'profiles', ours))).toEqual(strip(join(WITNESSED, theirs)));
  });
});
