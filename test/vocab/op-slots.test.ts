// Op-table slot names of the derived vocabularies (src/vocab/data/releases.ts, docs/formats.md "Operation names
// per format"). Without ../shared: the slot maps are well formed (size, unique names, Sonoma's order, a fact per
// slot) and docs/formats.md states the counts. With the real blobs (read in place): every anchor of every run holds,
// every filter a named slot's graph tests is one the named operation can take (Sonoma's filter classes), and the
// same check rejects each run moved by one slot, so it can tell a wrong name from a right one.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeAnyBlob } from '../../src/format/formats.js';
import type { PolicyGraph } from '../../src/graph/model.js';
import { getVocab, type Vocab } from '../../src/vocab/all.js';
import { NEW_SLOTS, SLOT_RUNS } from '../../src/vocab/data/releases.js';
import type { SlotRun } from '../../src/vocab/data/derive.js';
import { VOCAB_SOURCES } from '../../src/vocab/evidence.js';
import { compileProfileToBlob } from '../../src/format/index.js';
import { compile } from '../decide/helpers.js';
import { repoRoot, sharedRoot } from './paths.js';

const REAL = join(sharedRoot, 'data', 'real-blobs');
/** The blobs each derived vocabulary names (format forced: iOS 17 single profiles also fit Sonoma's layout). */
const BLOBS: Record<string, Array<{ file: string; format: string }>> = {
  'ios-17': [{ file: 'ios17-platform.bin', format: 'ios17' }, { file: 'ios17-protobox.bin', format: 'ios17' }],
  'macos-15': [{ file: 'macos15-platform.bin', format: 'macos15' }],
  'ios-26': [{ file: 'ios26beta-platform.bin', format: 'ios26' }, { file: 'ios26beta-collection.bin', format: 'ios26' }],
};
const haveBlobs = Object.values(BLOBS).every((bs) => bs.every((b) => existsSync(join(REAL, b.file))));
if (!haveBlobs) console.warn(`[skip] ${REAL} not found: op-slot anchors and filter classes are not checked against the real blobs`);

const sonoma = getVocab('sonoma-14.4.1');
const IDS = Object.keys(SLOT_RUNS);
const inTable = (v: Vocab) => v.operations.filter((o) => !o.notInOpTable);
const named = (v: Vocab) => inTable(v).filter((o) => !/^op#\d+$/.test(o.name));

describe('derived op-table slot maps', () => {
  it.each(IDS)('%s: one operation per slot, unique names, Sonoma order, a fact per named slot', (id) => {
    const v = getVocab(id);
    const table = inTable(v);
    expect(table.length).toBe(v.data.opTableSize);
    expect(table.map((o) => o.id)).toEqual(table.map((_, i) => i));
    expect(new Set(v.operations.map((o) => o.name)).size).toBe(v.operations.length);
    let last = -1;
    for (const o of named(v)) {
      const at = sonoma.operation(o.name)?.id ?? -1;
      expect(at, `${id} slot ${o.id} ${o.name}`).toBeGreaterThan(last);
      last = at;
      const f = o.facts?.slot;
      expect(f?.tier, `${id} slot ${o.id}`).toBeDefined();
      for (const s of f!.sources) expect(VOCAB_SOURCES[s], `${id} slot ${o.id}: source ${s}`).toBeDefined();
    }
    // every unnamed slot is op#N of its own number, with the placeholder fact
    for (const o of table.filter((x) => x.name.startsWith('op#'))) expect(o.name).toBe(`op#${o.id}`);
  });

  it('docs/formats.md gives the named-slot count of each format', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'formats.md'), 'utf8');
    for (const id of IDS) {
      const v = getVocab(id);
      expect(doc, id).toContain(`| \`${id}\` | ${v.data.opTableSize} | ${named(v).length} |`);
    }
  });

  it('a run that names a slot twice or an operation outside the table is refused', async () => {
    const { slotRuns } = await import('../../src/vocab/data/derive.js');
    const fact = { tier: 'inferred' as const, sources: ['name'] };
    expect(() => slotRuns(sonoma.data, [{ from: 0, to: 3, base: 0, fact }, { from: 3, to: 4, base: 3, fact }])).toThrow(/named twice/);
    expect(() => slotRuns(sonoma.data, [{ from: 0, to: 3, base: 188, fact }])).toThrow(/no op-table operation/);
    expect(() => slotRuns(sonoma.data, [{ from: 0, to: 3, base: 0, fact, anchors: { 9: 'path' } }])).toThrow(/outside/);
  });
});

