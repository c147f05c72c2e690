// The replay backend runs the macOS backend's classification on recorded transcripts: every outcome the seeds
// and public threads describe (exit 71 execvp / sandbox_apply, SIGABRT -6 / 134, exit 65, forbidden-sandbox-reinit,
// EACCES vs EPERM, message-filter apply gate, timeouts ...).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMatrix } from '../../src/runtime/run.js';
import { classify } from '../../src/runtime/classify.js';
import { parseMatrix, type MatrixCase } from '../../src/runtime/matrix.js';
import { parseTranscriptFile, TranscriptError, type Transcript } from '../../src/runtime/transcript.js';
import type { ResultRow, ResultsDocument } from '../../src/runtime/results.js';
import { FIXTURES, SEEDS_TRANSCRIPTS, tempDir } from './helpers.js';

const MATRIX = join(FIXTURES, 'outcomes.matrix.json');
const TRANSCRIPTS = join(FIXTURES, 'outcomes.transcripts.json');

let doc: ResultsDocument;
const row = (k: string): ResultRow => doc.results.find((r) => r.key === k)!;

beforeAll(async () => {
  const out = await runMatrix({ matrixPath: MATRIX, outDir: tempDir(), backend: 'replay', replayFile: TRANSCRIPTS, compare: 'predicted' });
  doc = out.document;
});

describe('replay of recorded outcomes', () => {
  it('classifies every fixture as the matrix expects', () => {
    expect(doc.results).toHaveLength(27);
    expect(doc.results.filter((r) => !r.match).map((r) => `${r.key}: ${r.actual} (${r.reason})`)).toEqual([]);
    expect(doc.run.complete).toBe(true);
    expect(doc.results.every((r) => r.backend === 'replay' && !r.predicted)).toBe(true);
  });

  it('covers every outcome class', () => {
    expect(Object.keys(doc.summary.byOutcome).sort()).toEqual(
      ['allowed', 'apply-failed', 'compile-error', 'denied-by-sandbox', 'helper-error', 'inconclusive', 'launch-crashed', 'launch-denied', 'os-permission', 'timeout'].sort(),
    );
  });

  it('sandbox-exec exit 71: execvp failure is a launch denial with the errno from the message', () => {
    expect(row('se:v1_read-noexec/read-hosts')).toMatchObject({ actual: 'launch-denied', errnoName: 'EPERM', errno: 1, exit: { code: 71, signal: null } });
    expect(row('se:v11-noexec/read-tmp-foo')).toMatchObject({ actual: 'launch-denied', errnoName: 'ENOENT' });
  });

  it('sandbox-exec exit 71 on sandbox_apply with forbidden-sandbox-reinit: apply failed, already sandboxed', () => {
    const r = row('se:nested/read-hosts');
    expect(r.actual).toBe('apply-failed');
    expect(r.reason).toMatch(/already sandboxed \(forbidden-sandbox-reinit\)/);
    expect(r.apply).toMatchObject({ api: 'sandbox_apply', errnoName: 'EPERM' });
    expect(r.denials[0]).toMatchObject({ process: 'sandbox-exec', pid: 4242, operation: 'forbidden-sandbox-reinit' });
  });

  it('SIGABRT at launch: -6 (signal convention) and 134 (via a shell)', () => {
    expect(row('se:v11-shim-abort/read-tmp-foo')).toMatchObject({ actual: 'launch-crashed', exit: { code: -6, signal: 'SIGABRT' } });
    expect(row('se:v11-shim-abort/exec-true')).toMatchObject({ actual: 'launch-crashed', exit: { code: 134, signal: 'SIGABRT' } });
  });

  it('exit 65 is a compile error carrying the compiler message', () => {
    expect(row('se:bad-host/read-hosts').reason).toContain('host must be * or localhost in network address');
  });

  it('EPERM from the operation is the sandbox, EACCES is the file system', () => {
    expect(row('se:v1-shim/write-hosts')).toMatchObject({ actual: 'denied-by-sandbox', verdict: 'deny', errnoName: 'EPERM' });
    expect(row('se:allow-all/write-hosts')).toMatchObject({ actual: 'os-permission', verdict: 'allow', errnoName: 'EACCES' });
    expect(row('helper:allow-all/write-owned-by-root')).toMatchObject({ actual: 'os-permission', errnoName: 'EACCES' });
  });

  it('helper results carry F_GETPATH and F_GETPATH_NOFIRMLINK paths', () => {
    expect(row('helper:v1_read/read-private-foo')).toMatchObject({
      observedPath: '/private/tmp/foo',
      observedPathNoFirmlink: '/System/Volumes/Data/private/tmp/foo',
      observedPathSource: 'probe-fd',
    });
    // a denied open has no descriptor: the path comes from the unsandboxed baseline open
    expect(row('helper:v11/read-private-foo')).toMatchObject({ observedPath: '/private/tmp/foo', observedPathSource: 'baseline-fd' });
  });

  it('a denial log record (ndjson) confirms a denial', () => {
    const r = row('helper:v11/read-private-foo');
    expect(r.confirmedByLog).toBe(true);
    expect(r.denials).toEqual([{ layer: 'sandbox', process: 'sbpl_probe-0f3c9a1d2b4e5f60', pid: 9324, operation: 'file-read-data', target: '/private/tmp/foo', duplicates: 0 }]);
  });

  it('ENOENT for a file that exists unsandboxed is a refused lookup', () => {
    expect(row('helper:v11/read-tmp-foo').reason).toMatch(/exists unsandboxed/);
  });

  it('apply gates: already sandboxed, and the message-filter entitlement', () => {
    expect(row('helper:nested/read-hosts').reason).toMatch(/already sandboxed/);
    expect(row('helper:airlock-blob/read-hosts')).toMatchObject({ actual: 'apply-failed', apply: { api: 'sandbox_apply', errnoName: 'EPERM' } });
    expect(row('helper:airlock-blob/read-hosts').reason).toMatch(/message-filter entitlement/);
    expect(row('helper:tiocsti/read-hosts').reason).toContain('unbound variable: TIOCSTI');
  });

  it('exec: a child killed by SIGABRT after exec, and a helper that died before reporting', () => {
    expect(row('helper:strict-exec/exec-true')).toMatchObject({ actual: 'launch-crashed', exit: { code: null, signal: 'SIGABRT' } });
    expect(row('helper:strict-exec/exec-ls').reason).toMatch(/before reporting/);
    expect(row('helper:noexec/exec-ls')).toMatchObject({ actual: 'denied-by-sandbox', errnoName: 'EPERM' });
  });

  it('mach-lookup is judged against the unsandboxed baseline lookup', () => {
    expect(row('helper:mach/lookup-cfprefsd').actual).toBe('denied-by-sandbox');
    expect(row('helper:mach/lookup-missing').actual).toBe('inconclusive');
    expect(row('helper:allow-all/connect-8080').reason).toMatch(/ECONNREFUSED/);
  });

  it('a case with no recorded transcript is inconclusive, not lost', () => {
    expect(row('helper:unrecorded/read-hosts')).toMatchObject({ actual: 'inconclusive' });
    expect(row('helper:unrecorded/read-hosts').reason).toMatch(/no transcript recorded/);
  });

  it('--compare predicted: the engine foresees the seeds launch failures under sandbox-exec', () => {
    // (deny default) without process-exec: sandbox-exec cannot start cat
    expect(row('se:v1_read-noexec/read-hosts').prediction).toMatchObject({ outcome: 'launch-denied', agrees: true });
    // process-exec allowed but "/" unreadable: dyld aborts
    expect(row('se:v11-shim-abort/read-tmp-foo').prediction).toMatchObject({ outcome: 'launch-crashed', agrees: true });
    // the airlock-style message filter gate
    expect(row('helper:airlock-blob/read-hosts').prediction).toMatchObject({ outcome: 'apply-failed', agrees: true });
    // environment failures the engine cannot see are reported as disagreements
    expect(doc.summary.disagreeWithPrediction).toEqual(
      expect.arrayContaining(['se:nested/read-hosts', 'helper:nested/read-hosts', 'se:hang/read-fifo', 'helper:broken/read-hosts']),
    );
  });
});

