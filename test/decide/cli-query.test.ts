// `sbpl query`: the command as a user runs it (commander program with the query command registered).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerQuery } from '../../src/cli/query.js';
import { CommandFailure, UsageError } from '../../src/cli/common.js';

const FIX = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'decide');
const basic = join(FIX, 'basic.sb');

interface Run {
  stdout: string;
  stderr: string;
  code: number;
  error?: Error;
}

async function run(...args: string[]): Promise<Run> {
  const program = new Command();
  program.exitOverride();
  registerQuery(program);
  for (const c of program.commands) c.exitOverride();
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  process.exitCode = undefined;
  let code = 0;
  let error: Error | undefined;
  try {
    await program.parseAsync(['query', ...args], { from: 'user' });
    code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    error = e as Error;
    code = e instanceof UsageError ? 2 : e instanceof CommandFailure ? e.code : (e as { exitCode?: number }).exitCode ?? 70;
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
  return { stdout, stderr, code, error };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('sbpl query', () => {
  it('explains a single query (symlink check, chain, deciding rule)', async () => {
    const r = await run(basic, 'file-read-data', '/tmp/foo/x', '-D', 'WORK=/private/tmp/w');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ALLOW file-read-data /private/tmp/foo/x');
    expect(r.stdout).toContain(`decided by: filtered rule on 'file-read*': (allow file-read* (subpath "/private/tmp/foo")) at ${basic}:4:1`);
    expect(r.stdout).toContain('chain: file-read-data → file-read*');
    expect(r.stdout).toContain('symlink /tmp → private/tmp: file-read-metadata allow');
  });

  it('a deny is still exit 0, and --json prints the decision first', async () => {
    const r = await run(basic, 'network-outbound', 'udp:127.0.0.1:8080', '--json', '-D', 'WORK=/w');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)[0]).toBe('decision');
    expect(j.decision).toBe('deny');
    expect(j.chainText).toBe('network-outbound → network* → default');
    expect(j.decidedBy.rule.location).toBe(`${basic}:2:1`);
  });

  it('--no-explain prints one line with the decider', async () => {
    const r = await run(basic, 'file-read-data', '/private/tmp/foo/.env', '--no-explain', '-D', 'WORK=/w');
    expect(r.stdout.trim()).toBe(`deny file-read-data /private/tmp/foo/.env — rule on file-read* at ${basic}:9:1`);
  });

  it('extra facts from flags: --vnode-type, --entitlement, --fact', async () => {
    const a = await run(basic, 'file-write-create', '/private/tmp/w/l', '--vnode-type', 'symlink', '--no-explain', '-D', 'WORK=/private/tmp/w');
    expect(a.stdout).toMatch(/^deny file-write-create/);
    const b = await run(basic, 'file-write-create', '/private/tmp/w/f', '--vnode-type', 'REGULAR-FILE', '--no-explain', '-D', 'WORK=/private/tmp/w');
    expect(b.stdout).toMatch(/^allow file-write-create .* rule on file-write\* at .*basic\.sb:8:1/);
  });

  it('--fs: a custom file system with a symlinked project', async () => {
    const r = await run(basic, 'file-read-metadata', '/Users/u/proj/build.sh', '--fs', join(FIX, 'projects-fs.json'), '--json', '-D', 'WORK=/w');
    const j = JSON.parse(r.stdout);
    expect(j.facts.path).toBe('/Volumes/work/proj/build.sh');
    expect(j.facts.vnodeType).toBe('REGULAR-FILE');
    expect(j.facts.fileMode).toBe(0o755);
    expect(j.symlinkChecks[0].link).toBe('/Users/u/proj');
    expect(j.check).toBe('symlink-traversal');
  });

  it('answers a JSON-lines batch', async () => {
    const r = await run(basic, '--requests', join(FIX, 'requests.jsonl'), '-D', 'WORK=/private/tmp/w');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/requests\.jsonl:2: allow file-read-data \/tmp\/foo\/a — rule on file-read\* at .*:4:1$/);
    expect(lines[1]).toMatch(/:3: allow mach-lookup com\.apple\.logd — rule on mach-lookup at .*:6:1$/);
    expect(lines[2]).toMatch(/:5: allow network-outbound remote tcp6:\[::1\]:8080/);
    expect(lines[3]).toMatch(/:6: deny file-write-create .* unfiltered rule on default at .*:2:1$/);
    expect(lines[4]).toMatch(/:7: allow sysctl-read kern\.osrelease — rule on sysctl-read at .*:7:1$/);
  });

  it('batch --json --explain prints one JSON object per line with its line number', async () => {
    const r = await run(basic, '--requests', join(FIX, 'requests.jsonl'), '--json', '--explain', '-D', 'WORK=/private/tmp/w');
    const objs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(objs.map((o) => o.line)).toEqual([2, 3, 5, 6, 7]);
    expect(objs[0].chain).toEqual(['file-read-data', 'file-read*']);
  });

  it('bad request lines: every error names its line, nothing is answered, exit 2', async () => {
    const f = join(FIX, 'bad-requests.jsonl');
    const r = await run(basic, '--requests', f, '-D', 'WORK=/w');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${f}:1: $.target: file-read-data takes an absolute path`);
    expect(r.stderr).toContain(`${f}:2: $.operation: unknown operation 'file-reed-data'`);
    expect(r.stderr).toContain(`${f}:3: not valid JSON`);
    expect(r.stderr).toContain(`${f}:4: $.remote: not a numeric address: '1.2.3'`);
    expect(r.stderr).toContain(`${f}:5: $: unknown field 'pth' (did you mean 'path'?)`);
  });

  it('usage errors exit 2', async () => {
    const D = ['-D', 'WORK=/w'];
    expect((await run(basic, 'file-reed-data', '/x', ...D)).error?.message).toContain("did you mean 'file-read-data'");
    expect((await run(basic, 'file-read-data', 'x', ...D)).code).toBe(2);
    expect((await run(basic, 'file-read-data', ...D)).error?.message).toContain('needs a TARGET');
    expect((await run(basic, 'network-outbound', 'tcp:localhost', ...D)).code).toBe(2);
    expect((await run(basic, 'file-read-data', '/x', '--mode', '999', ...D)).code).toBe(2);
    expect((await run(basic, 'file-read-data', '/x', '--requests', join(FIX, 'requests.jsonl'))).code).toBe(2);
    expect((await run(join(FIX, 'missing.sb'), 'file-read-data', '/x')).code).toBe(2);
  });

  it('profile errors exit 1', async () => {
    const a = await run(join(FIX, 'bad-network.sb'), 'file-read-data', '/x');
    expect(a.code).toBe(1);
    expect(a.stderr).toContain('host must be * or localhost in network address');
    const b = await run(join(FIX, 'bad-regex.sb'), 'file-read-data', '/x');
    expect(b.code).toBe(1);
    expect(b.error?.message).toContain("unmatched '('");
    // a missing parameter makes the profile invalid too
    expect((await run(basic, 'file-read-data', '/x')).code).toBe(1);
  });
});