/** Filters (and their string arguments) each slot's graph tests, over every profile, for slots not equal to the default entry. */
function slotTests(graphs: PolicyGraph[], slots: number): Array<Map<string, Set<string>>> {
  const out = Array.from({ length: slots }, () => new Map<string, Set<string>>());
  for (const g of graphs) {
    for (let slot = 0; slot < slots; slot++) {
      if (slot > 0 && g.entries[slot] === g.entries[0]) continue;
      const seen = new Set<number>();
      const stack = [g.entries[slot]];
      while (stack.length) {
        const n = stack.pop()!;
        if (seen.has(n)) continue;
        seen.add(n);
        const node = g.nodes[n];
        if (node.kind !== 'test') continue;
        const args = out[slot].get(node.test.filter) ?? new Set<string>();
        out[slot].set(node.test.filter, args);
        for (const a of node.test.alternatives) {
          const arg = a.arg as { kind: string; value?: unknown; name?: unknown; key?: unknown };
          // an entitlement test's text is its key (its value is the kind of value it holds)
          const text = arg.kind === 'entitlement' ? arg.key : arg.value ?? arg.name;
          if (text !== undefined) args.add(String(text));
        }
        stack.push(node.match, node.unmatch);
      }
    }
  }
  return out;
}

/** Tests at a slot that the operation named there cannot take (filters the vocabulary knows; unknown ids are skipped). */
function misfits(v: Vocab, tests: Map<string, Set<string>>, name: string): string[] {
  const op = v.operation(name);
  if (!op) return [`no operation ${name}`];
  return [...tests.keys()].filter((f) => {
    const info = v.filter(f);
    return info !== undefined && v.canMatch(op, info) === false;
  });
}

function anchorHolds(tests: Map<string, Set<string>>, anchor: string): boolean {
  const [filter, text] = anchor.split(/:(.*)/s);
  const args = tests.get(filter);
  return args !== undefined && (text === undefined || [...args].some((a) => a.includes(text)));
}

describe('the slot checks on a blob of our own (Sonoma names, where every slot is known)', () => {
  // deny rules under (allow default): an allow rule on a fixed-allow operation compiles to nothing
  const text = '(version 1)\n(allow default)\n(deny mach-lookup (global-name "com.example.a"))\n(deny system-fsctl (fsctl-command 5))\n(deny file-ioctl (ioctl-command 7))\n(deny system-privilege (privilege-id 1000))\n';
  const bytes = compileProfileToBlob(compile(text), sonoma).bytes;
  const t = slotTests(decodeAnyBlob(bytes, { format: 'sonoma14', vocab: sonoma }).profiles.map((p) => p.graph), sonoma.data.opTableSize!);
  const at = (name: string) => sonoma.operation(name)!.id;

  it('an anchor holds at the operation its rule names, with its argument, and not one slot off', () => {
    expect(anchorHolds(t[at('mach-lookup')], 'global-name')).toBe(true);
    expect(anchorHolds(t[at('mach-lookup')], 'global-name:example.a')).toBe(true);
    expect(anchorHolds(t[at('mach-lookup')], 'global-name:other')).toBe(false);
    expect(anchorHolds(t[at('mach-lookup') + 1], 'global-name')).toBe(false);
  });

  it('the right names fit every tested filter; the names one slot off do not', () => {
    for (const name of ['system-fsctl', 'file-ioctl', 'system-privilege']) {
      expect(t[at(name)].size, name).toBe(1);
      expect(misfits(sonoma, t[at(name)], name), name).toEqual([]);
      for (const d of [-1, 1]) expect(misfits(sonoma, t[at(name)], sonoma.operationById(at(name) + d)!.name), `${name} ${d}`).not.toEqual([]);
    }
    // inside a family one filter does not tell neighbours apart (mach-kernel-endpoint takes global-name too): runs
    // need anchors at both ends, which the real-blob tests check
    expect(misfits(sonoma, t[at('mach-lookup')], 'mach-priv*')).toEqual(['global-name']);
  });
});

