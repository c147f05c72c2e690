// `sbpl run --backend simulate --platform FILE`: every probe's prediction is held to the platform layer too.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { SEEDS_MATRIX, tempDir } from './helpers.js';

describe('sbpl run --platform', () => {
  it('a platform layer that allows everything changes no prediction; one that denies everything refuses every probe', async () => {
    const dir = tempDir();
    const allowAll = join(dir, 'allow.sb');
    const denyAll = join(dir, 'deny.sb');
    writeFileSync(allowAll, '(version 1)\n(allow default)\n');
    writeFileSync(denyAll, '(version 1)\n(deny default)\n');
    const same = await runCli(['run', SEEDS_MATRIX, '-o', join(dir, 'a'), '--platform', allowAll]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('31 probes: 31 match, 0 differ');
    const refused = await runCli(['run', SEEDS_MATRIX, '-o', join(dir, 'd'), '--platform', denyAll, '--allow-mismatch']);
    expect(refused.code).toBe(0);
    const m = /31 probes: (\d+) match, (\d+) differ/.exec(refused.stdout);
    expect(Number(m?.[2])).toBeGreaterThan(0);
    expect(refused.stdout).not.toMatch(/\ballowed \d+/);
    const manifest = readFileSync(join(dir, 'd', 'run_manifest.json'), 'utf8');
    expect(manifest).toContain(`+ platform layer ${denyAll} (sbpl)`);
    const results = readFileSync(join(dir, 'd', 'runtime_results.json'), 'utf8');
    expect(results).toContain('the platform profile denies (the process profile allows)');
  });

  it('--platform is a usage error with another backend', async () => {
    const dir = tempDir();
    const r = await runCli(['run', SEEDS_MATRIX, '-o', dir, '-b', 'macos', '--platform', join(dir, 'p.sb')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--platform is only used with --backend simulate');
  });
});
