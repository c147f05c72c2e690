// The encoders' byte writer: a growable little-endian buffer that can record one provenance record per write
// (the stage that wrote it and the SBPL rule(s), source spans and filter it came from), so no byte escapes the
// write trace. src/trace/ analyses these records.

import type { SourceSpan } from '../diagnostics/diagnostic.js';
import type { Provenance } from '../graph/model.js';

export type WriteStage =
  | 'header'
  | 'regex-table'
  | 'policy-table'
  | 'op-table'
  | 'padding'
  | 'node'
  | 'data-length'
  | 'data-payload'
  | 'data-padding';

export interface WriteRecord {
  offset: number;
  length: number;
  /** The bytes written, lowercase hex. */
  hex: string;
  stage: WriteStage;
  /** What was written, in words (`op-table entry for file-read*`, `node 3 test (subpath "/usr")` ...). */
  what: string;
  /** Profile rule ids the bytes implement (empty for structure such as the header). */
  ruleIds: number[];
  spans: SourceSpan[];
  /** Filter test text, for nodes and data items. */
  filter?: string;
  origin?: Provenance['origin'];
  /** Node index, for node records and the items they reference. */
  node?: number;
  /** Operation, for op-table entries. */
  operation?: string;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const asciiDecoder = new TextDecoder();

export function toHex(bytes: Uint8Array): string {
  // short runs by concatenation; longer ones in one go (concatenation leaves a chain of string pieces to collect)
  if (bytes.length <= 16) {
    let s = '';
    for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
    return s;
  }
  // hex digits as ASCII bytes, decoded at once
  const digits = new Uint8Array(2 * bytes.length);
  for (let i = 0, j = 0; i < bytes.length; i++) {
    digits[j++] = HEX_DIGITS[bytes[i] >> 4];
    digits[j++] = HEX_DIGITS[bytes[i] & 15];
  }
  return asciiDecoder.decode(digits);
}

/** A growable little-endian buffer that records every write when a trace is wanted. */
export class ByteWriter {
  private buf: Uint8Array;
  private len = 0;
  readonly records: WriteRecord[] | null;

  constructor(capacity = 4096, trace = false) {
    this.buf = new Uint8Array(Math.max(16, capacity));
    this.records = trace ? [] : null;
  }

  get length(): number {
    return this.len;
  }

  private ensure(end: number): void {
    if (end <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < end) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** Write `bytes` at `offset` (the buffer grows; gaps are zero). */
  write(offset: number, bytes: Uint8Array, stage: WriteStage, what: string, prov?: Provenance, extra?: Partial<WriteRecord>): void {
    this.ensure(offset + bytes.length);
    this.buf.set(bytes, offset);
    this.len = Math.max(this.len, offset + bytes.length);
    if (this.records && bytes.length > 0) {
      this.records.push({
        offset,
        length: bytes.length,
        hex: toHex(bytes),
        stage,
        what,
        ruleIds: prov ? [...prov.ruleIds] : [],
        spans: prov ? [...prov.spans] : [],
        ...(prov?.filter ? { filter: prov.filter } : {}),
        ...(prov ? { origin: prov.origin } : {}),
        ...extra,
      });
    }
  }

  /** Zero bytes at `offset` (padding), recorded as a write of zeros; without a trace nothing is built for them. */
  pad(offset: number, length: number, stage: WriteStage, what: string): void {
    if (this.records) {
      this.write(offset, new Uint8Array(length), stage, what);
      return;
    }
    this.ensure(offset + length);
    this.buf.fill(0, offset, offset + length);
    this.len = Math.max(this.len, offset + length);
  }

  u16(offset: number, v: number, stage: WriteStage, what: string, prov?: Provenance, extra?: Partial<WriteRecord>): void {
    if (this.records) {
      this.write(offset, Uint8Array.of(v & 0xff, (v >> 8) & 0xff), stage, what, prov, extra);
      return;
    }
    this.ensure(offset + 2);
    this.buf[offset] = v & 0xff;
    this.buf[offset + 1] = (v >> 8) & 0xff;
    this.len = Math.max(this.len, offset + 2);
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