describe.skipIf(!haveBlobs)('derived op-table slot maps against the real blobs', () => {
  const tests = new Map<string, Array<Map<string, Set<string>>>>();
  const testsOf = (id: string) => {
    if (!tests.has(id)) {
      const v = getVocab(id);
      const graphs = BLOBS[id].flatMap((b) => decodeAnyBlob(new Uint8Array(readFileSync(join(REAL, b.file))), { format: b.format, vocab: v }).profiles.map((p) => p.graph));
      tests.set(id, slotTests(graphs, v.data.opTableSize!));
    }
    return tests.get(id)!;
  };

  it.each(IDS)('%s: every anchor holds', (id) => {
    const t = testsOf(id);
    const failed: string[] = [];
    for (const r of SLOT_RUNS[id]) for (const [slot, anchor] of Object.entries(r.anchors ?? {})) if (!anchorHolds(t[+slot], anchor)) failed.push(`${slot} ${anchor}`);
    expect(failed).toEqual([]);
  });

  it.each(IDS)('%s: every filter a named slot tests is one its operation takes', (id) => {
    const v = getVocab(id);
    const t = testsOf(id);
    const bad = named(v).flatMap((o) => misfits(v, t[o.id], o.name).map((f) => `${o.id} ${o.name}: ${f}`));
    expect(bad).toEqual([]);
  });

  it.each(Object.keys(NEW_SLOTS))('%s: a slot read as a new operation tests a filter none of the Sonoma candidates takes', (id) => {
    const v = getVocab(id);
    const t = testsOf(id);
    for (const n of NEW_SLOTS[id]) {
      expect(v.operationById(n.slot)?.name).toBe(`op#${n.slot}`);
      expect(anchorHolds(t[n.slot], n.tests), `${id} ${n.slot} ${n.tests}`).toBe(true);
      for (const name of n.not) expect(misfits(v, t[n.slot], name), `${id} ${n.slot} as ${name}`).toContain(n.tests);
      // the candidates are the names the runs on either side leave for the slot
      const left = v.operationById(n.slot - 1)!.name;
      const right = v.operationById(n.slot + 1)!.name;
      const after = (name: string) => sonoma.operationById(sonoma.operation(name)!.id + 1)!.name;
      const before = (name: string) => sonoma.operationById(sonoma.operation(name)!.id - 1)!.name;
      expect([after(left), before(right)].sort()).toEqual([...n.not].sort());
    }
  });

  it.each(IDS)('%s: each run moved by one slot has an anchor or a filter that does not fit', (id) => {
    const v = getVocab(id);
    const t = testsOf(id);
    const fits = (r: SlotRun, shift: number) => {
      for (let slot = r.from; slot <= r.to; slot++) {
        const op = sonoma.data.operations[r.base + slot - r.from + shift];
        if (!op || op.notInOpTable || misfits(v, t[slot], op.name).length) return false;
      }
      return true;
    };
    // runs with anchors only: a run of default slots has nothing to contradict a shift
    const checked = SLOT_RUNS[id].filter((r) => Object.keys(r.anchors ?? {}).length >= 2);
    expect(checked.length).toBeGreaterThan(0);
    for (const r of checked) {
      expect(fits(r, 0), `${id} ${r.from}..${r.to}`).toBe(true);
      expect(fits(r, 1), `${id} ${r.from}..${r.to} moved up by one still fits`).toBe(false);
      expect(fits(r, -1), `${id} ${r.from}..${r.to} moved down by one still fits`).toBe(false);
    }
  });
});
