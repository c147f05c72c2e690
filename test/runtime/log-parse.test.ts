// Denial-report parsing: every line form the seeds, nixpkgs#345333, nono and Codex show, and names with
// spaces and parentheses; records become requests with resolved paths.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDenialMessage, parseLogText, recordToRequest, parseHostPort } from '../../src/runtime/log-parse.js';

describe('parseDenialMessage', () => {
  it('parses the plain kernel form', () => {
    const r = parseDenialMessage('Sandbox: cat(1234) deny(1) file-read-data /private/etc/hosts')!;
    expect(r).toMatchObject({ layer: 'sandbox', process: 'cat', pid: 1234, action: 'deny', count: 1, operation: 'file-read-data', target: '/private/etc/hosts', duplicates: 0 });
  });

  it('parses the compact `log stream` prefix (nixpkgs#345333)', () => {
    const r = parseDenialMessage(
      '2024-09-29 11:02:14.123 E  kernel[0:2f1] (Sandbox) kernel: (Sandbox) Sandbox: ollama-sandbox(4615) deny(1) file-read-data /System/Volumes/Preboot/Cryptexes/OS',
    )!;
    expect(r).toMatchObject({ process: 'ollama-sandbox', pid: 4615, operation: 'file-read-data', target: '/System/Volumes/Preboot/Cryptexes/OS' });
  });

  it('parses duplicate-report lines, singular and plural', () => {
    expect(parseDenialMessage('1 duplicate report for Sandbox: ollama-sandbox(4615) deny(1) mach-lookup com.apple.diagnosticd')).toMatchObject({
      duplicates: 1,
      operation: 'mach-lookup',
      target: 'com.apple.diagnosticd',
    });
    expect(parseDenialMessage('3 duplicate reports for Sandbox: git(5678) deny(1) file-read-data /etc/gitconfig')).toMatchObject({
      process: 'git',
      pid: 5678,
      action: 'deny',
      count: 1,
      operation: 'file-read-data',
      target: '/etc/gitconfig',
      duplicates: 3,
    });
  });

  it('splits process names with spaces and parentheses at the last ( before ) deny(', () => {
    const r = parseDenialMessage('Sandbox: Google Chrome Helper (Renderer)(812) deny(1) file-write-create /Users/u/x (copy).txt')!;
    expect(r.process).toBe('Google Chrome Helper (Renderer)');
    expect(r.pid).toBe(812);
    expect(r.target).toBe('/Users/u/x (copy).txt');
  });

  it('parses System Policy reports as a separate layer', () => {
    expect(parseDenialMessage('System Policy: Terminal(991) deny(1) file-read-data /Users/u/Desktop/a.txt')).toMatchObject({ layer: 'system-policy', process: 'Terminal', pid: 991 });
  });

  it('parses a report with no target (forbidden-sandbox-reinit)', () => {
    expect(parseDenialMessage('kernel: (Sandbox) Sandbox: sandbox-exec(4242) deny(1) forbidden-sandbox-reinit')).toMatchObject({ operation: 'forbidden-sandbox-reinit', target: '' });
  });

  it('keeps the (with message ...) line that follows in the same event', () => {
    const r = parseDenialMessage('Sandbox: node(77) deny(1) network-outbound 140.82.112.3:443\nCMD64_ZWNobw==_END_a1b2')!;
    expect(r.target).toBe('140.82.112.3:443');
    expect(r.message).toBe('CMD64_ZWNobw==_END_a1b2');
  });

  it('rejects lines that only look similar', () => {
    expect(parseDenialMessage('Sandbox: nothing here')).toBeUndefined();
    expect(parseDenialMessage('Sandbox: cat(abc) deny(1) file-read-data /x')).toBeUndefined();
    expect(parseDenialMessage('cat(12) deny(1) file-read-data /x')).toBeUndefined();
  });

  it('round-trips arbitrary names, pids, operations and targets (property)', () => {
    const name = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/[\n\r]/.test(s) && !s.includes(') deny(') && !s.includes(') allow(') && s.trim() === s && s.length > 0);
    const op = fc.stringMatching(/^[a-z][a-z*-]{0,24}$/);
    const target = fc.string({ maxLength: 30 }).filter((s) => !/[\n\r]/.test(s) && s.trim() === s);
    fc.assert(
      fc.property(name, fc.nat(99999), fc.constantFrom('deny', 'allow'), fc.integer({ min: 1, max: 9 }), op, target, fc.nat(5), (n, pid, action, count, o, t, dup) => {
        const line = `${dup ? `${dup} duplicate report${dup > 1 ? 's' : ''} for ` : ''}Sandbox: ${n}(${pid}) ${action}(${count}) ${o}${t ? ` ${t}` : ''}`;
        const r = parseDenialMessage(line);
        expect(r).toMatchObject({ process: n, pid, action, count, operation: o, target: t, duplicates: dup });
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseLogText', () => {
  it('reads log stream --style ndjson records and skips the banner', () => {
    const text = [
      'Filtering the log data using "processID == 0"',
      JSON.stringify({ timestamp: '2025-01-02 03:04:05.000000-0800', eventMessage: 'Sandbox: rg(4100) deny(1) file-read-data /Users/u/.ssh/id_ed25519', processID: 0, senderImagePath: '/System/Library/Extensions/Sandbox.kext/Contents/MacOS/Sandbox' }),
      JSON.stringify({ eventMessage: 'something else entirely', processID: 0 }),
      JSON.stringify({ eventMessage: '2 duplicate reports for Sandbox: rg(4100) deny(1) file-read-data /Users/u/.ssh/id_ed25519' }),
    ].join('\n');
    const p = parseLogText(text);
    expect(p.records).toHaveLength(2);
    expect(p.records[0]).toMatchObject({ line: 2, timestamp: '2025-01-02 03:04:05.000000-0800', process: 'rg' });
    expect(p.records[1]).toMatchObject({ line: 4, duplicates: 2 });
    expect(p.unparsed).toEqual([]);
  });

  it('reads a `log show --style json` array', () => {
    const p = parseLogText(JSON.stringify([{ eventMessage: 'Sandbox: a(1) deny(1) sysctl-read kern.hostname' }, { eventMessage: 'nope' }]));
    expect(p.records.map((r) => [r.operation, r.target])).toEqual([['sysctl-read', 'kern.hostname']]);
  });

  it('reports lines that mention Sandbox but do not parse, with line numbers', () => {
    const p = parseLogText('ok line\nSandbox: garbled without a pid\nSandbox: x(1) deny(1) file-read-data /a\n');
    expect(p.records).toHaveLength(1);
    expect(p.unparsed).toEqual([{ line: 2, text: 'Sandbox: garbled without a pid' }]);
  });
});

describe('recordToRequest', () => {
  const rec = (line: string) => parseDenialMessage(line)!;
  it('file targets are already-resolved paths', () => {
    expect(recordToRequest(rec('Sandbox: cat(1) deny(1) file-read-data /private/etc/hosts'))!.request).toEqual({
      operation: 'file-read-data',
      facts: { path: '/private/etc/hosts', pathIsResolved: true },
    });
  });

  it('mach, network, sysctl, iokit and preference targets go to their facts', () => {
    expect(recordToRequest(rec('Sandbox: a(1) deny(1) mach-lookup com.apple.sysmond'))!.request.facts).toEqual({ serviceName: 'com.apple.sysmond', serviceKind: 'global' });
    const net = recordToRequest(rec('Sandbox: a(1) deny(1) network-outbound [::1]:8080'))!;
    expect(net.request.facts.remote).toEqual({ proto: 'tcp', family: 'inet6', host: '::1', port: 8080 });
    expect(net.assumptions[0]).toMatch(/assumed tcp/);
    expect(recordToRequest(rec('Sandbox: a(1) deny(1) network-outbound /private/var/run/syslog'))!.request.facts).toEqual({ socketPath: '/private/var/run/syslog' });
    expect(recordToRequest(rec('Sandbox: a(1) deny(1) network-bind 127.0.0.1:5000'))!.request.facts.local).toMatchObject({ host: '127.0.0.1', port: 5000 });
    expect(recordToRequest(rec('Sandbox: a(1) deny(1) sysctl-read kern.hostname'))!.request.facts).toEqual({ sysctlName: 'kern.hostname' });
    expect(recordToRequest(rec('Sandbox: a(1) deny(1) iokit-open-user-client IOSurfaceRootUserClient'))!.request.facts).toEqual({ iokitClass: 'IOSurfaceRootUserClient' });
    expect(recordToRequest(rec('Sandbox: a(1) deny(1) user-preference-read com.apple.Terminal'))!.request.facts).toEqual({ preferenceDomain: 'com.apple.Terminal' });
  });

  it('forbidden-sandbox-reinit is not a request', () => {
    expect(recordToRequest(rec('Sandbox: sandbox-exec(9) deny(1) forbidden-sandbox-reinit'))).toBeUndefined();
  });

  it('parses host:port forms', () => {
    expect(parseHostPort('*:53')).toEqual({ host: '*', port: 53 });
    expect(parseHostPort('localhost:8080')).toEqual({ host: 'localhost', port: 8080 });
    expect(parseHostPort('example.com:80')).toBeUndefined();
    expect(parseHostPort('1.2.3.4:99999')).toBeUndefined();
  });
});

describe("Codex's denial summary", () => {
  it('reads the "(process) operation target" lines after the header, and nothing before or after', () => {
    const text = [
      '(node) file-read-data /not/a/denial',
      '=== Sandbox denials ===',
      '(touch) file-write-create /private/tmp/nope',
      '(Google Chrome Helper) mach-lookup com.apple.windowserver.active',
      '(ls) file-read-metadata /Users/u/My Files/a (1).txt',
      'npm ERR! done',
      '(node) file-read-data /also/not',
    ].join('\n');
    const { records } = parseLogText(text);
    expect(records.map((r) => [r.process, r.pid, r.operation, r.target, r.line])).toEqual([
      ['touch', -1, 'file-write-create', '/private/tmp/nope', 3],
      ['Google Chrome Helper', -1, 'mach-lookup', 'com.apple.windowserver.active', 4],
      ['ls', -1, 'file-read-metadata', '/Users/u/My Files/a (1).txt', 5],
    ]);
    expect(recordToRequest(records[0])!.request).toEqual({ operation: 'file-write-create', facts: { path: '/private/tmp/nope', pathIsResolved: true } });
  });
});
