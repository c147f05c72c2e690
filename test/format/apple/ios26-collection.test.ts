// The iOS 26 collection's header tables (docs/formats.md "Name tables", "Action lists and message filters"):
// state-flag / profile-flag arguments are indices into the state and profile-flag tables, header word 14 counts
// the message-filter table (entry nodes of nested rules), byte 7 the rule-set names. Real blobs are read in place
// from ../shared (skipped without it); blobs we build ourselves cover every structure and its errors.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeAnyBlob, detectFormat, FormatDecodeError } from '../../../src/format/index.js';
import type { GraphNode, TestNode } from '../../../src/graph/model.js';
import { getVocab } from '../../../src/vocab/index.js';
import { sharedRoot } from '../../vocab/paths.js';

const DIR = join(sharedRoot, 'data', 'real-blobs');
const present = existsSync(join(DIR, 'ios26beta-collection.bin'));
if (!present) console.warn(`[skip] ${DIR} not found (no ../shared): the iOS 26 collection tests on real blobs are skipped`);
const read = (f: string) => new Uint8Array(readFileSync(join(DIR, f)));
const ios26 = getVocab('ios-26');
const filterByte = (name: string) => ios26.filter(name)!.id + 1;
const literal = (n: GraphNode | undefined) => (n?.kind === 'test' && n.test.alternatives[0]?.arg.kind === 'literal' ? n.test.alternatives[0].arg.value : undefined);

/** The text of the NUL-terminated name item at data unit `unit`. */
function nameAt(bytes: Uint8Array, dataOffset: number, unit: number): string {
  const at = dataOffset + 8 * unit;
  const len = bytes[at] | (bytes[at + 1] << 8);
  return new TextDecoder().decode(bytes.subarray(at + 2, at + 2 + len)).replace(/\0$/, '');
}

describe.skipIf(!present)('iOS 26 collection (real blob)', () => {
  const bytes = present ? read('ios26beta-collection.bin') : new Uint8Array();
  const d = present ? decodeAnyBlob(bytes) : undefined!;
  const nodes = present ? d.profiles[0].graph.nodes : [];

  it('state-flag and profile-flag arguments index the state and profile-flag tables', () => {
    const byFilter = new Map<number, number[]>();
    d.nodes.forEach((n, i) => {
      if (n.kind === 'test' && (n.filterByte === filterByte('state-flag') || n.filterByte === filterByte('profile-flag'))) byFilter.set(i, [n.filterByte, n.argument!]);
    });
    expect(byFilter.size).toBeGreaterThan(100);
    const tables = { [filterByte('state-flag')]: d.tables.states, [filterByte('profile-flag')]: d.tables.entitlements };
    for (const [i, [fb, arg]] of byFilter) {
      const table = tables[fb];
      expect(arg).toBeLessThan(table.length);
      expect(literal(nodes[i])).toBe(nameAt(bytes, d.dataOffset, table[arg]));
    }
    // every entry of both tables is used, so the index reading is not an accident of small numbers
    expect(new Set([...byFilter.values()].filter(([fb]) => fb === filterByte('state-flag')).map(([, a]) => a)).size).toBe(d.tables.states.length);
    expect(new Set([...byFilter.values()].filter(([fb]) => fb === filterByte('profile-flag')).map(([, a]) => a)).size).toBe(d.tables.entitlements.length);
    expect(d.tables.states.map((u) => nameAt(bytes, d.dataOffset, u))).toContain('blastdoor-post-launch');
  });

  it('reads every string and regex argument (no program read fails)', () => {
    expect(d.warnings.filter((w) => /argument not understood.*(string-program|regex|literal at offset)/.test(w))).toEqual([]);
  });

  it('message-filter actions name the table at header word 14: entry nodes no op table reaches', () => {
    expect(d.header.word14).toBe(d.tables.extraB.length);
    const reached = new Set<number>();
    const stack = d.profiles.flatMap((p) => p.graph.entries);
    while (stack.length) {
      const k = stack.pop()!;
      if (reached.has(k)) continue;
      reached.add(k);
      const n = nodes[k];
      if (n.kind === 'test') stack.push(n.match, n.unmatch);
    }
    // one entry (a state-flag test between two shared terminals) is also a node of ordinary rules: nodes are shared
    expect(d.tables.extraB.filter((e) => !reached.has(e)).length).toBeGreaterThanOrEqual(d.tables.extraB.length - 1);
    for (const p of d.profiles) for (const e of d.tables.extraB) expect(p.graph.entries.includes(e)).toBe(false);
    // every message filter is applied, each from a terminal, on a message operation
    expect(new Set(d.messageFilters.map((u) => u.filter))).toEqual(new Set(d.tables.extraB.map((_, i) => i)));
    for (const u of d.messageFilters) {
      expect(nodes[u.node].kind).toBe('terminal');
      expect(u.entry).toBe(d.tables.extraB[u.filter]);
      // the nested rules test what the message operation takes: iokit methods / traps, or message numbers (with
      // state flags, entitlements, extensions)
      const filters = new Set<string>();
      const walk = (k: number, seen = new Set<number>()): void => {
        const n = nodes[k];
        if (seen.has(k) || n.kind !== 'test') return;
        seen.add(k);
        filters.add(n.test.filter);
        walk(n.match, seen);
        walk(n.unmatch, seen);
      };
      walk(u.entry);
      if (u.operation.startsWith('iokit-')) expect([...filters].filter((f) => !f.startsWith('iokit-') && f !== 'state-flag')).toEqual([]);
      else {
        expect(u.operation).toBe('mach-message-send');
        expect(filters.has('message-number')).toBe(true);
        expect([...filters].some((f) => f.startsWith('iokit-'))).toBe(false);
      }
    }
    expect(d.warnings.some((w) => /inline action names operation/.test(w))).toBe(false);
  });

  it('attributes the name tables (states, profile flags, rule sets) and the action lists', () => {
    const units = [...d.tables.states, ...d.tables.entitlements, ...d.tables.extraA];
    for (const u of units) {
      const at = d.dataOffset + 8 * u;
      expect(d.coverage.unknown.some(([a, b]) => a < at + 2 && b > at)).toBe(false);
    }
    expect(d.tables.extraA.map((u) => nameAt(bytes, d.dataOffset, u))).toContain('common-rules');
    // the tail of the blob, once unknown, holds those names
    expect(d.coverage.unknown.some(([, b]) => b === bytes.length)).toBe(false);
    expect(d.coverage.fraction).toBeGreaterThan(0.9934);
  });
});

