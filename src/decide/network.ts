// Network addresses: the SBPL `(remote|local PROTO "HOST:PORT")` grammar with libsandbox's error texts, and
// matching of request endpoints (docs/semantics.md §3.4).
//
//  * HOST is `*` or `localhost`; anything else is "host must be * or localhost in network address"
//    (C: measured on macOS 15, 26, 27 by several projects); no colon at all (e.g. CIDR "0.0.0.0/0") is
//    "port missing in network address"; PORT is `*` or one decimal number, else "invalid port in network address".
//  * `localhost` matches 127.0.0.1 and ::1, not 127.0.0.2 (C: PLATDIFF, MOORAI).
//  * `ip` matches TCP and UDP, `tcp` only TCP; the 4/6 suffix restricts the address family (C: PLATDIFF; B: SIMBPLE
//    named arguments ip=3 ip4=1 ip6=2, tcp=7 ...).

import type { NetProto } from '../sbpl/profile.js';
import type { NetEndpoint } from './request.js';

export const NET_PROTOS: readonly NetProto[] = ['ip', 'ip4', 'ip6', 'tcp', 'tcp4', 'tcp6', 'udp', 'udp4', 'udp6'];

// The address grammar belongs to the front end (it rejects a bad address when the profile is read);
// re-exported here for the engine's callers.
import { NetworkAddressError } from '../sbpl/network-address.js';
export { parseNetworkAddress, NetworkAddressError, NETWORK_ADDRESS_ERRORS, type NetworkAddress } from '../sbpl/network-address.js';

export function isNetProto(s: string): s is NetProto {
  return (NET_PROTOS as readonly string[]).includes(s) || s === 'unix' || s === 'unix-socket';
}

/** Does a network filter argument match an endpoint? */
export function networkMatches(
  arg: { proto: NetProto; host: '*' | 'localhost'; port: number | '*' },
  ep: NetEndpoint,
): boolean {
  if (!protoMatches(arg.proto, ep)) return false;
  if (arg.port !== '*' && arg.port !== ep.port) return false;
  if (arg.host === 'localhost' && !isLoopbackHost(ep.host)) return false;
  return true;
}

export function protoMatches(proto: NetProto, ep: NetEndpoint): boolean {
  switch (proto) {
    case 'ip':
      return true;
    case 'ip4':
      return ep.family === 'inet';
    case 'ip6':
      return ep.family === 'inet6';
    case 'tcp':
      return ep.proto === 'tcp';
    case 'tcp4':
      return ep.proto === 'tcp' && ep.family === 'inet';
    case 'tcp6':
      return ep.proto === 'tcp' && ep.family === 'inet6';
    case 'udp':
      return ep.proto === 'udp';
    case 'udp4':
      return ep.proto === 'udp' && ep.family === 'inet';
    case 'udp6':
      return ep.proto === 'udp' && ep.family === 'inet6';
    default:
      // unix sockets are matched by path filters, never by an inet endpoint
      return false;
  }
}

/** 127.0.0.1 and ::1 (also spelled 0:0:0:0:0:0:0:1 or as the IPv4-mapped ::ffff:127.0.0.1). */
export function isLoopbackHost(host: string): boolean {
  if (host === '127.0.0.1' || host === '::1') return true;
  const v6 = parseIpv6(host);
  if (!v6) return false;
  if (v6.every((w, i) => (i < 7 ? w === 0 : w === 1))) return true;
  // ::ffff:127.0.0.1
  return v6.slice(0, 5).every((w) => w === 0) && v6[5] === 0xffff && v6[6] === 0x7f00 && v6[7] === 0x0001;
}

export function parseIpv4(s: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

/** Eight 16-bit words, or null. Accepts `::` compression and a trailing dotted IPv4. */
export function parseIpv6(s: string): number[] | null {
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return null;
  let tail: number[] = [];
  let text = s;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (!v4) return null;
    tail = [(v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]];
    text = s.slice(0, lastColon + 1);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const words = (h: string): number[] | null => {
    if (h === '') return [];
    const out: number[] = [];
    for (const w of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(w)) return null;
      out.push(parseInt(w, 16));
    }
    return out;
  };
  const head = words(halves[0]);
  const rest = halves.length === 2 ? words(halves[1]) : [];
  if (!head || !rest) return null;
  const given = head.length + rest.length + tail.length;
  if (halves.length === 2) {
    if (given > 7) return null;
    return [...head, ...new Array<number>(8 - given).fill(0), ...rest, ...tail];
  }
  return given === 8 ? [...head, ...tail] : null;
}

/** Parse a request endpoint "PROTO:HOST:PORT" (PROTO tcp|udp, optional 4/6 suffix; HOST IPv4, [IPv6], localhost). */
export function parseEndpoint(text: string): NetEndpoint {
  const m = /^(tcp|udp)(4|6)?:(.*):(\d{1,5})$/.exec(text);
  if (!m) throw new NetworkAddressError(`expected PROTO:HOST:PORT (tcp or udp, e.g. tcp:127.0.0.1:8080 or udp:[::1]:53), got '${text}'`, 0);
  const proto = m[1] as 'tcp' | 'udp';
  let host = m[3];
  const port = Number(m[4]);
  if (port > 65535) throw new NetworkAddressError(`port out of range: ${port}`, text.length - m[4].length);
  let family: 'inet' | 'inet6';
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === 'localhost') {
    family = m[2] === '6' ? 'inet6' : 'inet';
    host = family === 'inet6' ? '::1' : '127.0.0.1';
  } else if (host === '*') {
    family = m[2] === '6' ? 'inet6' : 'inet';
  } else if (parseIpv4(host)) {
    family = 'inet';
  } else if (parseIpv6(host)) {
    family = 'inet6';
  } else {
    throw new NetworkAddressError(`not a numeric address: '${host}' (use an IPv4 address, [IPv6], localhost or *)`, m[1].length + (m[2]?.length ?? 0) + 1);
  }
  if (m[2] === '4' && family !== 'inet') throw new NetworkAddressError(`${m[1]}4 needs an IPv4 address, got '${host}'`, 0);
  if (m[2] === '6' && family !== 'inet6') throw new NetworkAddressError(`${m[1]}6 needs an IPv6 address, got '${host}'`, 0);
  return { proto, family, host, port };
}

export function formatEndpoint(ep: NetEndpoint): string {
  const host = ep.family === 'inet6' && ep.host !== '*' ? `[${ep.host}]` : ep.host;
  return `${ep.proto}${ep.family === 'inet6' ? '6' : '4'}:${host}:${ep.port}`;
}
