import { describe, expect, it } from 'vitest';
import { formatEndpoint, isLoopbackHost, networkMatches, NetworkAddressError, NETWORK_ADDRESS_ERRORS, parseEndpoint, parseIpv6, parseNetworkAddress } from '../../src/decide/network.js';
import type { NetProto } from '../../src/sbpl/profile.js';

describe('network address grammar (libsandbox error texts)', () => {
  it.each([
    ['*:443', { host: '*', port: 443 }],
    ['localhost:*', { host: 'localhost', port: '*' }],
    ['*:*', { host: '*', port: '*' }],
    ['localhost:0', { host: 'localhost', port: 0 }],
  ])('%s', (text, want) => {
    expect(parseNetworkAddress(text)).toEqual(want);
  });
  it.each([
    ['127.0.0.1:80', NETWORK_ADDRESS_ERRORS.host],
    ['example.com:443', NETWORK_ADDRESS_ERRORS.host],
    ['[::1]:80', NETWORK_ADDRESS_ERRORS.host],
    ['0.0.0.0/0', NETWORK_ADDRESS_ERRORS.portMissing],
    ['localhost', NETWORK_ADDRESS_ERRORS.portMissing],
    ['*:1-100', NETWORK_ADDRESS_ERRORS.port],
    ['*:70000', NETWORK_ADDRESS_ERRORS.port],
    ['*:', NETWORK_ADDRESS_ERRORS.port],
  ])('%s -> %s', (text, msg) => {
    expect(() => parseNetworkAddress(text)).toThrow(NetworkAddressError);
    expect(() => parseNetworkAddress(text)).toThrow(msg);
  });
  it('the texts are the ones practitioners quote', () => {
    expect(NETWORK_ADDRESS_ERRORS.host).toBe('host must be * or localhost in network address');
  });
});

describe('endpoint matching', () => {
  const ep = (proto: 'tcp' | 'udp', host: string, port: number) => ({ proto, family: host.includes(':') ? ('inet6' as const) : ('inet' as const), host, port });
  const m = (proto: NetProto, host: '*' | 'localhost', port: number | '*', e: ReturnType<typeof ep>) => networkMatches({ proto, host, port }, e);
  it('localhost is 127.0.0.1 and ::1 (in any spelling), nothing else', () => {
    for (const h of ['127.0.0.1', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['127.0.0.2', '0.0.0.0', '::', '::2', '10.0.0.1']) expect(isLoopbackHost(h)).toBe(false);
  });
  it('protocols and families', () => {
    expect(m('ip', '*', '*', ep('udp', '1.1.1.1', 53))).toBe(true);
    expect(m('tcp', '*', '*', ep('udp', '1.1.1.1', 53))).toBe(false);
    expect(m('udp6', '*', '*', ep('udp', '1.1.1.1', 53))).toBe(false);
    expect(m('udp6', '*', '*', ep('udp', '::1', 53))).toBe(true);
    expect(m('ip4', 'localhost', 8080, ep('tcp', '127.0.0.1', 8080))).toBe(true);
    expect(m('ip4', 'localhost', 8080, ep('tcp', '127.0.0.1', 8081))).toBe(false);
    expect(m('unix', '*', '*', ep('tcp', '127.0.0.1', 1))).toBe(false);
  });
  it('parses request endpoints', () => {
    expect(parseEndpoint('tcp:127.0.0.1:8080')).toEqual({ proto: 'tcp', family: 'inet', host: '127.0.0.1', port: 8080 });
    expect(parseEndpoint('udp:[::1]:53')).toEqual({ proto: 'udp', family: 'inet6', host: '::1', port: 53 });
    expect(parseEndpoint('tcp6:localhost:1')).toEqual({ proto: 'tcp', family: 'inet6', host: '::1', port: 1 });
    expect(formatEndpoint(parseEndpoint('udp:[2001:db8::1]:53'))).toBe('udp6:[2001:db8::1]:53');
    expect(() => parseEndpoint('tcp:host.example:1')).toThrow('not a numeric address');
    expect(() => parseEndpoint('icmp:1.1.1.1:1')).toThrow('expected PROTO:HOST:PORT');
    expect(() => parseEndpoint('tcp4:::1:1')).toThrow('tcp4 needs an IPv4 address');
  });
  it('IPv6 parsing', () => {
    expect(parseIpv6('::')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIpv6('2001:db8::1')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6('::ffff:10.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001]);
    expect(parseIpv6('1:2:3:4:5:6:7:8:9')).toBeNull();
    expect(parseIpv6('1::2::3')).toBeNull();
    expect(parseIpv6('12345::')).toBeNull();
  });
});
