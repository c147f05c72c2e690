// Header and table layout of Apple's compiled profiles since macOS 14 / iOS 17, per format. All share the node
// encoding of src/format/sonoma14 (8-byte records, u16 data items at 8-byte units after the nodes); they differ in
// the header size, its field order, the op-table size and, for collections, the per-profile record.
//
// Facts (docs/formats.md "Apple's newer formats"), read from the real blobs:
// - 14-byte header (Sonoma 14, iOS 17): u16 type, u16 nodes, u8 ops, u8 vars, u8 states, u8 pad, u16 profiles,
//   u16 regexes, u16 entitlement words. ios17-protobox: profiles 573 at byte 8 and 573 records of 4 + 2*190 bytes.
// - 16-byte header (macOS 15, iOS 26): u16 type, u16 nodes, u8 ops, u8 vars, u8 states, u8 named rule sets,
//   u16 profile flags, u16 profiles, u16 regexes, u16 message filters. The iOS 26 collection's tables end exactly
//   where 281 records of 8 + 2*195 bytes begin.
// - Tables after the header in this order, u16 each: regex offsets, pattern variables, states, entitlement words
//   (h16: profile flags), on h16 then the rule-set names (byte 7) and the message filters (word 14), then the op
//   table (single profile) or the profile records (collection, type 0x8000); nodes at the next multiple of 8.
// - What the tables hold (iOS 26 collection, the one blob where they are not empty; docs/formats.md "Name tables"):
//   states (6), profile flags (32) and rule-set names (28) are data units of NUL-terminated names
//   (`blastdoor-post-launch`; `common-rules`, `autobox-client`); state-flag and profile-flag arguments are
//   indices into the first two. The message filters (10) are node indices: the entry nodes of the nested rules
//   message-filter actions apply (src/format/sonoma14/actions.ts). What refers to the rule-set names is not known.

import { StageError } from '../../diagnostics/diagnostic.js';

export class FormatDecodeError extends StageError {
  constructor(
    message: string,
    /** Byte offset where the bytes stopped fitting the format. */
    readonly offset: number,
    /** What the decoder expected there. */
    readonly expected: string,
  ) {
    super(`${message} (at byte ${offset}, 0x${offset.toString(16)}; expected ${expected})`, 'format/layout', 'input', { byteOffset: offset });
    this.name = 'FormatDecodeError';
  }
}

export type HeaderShape = 'h14' | 'h16';

export interface BlobHeader {
  profileType: number;
  nodeCount: number;
  opCount: number;
  varCount: number;
  stateCount: number;
  /** h16: entries of the rule-set name table (0 on h14). */
  byte7: number;
  profileCount: number;
  regexCount: number;
  entitlementCount: number;
  /** h16: entries of the message-filter table (0 on h14). */
  word14: number;
  size: number;
}

/** Collection flag in the type word. */
export const BUNDLE_TYPE = 0x8000;

export function u16(b: Uint8Array, at: number, what: string): number {
  if (at < 0 || at + 2 > b.length) throw new FormatDecodeError(`${what} lies past the end of the ${b.length}-byte blob`, Math.min(Math.max(at, 0), b.length), `a u16 ${what}`);
  return b[at] | (b[at + 1] << 8);
}

export function readHeader(b: Uint8Array, shape: HeaderShape): BlobHeader {
  const size = shape === 'h14' ? 14 : 16;
  if (b.length < size) throw new FormatDecodeError(`the blob is ${b.length} bytes, shorter than a header`, b.length, `a ${size}-byte header`);
  const common = { profileType: u16(b, 0, 'type'), nodeCount: u16(b, 2, 'node count'), opCount: b[4], varCount: b[5], stateCount: b[6], byte7: b[7], size };
  if (shape === 'h14') return { ...common, profileCount: u16(b, 8, 'profile count'), regexCount: u16(b, 10, 'regex count'), entitlementCount: u16(b, 12, 'entitlement count'), word14: 0 };
  return { ...common, entitlementCount: u16(b, 8, 'profile-flag count'), profileCount: u16(b, 10, 'profile count'), regexCount: u16(b, 12, 'regex count'), word14: u16(b, 14, 'message-filter count') };
}

export interface Tables {
  regexTableOffset: number;
  regexOffsets: number[];
  vars: number[];
  states: number[];
  /** h14: entitlement words (no real blob has any); h16: the profile-flag table (data units of names). */
  entitlements: number[];
  /** h16: the rule-set name table counted by header byte 7 (data units of names; what refers to it is not known). */
  extraA: number[];
  /** h16: the message-filter table counted by header word 14 (entry nodes of the nested rules). */
  extraB: number[];
  /** Byte offset of each table. */
  offsets: { vars: number; states: number; entitlements: number; extraA: number; extraB: number };
  /** Where the op table (single profile) or the profile records begin. */
  end: number;
}

export function readTables(b: Uint8Array, h: BlobHeader): Tables {
  let at = h.size;
  const table = (n: number, what: string): number[] => {
    if (at + 2 * n > b.length) throw new FormatDecodeError(`${what} (${n} entries) runs past the end of the blob`, at, `${2 * n} bytes of ${what}`);
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(b[at + 2 * i] | (b[at + 2 * i + 1] << 8));
    at += 2 * n;
    return out;
  };
  const regexTableOffset = at;
  const regexOffsets = table(h.regexCount, 'regex table');
  const offsets = { vars: at, states: 0, entitlements: 0, extraA: 0, extraB: 0 };
  const vars = table(h.varCount, 'pattern-variable table');
  offsets.states = at;
  const states = table(h.stateCount, 'state table');
  offsets.entitlements = at;
  const entitlements = table(h.entitlementCount, h.size === 16 ? 'profile-flag table' : 'entitlement table');
  offsets.extraA = at;
  const extraA = h.size === 16 ? table(h.byte7, 'rule-set name table (header byte 7)') : [];
  offsets.extraB = at;
  const extraB = h.size === 16 ? table(h.word14, 'message-filter table (header word 14)') : [];
  return { regexTableOffset, regexOffsets, vars, states, entitlements, extraA, extraB, offsets, end: at };
}
