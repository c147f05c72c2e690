// What the runtime executes and where it writes (docs/security.md), tested (issue 15): allowed-root checks on
// resolved paths, the cached probe helper verified before it is run, argv values checked before a spawn.
import { chmodSync, chownSync, existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isStrictlyInside, PathResolveError, resolvePhysical } from '../../src/runtime/resolve-path.js';
import { runMatrix } from '../../src/runtime/run.js';
import { buildHelper, findCompiler, HelperBuildError } from '../../src/runtime/native/build.js';
import { MacosBackend } from '../../src/runtime/backends/macos.js';
import { parseMatrix, type MatrixCase } from '../../src/runtime/matrix.js';
import type { LoadedProfile } from '../../src/runtime/profiles.js';
import type { RunContext } from '../../src/runtime/backends/types.js';
import { tempDir } from './helpers.js';

/** A directory under /tmp itself (the setup root), whatever $TMPDIR says. */
const tmpRoot = mkdtempSync('/tmp/sbpl-sec-');
const outside = mkdtempSync('/var/tmp/sbpl-sec-');

describe('resolvePhysical', () => {
  it('applies .. after resolving, follows symlinks (also dangling ones) and keeps missing components', () => {
    expect(resolvePhysical('/tmp/../var/tmp/x')).toBe('/var/tmp/x');
    symlinkSync(outside, join(tmpRoot, 'link'));
    expect(resolvePhysical(join(tmpRoot, 'link', 'a', 'b'))).toBe(join(outside, 'a', 'b'));
    expect(resolvePhysical(`${tmpRoot}/link/../y`)).toBe('/var/tmp/y'); // (path.join would drop the .. before the link)
    symlinkSync(join(outside, 'not-yet'), join(tmpRoot, 'dangling'));
    expect(resolvePhysical(join(tmpRoot, 'dangling'))).toBe(join(outside, 'not-yet'));
    symlinkSync('rel-target', join(tmpRoot, 'rel'));
    expect(resolvePhysical(join(tmpRoot, 'rel', 'z'))).toBe(join(tmpRoot, 'rel-target', 'z'));
    symlinkSync(join(tmpRoot, 'loop-b'), join(tmpRoot, 'loop-a'));
    symlinkSync(join(tmpRoot, 'loop-a'), join(tmpRoot, 'loop-b'));
    expect(() => resolvePhysical(join(tmpRoot, 'loop-a', 'x'))).toThrow(PathResolveError);
    expect(isStrictlyInside('/tmp/x', '/tmp')).toBe(true);
    expect(isStrictlyInside('/tmpx/y', '/tmp')).toBe(false);
    expect(isStrictlyInside('/tmp', '/tmp')).toBe(false);
  });
});

describe('setup writes only inside the temporary directories, judged by where a path leads', () => {
  it('refuses /tmp/../var/tmp/..., a symlink out of /tmp and a dangling one; creates a plain /tmp path', async () => {
    symlinkSync(outside, join(tmpRoot, 'out-link'));
    symlinkSync(join(outside, 'planted-target'), join(tmpRoot, 'out-dangling'));
    const sneaky = `/tmp/../${outside.slice(1)}/via-dotdot`;
    const m = join(tempDir(), 'setup.json');
    writeFileSync(m, JSON.stringify({
      format: 'sbpl-kit/runtime-matrix@1',
      name: 'setup',
      setup: [
        { path: sneaky, kind: 'file', content: 'x' },
        { path: join(tmpRoot, 'out-link', 'via-link'), kind: 'dir' },
        { path: join(tmpRoot, 'out-dangling'), kind: 'file', content: 'x' },
        { path: join(tmpRoot, 'fine', 'f.txt'), kind: 'file', content: 'ok' },
      ],
      probes: { n: { target: { path: '/' }, exercise: 'stat' } },
      profiles: [{ key: 'c', mode: 'none', source: { inline: '(version 1)' }, expect: { n: 'allow' } }],
    }));
    const out = tempDir();
    await runMatrix({ matrixPath: m, outDir: out, backend: 'macos', helperPath: '/bin/true', allowNonDarwin: true, predictor: null });
    const problems = (JSON.parse(readFileSync(join(out, 'run_preflight.json'), 'utf8')) as { problems: string[] }).problems;
    expect(problems).toEqual(expect.arrayContaining([
      `setup: refused to create ${sneaky} (it resolves to ${outside}/via-dotdot) outside the temporary directories (use --allow-setup-anywhere)`,
      expect.stringContaining(`refused to create ${join(tmpRoot, 'out-link', 'via-link')} (it resolves to ${outside}/via-link)`),
      expect.stringContaining(`refused to create ${join(tmpRoot, 'out-dangling')} (it resolves to ${outside}/planted-target)`),
    ]));
    expect(existsSync(join(outside, 'via-dotdot'))).toBe(false);
    expect(existsSync(join(outside, 'via-link'))).toBe(false);
    expect(existsSync(join(outside, 'planted-target'))).toBe(false);
    expect(readFileSync(join(tmpRoot, 'fine', 'f.txt'), 'utf8')).toBe('ok');
  });
});

