// [X] Apple's blobs (macOS 15, iOS 17/26) set the 0x80 flag on integer filters too (syscall-number,
// machtrap-number, kernel-mig-routine, fcntl-command ...): the argument then names a value set, not a regex.
// [W: every such item of the five real blobs] its layout is u16 1, u16 N, then N bytes (a bitmap: runs of 0xff),
// zero-padded to the 8-byte unit; the padding ends exactly where the next item begins. Which bit is which value
// is not known (no decompilation of one is public in our sources), so the test stays opaque and says so.

import type { Vocab } from '../../vocab/index.js';
import type { NodeTest } from '../../graph/model.js';
import { DATA_UNIT, REGEX_FILTER_FLAG } from './descriptor.js';

/** [start, end) of the value set (u16 1, u16 N, N bytes) at byte `at`, or null when the bytes there do not fit that layout. */
export function valueSetSpan(bytes: Uint8Array, at: number): [number, number] | null {
  if (at + 4 > bytes.length || (bytes[at] | (bytes[at + 1] << 8)) !== 1) return null;
  const end = at + 4 + (bytes[at + 2] | (bytes[at + 3] << 8));
  return end <= bytes.length ? [at, end] : null;
}

/** A value-set test (opaque), recording the set's bytes in `spans`; null when the flag means a regex (string and path filters). */
export function valueSetTest(filterByte: number, arg: number, vocab: Vocab, item: (unit: number) => Uint8Array, bytes: Uint8Array, dataOffset: number, spans: Array<[number, number]>): NodeTest | null {
  if (!(filterByte & REGEX_FILTER_FLAG)) return null;
  const fid = (filterByte & ~REGEX_FILTER_FLAG) - 1;
  const f = vocab.filterById(fid);
  if (!f || f.argKind === 'path' || f.argKind === 'string') return null;
  item(arg); // recorded as the data item its u16 1 makes it (and located when it lies past the blob)
  const at = dataOffset + DATA_UNIT * arg;
  const span = valueSetSpan(bytes, at);
  let reason: string;
  if (span !== null) {
    spans.push(span);
    reason = `filter byte 0x${filterByte.toString(16)}: a set of ${f.name} values, a ${span[1] - at - 4}-byte bitmap at byte ${at + 4} (unit ${arg}); which bit is which value is not known`;
  } else reason = `filter byte 0x${filterByte.toString(16)}: a set of ${f.name} values at byte ${at} (unit ${arg}) that does not fit u16 1, u16 N, N bytes`;
  return { filter: f.name, filterId: fid, alternatives: [], opaque: { reason, rawFilter: filterByte, rawArgument: arg } };
}