describe.skipIf(!present)('value sets, network units, record bit sets (real blobs)', () => {
  it('every value set is u16 1, u16 N, N bytes, and its zero padding ends where the next structure begins', () => {
    for (const f of ['ios26beta-collection.bin', 'ios17-protobox.bin', 'ios17-platform.bin', 'macos15-platform.bin']) {
      const bytes = read(f);
      const d = decodeAnyBlob(bytes);
      const sets = d.warnings.filter((w) => /a set of .* values, a \d+-byte bitmap/.test(w));
      expect(sets.length).toBeGreaterThan(0);
      expect(d.warnings.some((w) => /does not fit u16 1, u16 N, N bytes/.test(w))).toBe(false);
      // nothing of the blob is left unattributed once sets (and the rest) are read
      expect(d.coverage.unknown).toEqual([]);
    }
  });

  it('iOS 26 network arguments are 8-byte units: protocol, host, port', () => {
    const d = decodeAnyBlob(read('ios26beta-collection.bin'));
    const nodes = d.profiles[0].graph.nodes;
    const args = new Set<string>();
    d.nodes.forEach((n, i) => {
      const t = nodes[i];
      if (n.kind === 'test' && t.kind === 'test' && (t.test.filter === 'local' || t.test.filter === 'remote')) {
        expect(t.test.opaque).toBeUndefined();
        for (const a of t.test.alternatives) if (a.arg.kind === 'network') args.add(`${a.arg.proto} ${a.arg.host}:${a.arg.port}`);
      }
    });
    expect([...args]).toEqual(expect.arrayContaining(['udp *:443', 'tcp localhost:62078', 'tcp *:*']));
    expect(d.warnings.some((w) => /network item/.test(w))).toBe(false);
  });

  it('record heads: word 2 is the parent profile name, word 3 a bit set of at most 32 bits', () => {
    const bytes = read('ios26beta-collection.bin');
    const d = decodeAnyBlob(bytes);
    const names = new Set(d.records!.map((r) => r.name));
    for (const r of d.records!) {
      if (r.head[1] !== 0) expect(names.has(nameAt(bytes, d.dataOffset, r.head[1]))).toBe(true);
      if (r.head[2] === 0) expect(r.bitSet).toBeUndefined();
      else expect(r.bitSet![1] - r.bitSet![0] - 4).toBeLessThanOrEqual(4);
    }
    expect(d.records!.filter((r) => r.bitSet).length).toBeGreaterThan(200);
  });
});