describe('argv values are checked before a spawn', () => {
  const m = parseMatrix(JSON.stringify({
    format: 'sbpl-kit/runtime-matrix@1',
    name: 'argv',
    probes: { s: { target: { sysctl: 'kern.ostype' }, exercise: 'sysctl-read' } },
    profiles: [{ key: 'p', source: { inline: '(version 1)' }, params: { K: 'v' }, expect: { s: 'allow' } }],
  }));
  const lp = { key: 'p', spec: m.profiles[0], shims: [], gates: [], importPath: [], os: m.os } as unknown as LoadedProfile;
  const ctx = { matrix: m, profiles: new Map(), profileFiles: new Map([['p', { sbpl: '/tmp/p.sb' }]]), outDir: '/tmp' } as unknown as RunContext;
  const c = m.cases[0];

  it.each(['helper', 'sandbox-exec'] as const)('%s runner: a sysctl target x=1 never reaches /usr/sbin/sysctl; a parameter name with = is refused', (runner) => {
    const b = new MacosBackend({ runner });
    (b as unknown as { helper: unknown }).helper = { path: '/bin/true' };
    expect(b.argv(c, lp, ctx)).toEqual(expect.any(Array));
    const write: MatrixCase = { ...c, probe: { ...c.probe, target: { sysctl: 'kern.hostname=evil' } } };
    expect(b.argv(write, lp, ctx)).toEqual({ error: "refused to run: sysctl name 'kern.hostname=evil' contains '=': /usr/sbin/sysctl would take it as a write" });
    const badParam = { ...lp, spec: { ...lp.spec, params: { 'A=B': 'x' } } } as LoadedProfile;
    expect(b.argv(c, badParam, ctx)).toEqual({ error: expect.stringMatching(/^refused to run: profile parameter: parameter name 'A=B' contains '='/) });
  });
});

const compiler = findCompiler();
if (!compiler) console.warn('skipping probe helper cache tests: no C compiler');

describe.skipIf(!compiler)('the cached probe helper is verified before it is run', () => {
  it('refuses a cache directory others can write to, or that belongs to someone else', () => {
    const d = tempDir('sbpl-cache-');
    chmodSync(d, 0o777);
    expect(() => buildHelper(d)).toThrow(/probe helper cache .* can be written by anyone \(mode 777\); a program planted there would be run\. Refusing it/);
    chmodSync(d, 0o775);
    expect(() => buildHelper(d)).toThrow(/can be written by its group/);
    chmodSync(d, 0o755);
    if (process.getuid?.() === 0) {
      chownSync(d, 65534, 65534);
      expect(() => buildHelper(d)).toThrow(/belongs to uid 65534, not to you \(uid 0\)/);
      chownSync(d, 0, 0);
    }
    expect(() => buildHelper(d)).not.toThrow();
  });

  it('a program planted under the helper name, or a build whose record does not match, is rebuilt, never run', () => {
    const d = tempDir('sbpl-cache-');
    const first = buildHelper(d);
    expect(existsSync(`${first.path}.build.json`)).toBe(true);
    expect(buildHelper(d).cached).toBe(true);
    // planted: same name, different content
    const marker = join(d, 'planted-ran');
    writeFileSync(first.path, `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(first.path, 0o755);
    const again = buildHelper(d);
    expect(again.cached).toBe(false);
    expect(readFileSync(first.path, 'utf8')).not.toContain('planted-ran');
    expect(existsSync(marker)).toBe(false);
    // a record naming another compiler
    const rec = JSON.parse(readFileSync(`${first.path}.build.json`, 'utf8'));
    writeFileSync(`${first.path}.build.json`, JSON.stringify({ ...rec, compiler: { ...rec.compiler, version: 'something else' } }));
    expect(buildHelper(d).cached).toBe(false);
    // no record (a build killed before it was written), and a stale temporary file of a killed build
    rmSync(`${first.path}.build.json`);
    writeFileSync(join(d, '.sbpl_probe-0000.tmp-999999999-abcdef'), 'half a binary');
    expect(buildHelper(d).cached).toBe(false);
    expect(existsSync(join(d, '.sbpl_probe-0000.tmp-999999999-abcdef'))).toBe(false);
    expect(buildHelper(d).cached).toBe(true);
  });
});
