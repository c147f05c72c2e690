// Vocabularies of releases we hold blobs of but no operation-name table for (macOS 15, iOS 17, iOS 26): derived
// from the Sonoma 14.4.1 vocabulary. Only the op-table slots whose name some evidence fixes get a name (runs of
// Sonoma's order pinned by anchors, see SlotRun); every other slot is `op#N` (never a wrong name). The Sonoma
// operations without a known slot stay in the vocabulary outside the op table (`notInOpTable`), so SBPL that names
// them still reads; compiled blobs of these releases are only decoded, never written.

import type { FactSource, FilterInfo, OperationInfo, Vocabulary } from '../types.js';

export interface DerivedSpec {
  id: string;
  displayName: string;
  opTableSize: number;
  /** Slot -> operation name (a Sonoma name) with the fact that fixes it; other slots are `op#N`. */
  slots: Record<number, { name: string; fact: FactSource }>;
  /** Source keys of the blobs whose op-table size makes the unnamed slots (facts of the op#N placeholders). */
  slotSources: string[];
  /** Filter table: the base's, or a replacement list in id order. */
  filters?: FilterInfo[];
}

/** The name an unknown op-table slot is printed and read as. */
export function unknownOpName(slot: number): string {
  return `op#${slot}`;
}

export function deriveVocabulary(base: Vocabulary, spec: DerivedSpec): Vocabulary {
  const byName = new Map(base.operations.map((o) => [o.name, o]));
  const placed = new Set<string>();
  const ops: OperationInfo[] = [];
  for (let slot = 0; slot < spec.opTableSize; slot++) {
    const known = spec.slots[slot];
    const from = known ? byName.get(known.name) : undefined;
    if (known && !from) throw new Error(`${spec.id}: slot ${slot} names '${known.name}', which ${base.id} does not have`);
    if (from) {
      placed.add(from.name);
      ops.push({ ...from, id: slot, notInOpTable: undefined, facts: { fallback: from.facts?.fallback ?? known.fact, ...from.facts, slot: known.fact } });
    } else {
      ops.push({
        id: slot,
        name: unknownOpName(slot),
        parent: 'default',
        evidence: 'H',
        facts: { fallback: { tier: 'hypothesis', sources: spec.slotSources, note: 'unnamed slot' } },
      });
    }
  }
  for (const o of base.operations) {
    if (placed.has(o.name)) continue;
    ops.push({ ...o, id: ops.length, notInOpTable: true });
  }
  // a parent that is no longer an operation here cannot be; fall back to default
  const names = new Set(ops.map((o) => o.name));
  for (const o of ops) if (o.parent !== null && !names.has(o.parent)) o.parent = 'default';
  const filters = (spec.filters ?? base.filters).map((f, id) => ({ ...f, id }));
  return { ...base, id: spec.id, displayName: spec.displayName, operations: ops, filters, opTableSize: spec.opTableSize };
}

/**
 * A run of a release's op table that keeps the base's order: slots `from..to` carry the base's names from id
 * `base` on. `anchors` are the slots of the run whose graphs, in the release's real blobs, test a filter only the
 * named operation's family takes (`filter`, or `filter:text` for a test whose argument contains `text`);
 * test/vocab/op-slots.test.ts checks each against the blobs. The other slots of a run are named because the
 * anchors (or the table's ends, where the size fixes the offset) on both sides have the same offset (an insertion
 * and a removal between them would not show).
 */
export interface SlotRun {
  from: number;
  to: number;
  base: number;
  fact: FactSource;
  anchors?: Record<number, string>;
  /** Slots a published decompilation prints under the run's name (source keys), an extra source of those slots. */
  published?: Record<number, string[]>;
}

/** The slot map of some runs (they must not overlap); each slot's fact notes whether it is an anchor. */
export function slotRuns(base: Vocabulary, runs: readonly SlotRun[]): DerivedSpec['slots'] {
  const out: DerivedSpec['slots'] = {};
  for (const r of runs) {
    for (let slot = r.from; slot <= r.to; slot++) {
      const op = base.operations[r.base + slot - r.from];
      if (!op || op.notInOpTable) throw new Error(`slot run ${r.from}..${r.to}: ${base.id} has no op-table operation ${r.base + slot - r.from}`);
      if (out[slot]) throw new Error(`slot run ${r.from}..${r.to}: slot ${slot} is named twice`);
      const anchor = r.anchors?.[slot];
      // a run without anchors stands on its own note (a published order)
      const where = anchor ? `its graph tests ${anchor}` : r.anchors ? 'carried: the anchors (or the table ends) on both sides have its offset' : undefined;
      const shown = r.published?.[slot];
      const note = [r.fact.note, where, shown && `printed under this name by ${shown.join(', ')}`].filter((x) => x).join('; ');
      const sources = shown ? [...shown, ...r.fact.sources.filter((k) => !shown.includes(k))] : r.fact.sources;
      // a name a published decompilation prints comes from the release's own operation list
      const tier = shown ? 'extracted' : r.fact.tier;
      out[slot] = { name: op.name, fact: note ? { tier, sources, note } : { tier, sources } };
    }
    for (const s of Object.keys(r.anchors ?? {})) if (+s < r.from || +s > r.to) throw new Error(`slot run ${r.from}..${r.to}: anchor ${s} lies outside it`);
  }
  return out;
}
