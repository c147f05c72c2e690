// [W: the iOS 26 collection, all 14 network items its local / remote nodes name] a network argument there is one
// 8-byte data unit, not a length-prefixed item: u8 protocol code, u8 host (0 any, 1 localhost), u16 port (0 any),
// 4 zero bytes (`0b 00 bb 01 ..` = udp *:443, `07 01 7e f2 ..` = tcp localhost:62078). The codes are those of
// the prefixed layout (args.ts), which is read from the same bytes.

import type { FilterInfo } from '../../vocab/index.js';
import type { NodeTest } from '../../graph/model.js';
import { ArgumentError, networkTest } from './args.js';
import { DATA_UNIT } from './descriptor.js';

/** The test of a network node whose argument is a data unit of this layout; the unit's span goes to `spans`. */
export function networkUnitTest(f: FilterInfo, filterId: number, unit: number, bytes: Uint8Array, dataOffset: number, spans: Array<[number, number]>): NodeTest {
  const at = dataOffset + DATA_UNIT * unit;
  if (at + DATA_UNIT > bytes.length) throw new ArgumentError(`network unit ${unit} (byte ${at}) lies past the end of the blob`);
  const u = bytes.subarray(at, at + DATA_UNIT);
  if (u[4] | u[5] | u[6] | u[7]) throw new ArgumentError(`network unit at byte ${at}: bytes 4..7 are not zero (expected code, host, u16 port, 4 zero bytes)`);
  const port = u[2] | (u[3] << 8);
  const test = networkTest(f, filterId, Uint8Array.of(u[0], u[1], port ? 1 : 0, u[2], u[3]));
  spans.push([at, at + DATA_UNIT]);
  return test;
}
