import { describe, expect, it } from 'vitest';
import { parseRequestLines, requestFromJson } from '../../src/decide/request-json.js';
import { factsFromTarget, targetKindOf } from '../../src/decide/target.js';
import { getVocab } from '../../src/vocab/index.js';

const vocab = getVocab('sonoma-14.4.1');

describe('request targets', () => {
  it.each([
    ['file-read-data', 'path'],
    ['file-write-create', 'path'],
    ['process-exec*', 'path'],
    ['file-map-executable', 'path'],
    ['mach-lookup', 'service'],
    ['network-outbound', 'network'],
    ['network-bind', 'network'],
    ['sysctl-read', 'sysctl'],
    ['managed-preference-read', 'preference'],
    ['darwin-notification-post', 'notification'],
    ['iokit-open-user-client', 'iokit'],
    ['signal', 'process'],
    ['process-info-pidinfo', 'process'],
    ['ipc-posix-shm-read-data', 'ipc-posix'],
    ['system-kext-load', 'kext'],
    ['nvram-get', 'nvram'],
    ['process-fork', 'none'],
  ])('%s takes a %s', (op, kind) => {
    expect(targetKindOf(vocab, op)).toBe(kind);
  });
  it('network targets: remote for outbound, local for bind; unix sockets by path', () => {
    expect(factsFromTarget(vocab, 'network-outbound', 'tcp:1.2.3.4:443')).toEqual({ remote: { proto: 'tcp', family: 'inet', host: '1.2.3.4', port: 443 } });
    expect(factsFromTarget(vocab, 'network-bind', 'tcp:0.0.0.0:80')).toEqual({ local: { proto: 'tcp', family: 'inet', host: '0.0.0.0', port: 80 } });
    expect(factsFromTarget(vocab, 'network-outbound', 'unix:/var/run/syslog')).toEqual({ socketPath: '/var/run/syslog' });
    expect(() => factsFromTarget(vocab, 'signal', 'me')).toThrow('target process relation');
    expect(() => factsFromTarget(vocab, 'process-fork', 'x')).toThrow('takes no target');
  });
});

describe('JSON requests', () => {
  it('accepts target, top-level facts and nested facts', () => {
    expect(requestFromJson({ operation: 'file-read-data', target: '/tmp/x', vnodeType: 'REGULAR-FILE', fileMode: '644' }, vocab)).toEqual({
      operation: 'file-read-data',
      facts: { path: '/tmp/x', vnodeType: 'REGULAR-FILE', fileMode: 0o644 },
    });
    expect(requestFromJson({ operation: 'mach-lookup', facts: { serviceName: 'a', entitlements: { k: ['x'] } } }, vocab).facts).toEqual({ serviceName: 'a', entitlements: { k: ['x'] } });
    expect(requestFromJson({ operation: 'network-bind', target: 'udp:[::1]:53', endpoint: 'remote' }, vocab).facts.remote?.family).toBe('inet6');
    expect(requestFromJson({ operation: 'process-exec', target: '/bin/ls' }, vocab).facts).toEqual({ path: '/bin/ls' });
  });
  it.each([
    [{ target: '/x' }, '$.operation: expected an operation name'],
    [{ operation: 'file-read-data', path: 'x' }, '$.path: must be an absolute path'],
    [{ operation: 'file-read-data', fileMode: '9' }, '$.fileMode'],
    [{ operation: 'mach-lookup', facts: { serviceKind: 'remote' } }, '$.facts.serviceKind'],
    [{ operation: 'mach-lookup', facts: { entitlements: { k: 1 } } }, '$.facts.entitlements.k'],
    [{ operation: 'signal', signalNumber: 40 }, '$.signalNumber'],
    [{ operation: 'file-read-data', paht: '/x' }, "did you mean 'path'"],
    [{ operation: 'file-raed-data', target: '/x' }, "unknown operation 'file-raed-data' for sonoma-14.4.1 (did you mean 'file-read-data'?)"],
    [{ operation: 'network-outbound', local: 'tcp:1:2' }, '$.local: '],
    [[1], '$: expected an object'],
  ])('rejects %j', (value, msg) => {
    expect(() => requestFromJson(value, vocab)).toThrow(msg);
  });
  it('parses JSON lines, naming the line of each error', () => {
    const { requests, errors } = parseRequestLines('# c\n{"operation":"mach-lookup","target":"a"}\n\n{oops}\n{"operation":"signal","target":"self"}\n', vocab);
    expect(requests.map((r) => r.line)).toEqual([2, 5]);
    expect(errors).toHaveLength(1);
    expect(errors[0].line).toBe(4);
    expect(errors[0].message).toMatch(/^not valid JSON/);
  });
});

describe('request lines are strict (issue 15)', () => {
  const only = (text: string) => {
    const { requests, errors } = parseRequestLines(text, vocab);
    expect(requests).toEqual([]);
    expect(errors).toHaveLength(1);
    return errors[0];
  };
  it('a duplicate key is an error naming the line, column and key (JSON.parse would keep the last)', () => {
    const e = only('\n  {"operation":"file-read-data","path":"/a","path":"/b"}');
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/^column 45: \$: duplicate key "path" \(first at column 33\)/);
  });
  it('a duplicate key inside facts names the nested path', () => {
    const e = only('{"operation":"mach-lookup","facts":{"serviceName":"a","serviceName":"b"}}');
    expect(e.message).toMatch(/\$\.facts: duplicate key "serviceName"/);
  });
  it('__proto__ and constructor keys are errors, not prototype changes', () => {
    expect(only('{"operation":"file-read-data","__proto__":{"path":"/x"}}').message).toMatch(/the key "__proto__" is not allowed/);
    expect(only('{"operation":"file-read-data","facts":{"constructor":1}}').message).toMatch(/\$\.facts: the key "constructor" is not allowed/);
  });
  it('an unknown key names the key and suggests the known one', () => {
    expect(only('{"operation":"file-read-data","pth":"/a"}').message).toMatch(/^\$: unknown field 'pth' \(did you mean 'path'\?\)/);
  });
  it('a wrong type names the JSON path and what was expected', () => {
    expect(only('{"operation":"file-read-data","path":1}').message).toBe('$.path: expected a string');
    expect(only('{"operation":"file-read-data","fileMode":"999"}').message).toMatch(/^\$\.fileMode: expected an octal mode/);
    expect(only('{"operation":7}').message).toMatch(/^\$\.operation: expected an operation name/);
    expect(only('[1]').message).toMatch(/^\$: expected an object/);
  });
});
