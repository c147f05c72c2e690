// [X] Apple's blobs (macOS 15, iOS 17/26) set the 0x80 flag on integer filters too (syscall-number,
// machtrap-number, kernel-mig-routine, fcntl-command ...): the argument then names a value set, not a regex.
// [W: every such item of the five real blobs] its layout is u16 1, u16 N, then N bytes (a bitmap: runs of 0xff),
// zero-padded to the 8-byte unit; the padding ends exactly where the next item begins. Which bit is which value
// is not known (no decompilation of one is public in our sources), so the test stays opaque and says so.

import type { Vocab } from '../../vocab/index.js';
import type { NodeTest } from '../../graph/model.js';
import { DATA_UNIT, REGEX_FILTER_FLAG } from './descriptor.js';

/** A value-set test (opaque), recording the set's bytes in `spans`; null when the flag means a regex (string and path filters). */
export function valueSetTest(filterByte: number, arg: number, vocab: Vocab, item: (unit: number) => Uint8Array, bytes: Uint8Array, dataOffset: number, spans: Array<[number, number]>): NodeTest | null {
  if (!(filterByte & REGEX_FILTER_FLAG)) return null;
  const fid = (filterByte & ~REGEX_FILTER_FLAG) - 1;
  const f = vocab.filterById(fid);
  if (!f || f.argKind === 'path' || f.argKind === 'string') return null;
  const head = item(arg);
  const at = dataOffset + DATA_UNIT * arg;
  const n = at + 4 <= bytes.length ? bytes[at + 2] | (bytes[at + 3] << 8) : -1;
  let reason: string;
  if (head.length === 1 && n >= 0 && at + 4 + n <= bytes.length) {
    spans.push([at, at + 4 + n]);
    reason = `filter byte 0x${filterByte.toString(16)}: a set of ${f.name} values, a ${n}-byte bitmap at byte ${at + 4} (unit ${arg}); which bit is which value is not known`;
  } else reason = `filter byte 0x${filterByte.toString(16)}: a set of ${f.name} values at byte ${at} (unit ${arg}) that does not fit u16 1, u16 N, N bytes`;
  return { filter: f.name, filterId: fid, alternatives: [], opaque: { reason, rawFilter: filterByte, rawArgument: arg } };
}
