// Profile records of a collection (type 0x8000): a head of 4 (iOS 17) or 8 (iOS 26) bytes, then one u16 node
// index per operation. The head's first word names a data item (8-byte units from the data start) holding the
// profile's name as u16 length + bytes (read from the blobs: every such item is printable and NUL-terminated).
// iOS 26 (8-byte head): word 2 is the name unit of the profile it derives from (4 = `baseline` for 262 of 281,
// 0 for none), word 3 a data unit (0 for none) of a bit set laid out as the value sets of integer filters
// (u16 1, u16 N, N bytes; src/format/sonoma14/value-sets.ts), N <= 4: at most 32 bits, as many as the
// profile-flag table has entries; which bit is which is not known. Word 1 is not understood.

import { FormatDecodeError } from '../header.js';
import { valueSetSpan } from '../../sonoma14/value-sets.js';

export interface ProfileRecord {
  name: string;
  offset: number;
  /** The head's words after the name (not understood). */
  head: number[];
  entries: number[];
  /** [start, end) of the name item, when it was read. */
  nameItem?: [number, number];
  /** iOS 26: [start, end) of the bit set the head's last word names. */
  bitSet?: [number, number];
}

const text = new TextDecoder('utf-8', { fatal: false });

export function readProfileRecords(b: Uint8Array, at: number, count: number, headBytes: number, opCount: number, dataOffset: number, warnings: string[]): ProfileRecord[] {
  const out: ProfileRecord[] = [];
  const size = headBytes + 2 * opCount;
  const seen = new Map<string, number>();
  for (let p = 0; p < count; p++) {
    const off = at + p * size;
    const words: number[] = [];
    for (let i = 0; i < headBytes / 2; i++) words.push(b[off + 2 * i] | (b[off + 2 * i + 1] << 8));
    const entries: number[] = [];
    for (let i = 0; i < opCount; i++) entries.push(b[off + headBytes + 2 * i] | (b[off + headBytes + 2 * i + 1] << 8));
    const itemAt = dataOffset + 8 * words[0];
    let name = `profile#${p}`;
    let nameItem: [number, number] | undefined;
    if (itemAt + 2 <= b.length) {
      const len = b[itemAt] | (b[itemAt + 1] << 8);
      if (itemAt + 2 + len > b.length) throw new FormatDecodeError(`profile record ${p}: name item of ${len} bytes runs past the end`, itemAt, 'a name item inside the blob');
      const raw = b.subarray(itemAt + 2, itemAt + 2 + len);
      const s = text.decode(raw[raw.length - 1] === 0 ? raw.subarray(0, raw.length - 1) : raw);
      if (/^[\x20-\x7e]+$/.test(s)) {
        name = s;
        nameItem = [itemAt, itemAt + 2 + len];
      } else warnings.push(`profile record ${p} (byte ${off}): name item at byte ${itemAt} is not printable text; named ${name}`);
    } else warnings.push(`profile record ${p} (byte ${off}): name unit ${words[0]} lies past the end; named ${name}`);
    const dup = seen.get(name) ?? 0;
    seen.set(name, dup + 1);
    if (dup) name = `${name}#${dup + 1}`;
    out.push({ name, offset: off, head: words.slice(1), entries, nameItem, bitSet: headBytes >= 8 ? bitSetAt(b, dataOffset, words[3], p, off + 6, warnings) : undefined });
  }
  return out;
}

/** The bit set (u16 1, u16 N, N bytes) at data unit `unit` (0: none), or a warning naming where it does not fit. */
function bitSetAt(b: Uint8Array, dataOffset: number, unit: number, p: number, from: number, warnings: string[]): [number, number] | undefined {
  if (unit === 0) return undefined;
  const at = dataOffset + 8 * unit;
  const span = valueSetSpan(b, at);
  if (span === null) warnings.push(`profile record ${p} (byte ${from}): unit ${unit} (byte ${at}) does not hold a bit set (u16 1, u16 N, N bytes)`);
  return span ?? undefined;
}
