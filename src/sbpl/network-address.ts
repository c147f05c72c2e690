// The network address argument of `(remote PROTO "HOST:PORT")` / `(local ...)`.
// Grammar and error texts as libsandbox reports them (docs/semantics.md §3.4, tier C: the same
// messages quoted by several independent projects on macOS 15-27): HOST is `*` or `localhost`; no
// colon at all (e.g. CIDR "0.0.0.0/0") is "port missing"; PORT is `*` or one decimal number.

import { StageError } from '../diagnostics/diagnostic.js';

export interface NetworkAddress {
  host: '*' | 'localhost';
  port: number | '*';
}

/** Error texts exactly as libsandbox prints them. */
export const NETWORK_ADDRESS_ERRORS = {
  host: 'host must be * or localhost in network address',
  portMissing: 'port missing in network address',
  port: 'invalid port in network address',
} as const;

export class NetworkAddressError extends StageError {
  constructor(
    message: string,
    /** Offset in the address string where the bad part starts. */
    readonly offset: number,
  ) {
    super(message, 'sbpl/network-address', 'input');
    this.name = 'NetworkAddressError';
  }
}

/** Parse the string argument of a `remote`/`local` filter ("*:443", "localhost:*"). */
export function parseNetworkAddress(text: string): NetworkAddress {
  const colon = text.lastIndexOf(':');
  if (colon < 0) throw new NetworkAddressError(NETWORK_ADDRESS_ERRORS.portMissing, text.length);
  const host = text.slice(0, colon);
  const port = text.slice(colon + 1);
  if (host !== '*' && host !== 'localhost') throw new NetworkAddressError(NETWORK_ADDRESS_ERRORS.host, 0);
  if (port === '*') return { host, port: '*' };
  if (!/^[0-9]{1,5}$/.test(port) || Number(port) > 65535) throw new NetworkAddressError(NETWORK_ADDRESS_ERRORS.port, colon + 1);
  return { host, port: Number(port) };
}
