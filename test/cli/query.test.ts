// `sbpl query`: the command as a user runs it (commander program with the query command registered).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { dirname, join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { registerQuery } from '../../src/cli/query.js';
import { CommanderError } from 'commander';
import { cliDiagnosticOf } from '../../src/cli/errors.js';
import { exitCodeFor } from '../../src/cli/exit-codes.js';

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
    code = e instanceof CommanderError ? e.exitCode : exitCodeFor(cliDiagnosticOf(e).kind ?? 'input', 'query');
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
    expect(r.stdout.trim()).toBe(`deny file-read-data /private/tmp/foo/.env — rule on file-read* at ${basic}:9:1\n  vocabulary: sonoma-14.4.1`);
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
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('vocabulary: sonoma-14.4.1');
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

  it('bad request lines: every error names its line, every good line is answered, exit 1', async () => {
    const f = join(FIX, 'bad-requests.jsonl');
    const r = await run(basic, '--requests', f, '-D', 'WORK=/w');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6: allow file-read-data /private/tmp/foo/a`, 'm'));
    expect(r.error?.message).toContain('5 bad request lines (the others were answered)');
    expect(r.stderr).toContain(`${f}:1: $.target: file-read-data takes an absolute path`);
    expect(r.stderr).toContain(`${f}:2: $.operation: unknown operation 'file-reed-data'`);
    expect(r.stderr).toContain(`${f}:3: not valid JSON`);
    expect(r.stderr).toContain(`${f}:4: $.remote: not a numeric address: '1.2.3'`);
    expect(r.stderr).toContain(`${f}:5: $: unknown field 'pth' (did you mean 'path'?)`);
  });

  it('bad request lines in JSON mode are JSON lines too, in line order', async () => {
    const f = join(FIX, 'bad-requests.jsonl');
    const r = await run(basic, '--requests', f, '--json', '-D', 'WORK=/w');
    const objs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(objs.map((o) => o.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(objs[1].error).toContain("unknown operation 'file-reed-data'");
    expect(objs[5].decision).toBe('allow');
    expect(r.code).toBe(1);
  });

  it('--expect: exit 0 when the verdict is as expected, 1 (with the explanation) when not, 2 for bad usage', async () => {
    const D = ['-D', 'WORK=/w'];
    expect((await run(basic, 'file-read-data', '/private/tmp/foo/a', '--expect', 'allow', ...D)).code).toBe(0);
    const no = await run(basic, 'file-read-data', '/etc/passwd', '--expect', 'allow', ...D);
    expect(no.code).toBe(1);
    expect(no.stderr).toContain('expected allow, got deny: file-read-data /etc/passwd');
    expect(no.stdout).toMatch(/deny/); // the explanation is still printed
    const j = await run(basic, 'file-read-data', '/etc/passwd', '--expect', 'deny', '--json', ...D);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ decision: 'deny', expected: 'deny', asExpected: true });
    expect((await run(basic, 'file-read-data', '/x', '--expect', 'maybe', ...D)).code).toBe(2);
    const call = await run(join(FIX, 'calls.sb'), '--as', 'stat', '/etc/hosts', '--expect', 'allow');
    expect([0, 1]).toContain(call.code);
    expect(call.code === 0).toBe(!call.stderr.includes('expected allow'));
  });

  it('--expect in a batch: per line ("expect" in the JSON) or for every line; a mismatch exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbpl-expect-'));
    const f = join(dir, 'expect.jsonl');
    writeFileSync(f, [
      '{"operation": "file-read-data", "target": "/private/tmp/foo/a", "expect": "allow"}',
      '{"operation": "file-read-data", "target": "/etc/passwd", "expect": "allow"}',
      '{"operation": "file-read-data", "target": "/etc/hosts"}',
      '{"operation": "file-read-data", "target": "/etc/hosts", "expect": "sometimes"}',
    ].join('\n') + '\n');
    const r = await run(basic, '--requests', f, '--json', '--expect', 'deny', '-D', 'WORK=/w');
    const objs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(objs[0]).toMatchObject({ line: 1, expected: 'allow', asExpected: true });
    expect(objs[1]).toMatchObject({ line: 2, expected: 'allow', asExpected: false });
    expect(objs[2]).toMatchObject({ line: 3, expected: 'deny', asExpected: true });
    expect(objs[3].error).toContain('$.expect: expected "allow" or "deny"');
    expect(r.code).toBe(1);
    const ok = join(dir, 'ok.jsonl');
    writeFileSync(ok, '{"operation": "file-read-data", "target": "/private/tmp/foo/a", "expect": "allow"}\n');
    expect((await run(basic, '--requests', ok, '-D', 'WORK=/w')).code).toBe(0);
    const mismatch = await run(basic, '--requests', f.replace('expect.jsonl', 'ok.jsonl'), '--expect', 'deny', '-D', 'WORK=/w');
    expect(mismatch.code).toBe(0); // the line's own expect wins over --expect
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

  describe('targets users type (a pid, a service with its lookup kind, HOST:PORT) and --as CALL', () => {
    const calls = join(FIX, 'calls.sb');

    it('a numeric pid stands for a relation, and the explanation says which', async () => {
      const other = await run(calls, 'signal', '4242', '--no-explain');
      expect(other.stdout).toMatch(/^allow signal target others — rule on signal/);
      expect(other.stdout).toContain('target: pid 4242 taken as another process, relation others');
      const init = await run(calls, 'signal', '1');
      expect(init.stdout).toContain('DENY signal target initproc');
      expect(init.stdout).toContain('note: target: pid 1 is launchd: relation initproc');
      const self = await run(calls, 'signal', '4242', '--self-pid', '4242', '--no-explain');
      expect(self.stdout).toMatch(/^allow signal target self — rule on signal .*\(standard policy\)/);
      expect((await run(calls, 'signal', '42', '--self-pid', 'me')).code).toBe(2);
    });

    it('a service name carries its lookup kind; a kind that contradicts --service-kind is a usage error', async () => {
      const local = await run(calls, 'mach-lookup', 'local:com.example.local', '--json');
      const ex = JSON.parse(local.stdout);
      expect(ex.decision).toBe('allow');
      expect(ex.facts).toMatchObject({ serviceName: 'com.example.local', serviceKind: 'local' });
      expect(ex.notes[0]).toMatch(/^target: com\.example\.local: looked up in the local \(per-process\) namespace/);
      expect((await run(calls, 'mach-lookup', 'com.example.local', '--no-explain')).stdout).toMatch(/^deny mach-lookup/);
      expect((await run(calls, 'mach-lookup', 'local-name:com.example.local', '--service-kind', 'global')).code).toBe(2);
    });

    it('HOST:PORT without a protocol is tcp, with a note', async () => {
      const r = await run(calls, 'network-outbound', 'localhost:8080', '--no-explain');
      expect(r.stdout).toMatch(/^allow network-outbound remote tcp4:127\.0\.0\.1:8080/);
      expect(r.stdout).toContain("no protocol in 'localhost:8080': taken as tcp");
      const j = JSON.parse((await run(calls, 'network-outbound', '127.0.0.1:53', '--no-explain', '--json')).stdout);
      expect(j.targetNotes[0]).toContain('taken as tcp');
    });

    it('--as open-create names the check that failed', async () => {
      const r = await run(calls, '--as', 'open-create', '/tmp/x');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('DENY open-create /tmp/x: refused at check 1 of 1, file-write-create /tmp/x (open(2) creates the missing file); the call fails with EPERM');
      expect(r.stdout).toContain('← fails the call');
      expect(r.stdout).toContain('path matched as /private/tmp/x');
      expect((await run(calls, '--as', 'create', '/private/tmp/w/new')).stdout).toMatch(/^ALLOW open-create \/private\/tmp\/w\/new: all 1 check allowed/);
    });

    it('--as rename / mv decides both names; --json gives every check', async () => {
      const r = await run(calls, '--as', 'mv', '/private/tmp/w/a', '/private/tmp/b', '--json');
      const j = JSON.parse(r.stdout);
      expect(j).toMatchObject({ call: 'rename', decision: 'deny', failedAt: 1, failure: 'fails' });
      expect(j.checks.map((c: { operation: string; decision: string }) => [c.operation, c.decision])).toEqual([['file-write-unlink', 'allow'], ['file-write-create', 'deny']]);
      expect(j.checks[1].decidedBy.kind).toBe('unfiltered-rule');
      expect(j.sources).toContain('practitioners-rename');
    });

    it('--as exec, pty: all checks, or the first refused one and what it does', async () => {
      expect((await run(calls, '--as', 'exec', '/bin/ls')).stdout).toMatch(/^ALLOW exec \/bin\/ls: all 3 checks allowed/);
      const pty = await run(calls, '--as', 'pty');
      expect(pty.stdout).toContain('DENY pty: refused at check 2 of 8, file-write-data /dev/ptmx');
      expect(pty.stdout).toContain('3. pseudo-tty — a new pty pair is allocated: not reached');
    });

    it('--as usage errors: unknown call (did you mean), missing or extra targets, --requests too', async () => {
      expect((await run(calls, '--as', 'renme', '/a', '/b')).error?.message).toContain("did you mean 'rename'");
      expect((await run(calls, '--as', 'rename', '/private/tmp/a')).error?.message).toContain('needs a second TARGET');
      expect((await run(calls, '--as', 'rename', '/private/tmp/a', 'b')).error?.message).toContain('absolute path');
      expect((await run(calls, '--as', 'pty', '/dev/x')).error?.message).toContain('takes no TARGET');
      expect((await run(calls, '--as', 'open-create')).error?.message).toContain('needs a TARGET');
      expect((await run(calls, '--as', 'stat', '/x', '/y')).code).toBe(2);
      expect((await run(calls, '--as', 'stat', '/x', '--requests', join(FIX, 'requests.jsonl'))).code).toBe(2);
    });
  });
});
