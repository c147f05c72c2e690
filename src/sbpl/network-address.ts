// The network address argument of `(remote PROTO "HOST:PORT")` / `(local ...)`.
// Grammar and error texts as libsandbox reports them (research/semantics.md §3.4, tier C: the same
// messages quoted by several independent projects on macOS 15-27): HOST is `*` or `localhost`;
// PORT is `*` or one number.

export interface ParsedAddress {
  host: '*' | 'localhost';
  port: number | '*';
}

export type AddressResult = { ok: true; value: ParsedAddress } | { ok: false; message: string };

export function parseNetworkAddress(text: string): AddressResult {
  const colon = text.lastIndexOf(':');
  if (colon < 0) return { ok: false, message: 'port missing in network address' };
  const host = text.slice(0, colon);
  const port = text.slice(colon + 1);
  if (host !== '*' && host !== 'localhost') return { ok: false, message: 'host must be * or localhost in network address' };
  if (port === '*') return { ok: true, value: { host, port: '*' } };
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) return { ok: false, message: 'invalid port in network address' };
  return { ok: true, value: { host, port: Number(port) } };
}
