// Targets users type (src/decide/target.ts): a pid for process targets, a service name with its lookup kind,
// HOST:PORT without a protocol — each reading that is a choice comes with a note.
import { describe, expect, it } from 'vitest';
import { factsFromTarget, readTarget, TargetError } from '../../src/decide/target.js';
import { parseRequestLines } from '../../src/decide/request-json.js';
import { getVocab } from '../../src/vocab/index.js';

const v = getVocab('sonoma-14.4.1');

describe('process targets', () => {
  it.each([
    ['signal', '1', {}, 'initproc', /launchd/],
    ['process-info-pidinfo', '0', {}, 'others', /kernel task/],
    ['process-info-rusage', '4242', {}, 'others', /--self-pid 4242/],
    ['mach-task-read', '4242', { selfPid: 4242 }, 'self', /itself/],
    ['process-info*', '7', { selfPid: 8 }, 'others', /another process/],
  ] as const)('%s %s -> %s', (op, t, opts, rel, note) => {
    const r = readTarget(v, op, t, opts);
    expect(r.facts).toEqual({ target: rel });
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]).toMatch(note);
  });

  it('relation names need no note; other words are errors', () => {
    expect(readTarget(v, 'signal', 'same-sandbox')).toEqual({ facts: { target: 'same-sandbox' }, notes: [] });
    expect(() => readTarget(v, 'signal', 'pid:12')).toThrow(TargetError);
    expect(() => readTarget(v, 'signal', '-1')).toThrow(/numeric pid/);
  });
});

describe('service targets', () => {
  it.each([
    ['global-name:com.a', 'global'],
    ['global:com.a', 'global'],
    ['local-name:com.a', 'local'],
    ['local:com.a', 'local'],
    ['xpc-service-name:com.a', 'xpc'],
    ['xpc:com.a', 'xpc'],
  ] as const)('%s is com.a looked up as %s', (t, kind) => {
    const r = readTarget(v, 'mach-lookup', t);
    expect(r.facts).toEqual({ serviceName: 'com.a', serviceKind: kind });
    expect(r.notes[0]).toMatch(kind === 'global' ? /global-name rules/ : kind === 'local' ? /local-name rules only/ : /xpc-service-name rules only/);
  });

  it('a plain name is a global lookup with no note; an unknown prefix is part of the name; a conflicting --service-kind is an error', () => {
    expect(readTarget(v, 'mach-register', 'com.a')).toEqual({ facts: { serviceName: 'com.a' }, notes: [] });
    expect(readTarget(v, 'mach-lookup', 'com.apple.x:y').facts).toEqual({ serviceName: 'com.apple.x:y' });
    expect(readTarget(v, 'mach-lookup', 'com.a', { serviceKind: 'xpc' }).facts).toEqual({ serviceName: 'com.a', serviceKind: 'xpc' });
    expect(() => readTarget(v, 'mach-lookup', 'local:com.a', { serviceKind: 'global' })).toThrow(/--service-kind says global/);
    expect(() => readTarget(v, 'mach-lookup', 'xpc:')).toThrow(/no service name/);
  });
});

describe('network targets without a protocol', () => {
  it.each([
    ['network-outbound', '127.0.0.1:8080', { remote: { proto: 'tcp', family: 'inet', host: '127.0.0.1', port: 8080 } }],
    ['network-outbound', '[::1]:53', { remote: { proto: 'tcp', family: 'inet6', host: '::1', port: 53 } }],
    ['network-outbound', 'localhost:80', { remote: { proto: 'tcp', family: 'inet', host: '127.0.0.1', port: 80 } }],
    ['network-bind', '*:8080', { local: { proto: 'tcp', family: 'inet', host: '*', port: 8080 } }],
  ] as const)('%s %s is tcp', (op, t, facts) => {
    const r = readTarget(v, op, t);
    expect(r.facts).toEqual(facts);
    expect(r.notes[0]).toMatch(/taken as tcp/);
  });

  it('a protocol given is kept with no note; a bad host is still an error', () => {
    expect(readTarget(v, 'network-outbound', 'udp:127.0.0.1:53')).toEqual({ facts: { remote: { proto: 'udp', family: 'inet', host: '127.0.0.1', port: 53 } }, notes: [] });
    expect(() => readTarget(v, 'network-outbound', 'example.com:80')).toThrow(TargetError);
  });

  it('factsFromTarget and JSON request lines read the same shorthands', () => {
    expect(factsFromTarget(v, 'signal', '1')).toEqual({ target: 'initproc' });
    const { requests, errors } = parseRequestLines('{"operation": "network-outbound", "target": "127.0.0.1:9"}\n{"operation": "mach-lookup", "target": "local:com.a"}\n', v);
    expect(errors).toEqual([]);
    expect(requests.map((r) => r.request.facts)).toEqual([
      { remote: { proto: 'tcp', family: 'inet', host: '127.0.0.1', port: 9 } },
      { serviceName: 'com.a', serviceKind: 'local' },
    ]);
  });
});