describe.skipIf(!present)('action lists (ios17-protobox, real blob)', () => {
  it('a terminal without the inline flag names a list of actions: send-signal and message', () => {
    const d = decodeAnyBlob(read('ios17-protobox.bin'));
    const nodes = d.profiles[0].graph.nodes;
    const listed = d.nodes.filter((n) => n.kind === 'terminal' && !(n.flags! & 0x800000) && n.inline![0] > 0);
    expect(listed.length).toBeGreaterThan(0);
    for (const n of listed) {
      const t = nodes[n.index];
      expect(t.kind === 'terminal' && t.modifiers.length).toBeGreaterThanOrEqual(n.inline![0]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Blobs we build: a single iOS 26 profile (16-byte header, 195 ops) with each table.

interface Build {
  states?: string[];
  flags?: string[];
  ruleSets?: string[];
  /** Node indices of the message-filter table. */
  messageFilters?: number[];
  /** 8-byte node records. */
  nodes: number[][];
  /** Extra data bytes after the name items (actions lists), at the unit returned by `listUnit`. */
  list?: number[];
}

const u16le = (v: number) => [v & 0xff, v >> 8];

/** The blob, and where its pieces are: name units by text, the list's unit, table offsets. */
function build(b: Build): { bytes: Uint8Array; unitOf: Map<string, number>; listUnit: number; tableAt: number } {
  const names = [...(b.states ?? []), ...(b.flags ?? []), ...(b.ruleSets ?? [])];
  const data: number[] = [];
  const unitOf = new Map<string, number>();
  const listUnit = 0;
  if (b.list) {
    data.push(...b.list);
    while (data.length % 8) data.push(0);
  }
  for (const n of new Set(names)) {
    unitOf.set(n, data.length / 8);
    const text = [...new TextEncoder().encode(n), 0];
    data.push(...u16le(text.length), ...text);
    while (data.length % 8) data.push(0);
  }
  const tables = [...(b.states ?? []), ...(b.flags ?? []), ...(b.ruleSets ?? [])].map((n) => unitOf.get(n)!);
  const mf = b.messageFilters ?? [];
  const header = [...u16le(0), ...u16le(b.nodes.length), 195, 0, b.states?.length ?? 0, b.ruleSets?.length ?? 0, ...u16le(b.flags?.length ?? 0), ...u16le(0), ...u16le(0), ...u16le(mf.length)];
  const out = [...header, ...tables.flatMap(u16le), ...mf.flatMap(u16le)];
  const tableAt = header.length;
  for (let i = 0; i < 195; i++) out.push(...u16le(0));
  while (out.length % 8) out.push(0);
  for (const n of b.nodes) out.push(...n);
  out.push(...data);
  return { bytes: Uint8Array.from(out), unitOf, listUnit, tableAt };
}

const test = (fb: number, arg: number, match: number, unmatch: number) => [0, fb, ...u16le(arg), ...u16le(match), ...u16le(unmatch)];
const allow = [1, 0, 0, 0, 0, 0, 0, 0];
const deny = [1, 5, 0, 0, 0, 0, 0, 0];
// inline action: flag 0x800000, then id, operation, u16 argument
const inline = (id: number, op: number, arg: number) => [1, 0, 0, 0x80, id, op, ...u16le(arg)];
const actionList = (count: number, unit: number) => [1, 0, 0, 0, count, 0, ...u16le(unit)];

describe('iOS 26 tables, own blobs', () => {
  it('state-flag and profile-flag arguments are indices into their tables', () => {
    const nodes = [test(filterByte('state-flag'), 1, 1, 2), test(filterByte('profile-flag'), 0, 3, 2), deny, allow];
    const { bytes } = build({ states: ['first-state', 'second-state'], flags: ['flag-a', 'flag-b'], nodes });
    const d = decodeAnyBlob(bytes);
    expect(d.format.id).toBe('ios26');
    const g = d.profiles[0].graph.nodes;
    expect(literal(g[0])).toBe('second-state');
    expect(literal(g[1])).toBe('flag-a');
    expect((g[0] as TestNode).test.filter).toBe('state-flag');
    // every byte: header, tables, op table, nodes and the four name items
    expect(d.coverage.unknown).toEqual([]);
  });

  it('an index past its table is an opaque test saying where it stops', () => {
    const nodes = [test(filterByte('profile-flag'), 5, 1, 2), deny, allow];
    const { bytes } = build({ flags: ['flag-a', 'flag-b'], nodes });
    const d = decodeAnyBlob(bytes);
    const t = (d.profiles[0].graph.nodes[0] as TestNode).test;
    expect(t.opaque?.reason).toBe("'profile-flag' argument 5 indexes the profile-flag table (byte 16), which has 2 entries; expected an index below 2");
    expect(d.warnings.some((w) => w.startsWith('node 0 (byte ') && w.includes('argument 5 indexes the profile-flag table'))).toBe(true);
  });

  it('message-filter actions, inline and in an action list, name the message-filter table', () => {
    // node 2: inline message-filter on op 195+4 (mach-message-send), filter 0; node 3: list of two actions at unit 0
    const list = [21, 196, ...u16le(1), 1, 0, ...u16le(9)];
    const nodes = [test(filterByte('state-flag'), 0, 2, 3), deny, inline(21, 199, 0), actionList(2, 0), test(filterByte('message-number'), 7, 1, 5), allow];
    const { bytes } = build({ states: ['s'], messageFilters: [4, 5], nodes, list });
    const d = decodeAnyBlob(bytes);
    expect(d.messageFilters.map(({ node, operation, filter, entry }) => ({ node, operation, filter, entry }))).toEqual([
      { node: 2, operation: 'mach-message-send', filter: 0, entry: 4 },
      { node: 3, operation: 'iokit-async-external-method', filter: 1, entry: 5 },
    ]);
    const t = d.profiles[0].graph.nodes[3];
    expect(t.kind === 'terminal' && t.modifiers.map((m) => [m.name, ...m.args])).toEqual([['send-signal', 9]]);
    expect(d.coverage.unknown).toEqual([]);
  });

  it('a message-filter action past its table, or on an operation that is not a message operation, is a located warning', () => {
    const nodes = [test(filterByte('state-flag'), 0, 1, 2), inline(21, 199, 3), inline(21, 7, 0), allow];
    const { bytes } = build({ states: ['s'], messageFilters: [3], nodes });
    const d = decodeAnyBlob(bytes);
    expect(d.messageFilters).toEqual([]);
    expect(d.warnings.some((w) => /^node 1 \(byte \d+\): message-filter action on mach-message-send names message filter 3, but the message-filter table \(byte \d+\) has 1 entries/.test(w))).toBe(true);
    expect(d.warnings.some((w) => /^node 2 \(byte \d+\): message-filter action names operation 7, not one of the message operations 195\.\.200/.test(w))).toBe(true);
  });

  it('iOS 26 network units and value sets are read and attributed', () => {
    // node 0: remote udp *:443 (unit 0); node 1: syscall-number set (unit 1: u16 1, u16 2, 2 bytes)
    const list = [11, 0, ...u16le(443), 0, 0, 0, 0, 1, 0, 2, 0, 0xff, 0x01, 0, 0];
    const nodes = [test(filterByte('remote'), 0, 1, 2), test(filterByte('syscall-number') | 0x80, 1, 2, 3), deny, allow];
    const { bytes } = build({ nodes, list });
    const d = decodeAnyBlob(bytes);
    const g = d.profiles[0].graph.nodes;
    expect(g[0].kind === 'test' && g[0].test.alternatives[0].arg).toEqual({ kind: 'network', proto: 'udp', host: '*', port: 443 });
    expect(g[1].kind === 'test' && g[1].test.opaque?.reason).toMatch(/a set of syscall-number values, a 2-byte bitmap at byte \d+ \(unit 1\); which bit is which value is not known/);
    expect(d.coverage.unknown).toEqual([]);
    // a network unit whose last four bytes are not zero is not read as one
    const bad = build({ nodes: [test(filterByte('remote'), 0, 1, 2), deny, allow], list: [11, 0, ...u16le(443), 0, 0, 0, 9] }).bytes;
    expect(decodeAnyBlob(bad).warnings.some((w) => /^node 0: argument not understood at byte \d+: network unit at byte \d+: bytes 4\.\.7 are not zero/.test(w))).toBe(true);
  });

  it('bad tables are located errors', () => {
    const { bytes, tableAt } = build({ messageFilters: [9], nodes: [allow] });
    expect(() => decodeAnyBlob(bytes)).toThrow(FormatDecodeError);
    try {
      decodeAnyBlob(bytes);
    } catch (e) {
      expect((e as FormatDecodeError).offset).toBe(tableAt);
      expect((e as Error).message).toMatch(/message filter 0 starts at node 9, but there are 1 nodes/);
    }
    // an action list past the end of the blob
    const past = build({ nodes: [actionList(4, 200)] }).bytes;
    expect(() => decodeAnyBlob(past)).toThrow(/a list of 4 actions at data unit 200 runs past the end of the blob/);
  });

  it('a blob cut inside the tables of a known op count says where they stop, not that the op count is unknown', () => {
    const { bytes, tableAt } = build({ states: ['a', 'b'], flags: ['c'], nodes: [allow] });
    const cut = bytes.subarray(0, tableAt + 3); // inside the state table
    for (const f of [() => detectFormat(cut), () => decodeAnyBlob(cut)]) {
      expect(f).toThrow(FormatDecodeError);
      try {
        f();
      } catch (e) {
        expect((e as Error).message).toMatch(/state table \(2 entries\) runs past the end of the blob/);
        expect((e as Error).message).not.toMatch(/none of the known formats/);
        expect((e as FormatDecodeError).offset).toBe(tableAt);
      }
    }
  });
});
