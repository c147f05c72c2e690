// `sbpl query --platform FILE|BLOB`: the platform profile as a second layer, from the command line.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const FIX = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'decide', 'platform');
const proc = join(FIX, 'process.sb');
const plat = join(FIX, 'platform.sb');
const requests = join(FIX, 'requests.jsonl');
const D = ['-D', 'WORK=/private/tmp/w'];
const tmp = mkdtempSync(join(tmpdir(), 'sbpl-platform-'));

async function compiledPlatform(): Promise<string> {
  const out = join(tmp, 'platform.sb.bin');
  const r = await runCli(['compile', plat, '-o', out]);
  expect(r.code).toBe(0);
  return out;
}

describe('sbpl query --platform', () => {
  it('text: the verdict line names the deciding layer; each layer is explained', async () => {
    const r = await runCli(['query', proc, 'file-read-data', '/private/secret/key', '--platform', plat, ...D]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('DENY file-read-data /private/secret/key — the platform profile denies (the process profile allows)');
    expect(r.stdout).toContain(`process layer (${proc}, sbpl): allow\n`);
    expect(r.stdout).toContain(`platform layer (${plat}, sbpl): deny ← decides`);
    expect(r.stdout).toContain(`decided by: filtered rule on 'file-read*': (deny file-read* (subpath "/private/secret")) at ${plat}:4:1`);
    expect(r.stdout).toContain('vocabulary: sonoma-14.4.1');
  });

  it('JSON: decision, decidingLayer, both layers with their explanations, the vocabulary', async () => {
    const r = await runCli(['query', proc, 'file-write-data', '/private/var/x', '--platform', plat, '--json', ...D]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).slice(0, 3)).toEqual(['decision', 'decidingLayer', 'layers']);
    expect(j.decision).toBe('deny');
    expect(j.decidingLayer).toBe('process');
    expect(j.os).toBe('sonoma-14.4.1');
    expect(j.layers.process.decision).toBe('deny');
    expect(j.layers.process.explanation.decidedBy.rule.location).toBe(`${proc}:3:1`);
    expect(j.layers.platform).toMatchObject({ source: plat, form: 'sbpl', decision: 'allow' });
  });

  it('batch: each request names its deciding layer (process, platform, both)', async () => {
    const r = await runCli(['query', proc, '--requests', requests, '--platform', plat, ...D]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/:2: deny file-read-data \/private\/secret\/key — platform layer \(process allow, platform deny\) — rule on file-read\* at .*platform\.sb:4:1$/);
    expect(lines[1]).toMatch(/:3: allow file-read-data \/private\/var\/log\/x — both layers \(process allow, platform allow\)/);
    expect(lines[2]).toMatch(/:4: deny file-write-data .* — process layer \(process deny, platform allow\) — unfiltered rule on default at .*process\.sb:3:1$/);
    expect(lines[3]).toMatch(/:5: deny mach-lookup com\.example\.forbidden — platform layer/);
    expect(lines[4]).toMatch(/:6: deny file-write-data \/System\/x — both layers \(process deny, platform deny\)/);
    expect(lines[5]).toBe('vocabulary: sonoma-14.4.1');
  });

  it('batch --json: one object per line with its line, decision and deciding layer', async () => {
    const r = await runCli(['query', proc, '--requests', requests, '--platform', await compiledPlatform(), '--json', ...D]);
    expect(r.code).toBe(0);
    const objs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(objs.map((o) => [o.line, o.decision, o.decidingLayer])).toEqual([
      [2, 'deny', 'platform'],
      [3, 'allow', 'both'],
      [4, 'deny', 'process'],
      [5, 'deny', 'platform'],
      [6, 'deny', 'both'],
    ]);
    expect(objs[0].layers.platform.form).toBe('sonoma14');
    expect(objs.every((o) => o.os === 'sonoma-14.4.1')).toBe(true);
  });

  it('a compiled Sonoma blob as the platform layer: the walk explains it', async () => {
    const blob = await compiledPlatform();
    const r = await runCli(['query', proc, 'mach-lookup', 'com.example.forbidden', '--platform', blob, ...D]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('DENY mach-lookup com.example.forbidden — the platform profile denies (the process profile allows)');
    expect(r.stdout).toContain(`platform layer (${blob}, sonoma14): deny ← decides`);
    expect(r.stdout).toMatch(/decided by: terminal node \d+ \(deny\) from the mach-lookup entry after 1 test/);
    expect(r.stdout).toMatch(/node \d+: \(global-name "com\.example\.forbidden"\) MATCH/);
  });

  it('--as CALL: every check is decided by both layers', async () => {
    const r = await runCli(['query', proc, '--as', 'mach-lookup', 'com.example.forbidden', '--platform', plat, '--json', ...D]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.decision).toBe('deny');
    expect(j.os).toBe('sonoma-14.4.1');
    expect(j.checks[0].decidingLayer).toBe('platform');
    expect(j.checks[0].layers.process.decision).toBe('allow');
    expect(j.checks[0].layers.platform.decision).toBe('deny');
    const t = await runCli(['query', proc, '--as', 'mach-lookup', 'com.example.ok', '--platform', plat, ...D]);
    expect(t.stdout).toMatch(/^ALLOW mach-lookup com\.example\.ok/);
    expect(t.stdout).toContain('both layers allow');
    expect(t.stdout).toContain('vocabulary: sonoma-14.4.1');
  });

  it('a bad blob is an input error naming the byte offset (exit 1)', async () => {
    const bytes = readFileSync(await compiledPlatform());
    const bad = join(tmp, 'truncated.bin');
    writeFileSync(bad, bytes.subarray(0, 100));
    const r = await runCli(['query', proc, 'file-read-data', '/x', '--platform', bad, ...D]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`${bad}: not a valid compiled profile: .*\\(at byte \\d+, 0x[0-9a-f]+\\)`));
  });

  it('a platform profile with errors exits 1 with its diagnostics; usage errors exit 2', async () => {
    const broken = join(tmp, 'broken.sb');
    writeFileSync(broken, '(version 1)\n(allow file-reed-data)\n');
    const r = await runCli(['query', proc, 'file-read-data', '/x', '--platform', broken, ...D]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${broken}:2:`);
    expect(r.stderr).toContain('the platform profile has errors');
    expect((await runCli(['query', proc, 'file-read-data', '/x', '--platform-profile', 'x', ...D])).code).toBe(2);
    expect((await runCli(['query', proc, 'file-read-data', '/x', '--platform', plat, '--platform-profile', 'x', ...D])).code).toBe(2);
    expect((await runCli(['query', proc, 'file-read-data', '/x', '--platform', join(tmp, 'missing.bin'), ...D])).code).toBe(2);
  });
});
