// Byte coverage of a decode: which bytes belong to a structure we can name (header, tables, records, nodes, data
// items with their 8-byte alignment padding when it is zero). The rest is reported as spans.

import type { RawItem } from '../sonoma14/decode.js';

export function byteCoverage(bytes: Uint8Array, spans: Array<[number, number]>, items: RawItem[], extra: Array<[number, number]>): { known: number; fraction: number; unknown: Array<[number, number]> } {
  const known = new Uint8Array(bytes.length);
  const mark = (a: number, b: number) => known.fill(1, Math.max(0, a), Math.min(bytes.length, b));
  for (const [a, b] of spans) mark(a, b);
  for (const [a, b] of extra) mark(a, b);
  for (const it of items) mark(it.offset, it.offset + 2 + it.length);
  // zero padding up to the next 8-byte boundary after a known span (alignment of nodes and items)
  for (let i = 1; i < bytes.length; i++) {
    if (known[i] || !known[i - 1]) continue;
    let j = i;
    while (j < bytes.length && !known[j] && bytes[j] === 0 && j % 8 !== 0) j++;
    if (j === bytes.length || j % 8 === 0) mark(i, j);
  }
  let n = 0;
  const unknown: Array<[number, number]> = [];
  for (let i = 0; i < bytes.length; i++) {
    if (known[i]) n++;
    else if (unknown.length && unknown[unknown.length - 1][1] === i) unknown[unknown.length - 1][1] = i + 1;
    else unknown.push([i, i + 1]);
  }
  return { known: n, fraction: bytes.length ? n / bytes.length : 1, unknown };
}