describe('transcript files', () => {
  it('rejects malformed transcripts with the JSON path', () => {
    const bad = JSON.stringify({ format: 'sbpl-kit/runtime-transcript@1', transcripts: [{ key: 'a', runner: 'dtrace', argv: [], exitCode: 0 }] }, null, 2);
    expect(() => parseTranscriptFile(bad, 't.json')).toThrow(TranscriptError);
    expect(() => parseTranscriptFile(bad, 't.json')).toThrow(/t\.json:\d+:\d+: \$\.transcripts\[0\]\.runner/);
    expect(() => parseTranscriptFile('{"format": ', 't.json')).toThrow(/not valid JSON/);
  });

  it('classification is a function of the transcript alone (same input, same output)', () => {
    const m = parseMatrix(readFileSync(MATRIX, 'utf8'), MATRIX);
    const file = parseTranscriptFile(readFileSync(TRANSCRIPTS, 'utf8'));
    for (const t of file.transcripts) {
      const c = m.cases.find((x) => x.key === t.key) as MatrixCase;
      expect(classify(t as Transcript, c)).toEqual(classify(JSON.parse(JSON.stringify(t)) as Transcript, c));
    }
  });
});

describe('transcript file errors are located (found by the fuzz harness)', () => {
  it('two transcripts with one key: file:line:col and the JSON path of the second, naming the first', () => {
    const seed = JSON.parse(readFileSync(SEEDS_TRANSCRIPTS, 'utf8')) as { transcripts: unknown[] };
    const doc = { ...seed, transcripts: [...seed.transcripts, seed.transcripts[0]] };
    const text = JSON.stringify(doc, null, 2);
    const n = seed.transcripts.length;
    expect(() => parseTranscriptFile(text, 't.json')).toThrow(new RegExp(`^t\\.json:\\d+:\\d+: \\$\\.transcripts\\[${n}\\]\\.key: two transcripts for '.+' \\(the other is \\$\\.transcripts\\[0\\]\\)$`));
  });
});
