// PolicyGraph -> Sonoma 14 blob bytes (descriptor.ts), optionally with a byte-provenance write trace.

import { StageError } from '../../diagnostics/diagnostic.js';
import type { Vocab } from '../../vocab/index.js';
import type { Modifier } from '../../sbpl/profile.js';
import { mergeProv, validateGraph, type GraphNode, type PolicyGraph, type Provenance, type TerminalNode } from '../../graph/model.js';
import { ByteWriter, type WriteRecord } from '../writer.js';
import {
  DATA_ALIGN,
  DATA_UNIT,
  HEADER,
  INLINE_MODIFIERS,
  ITEM_LENGTH_BYTES,
  MODIFIER_FLAGS,
  NODE_ALIGN,
  NODE_KIND_TERMINAL,
  NODE_KIND_TEST,
  NODE_SIZE,
  OP_TABLE_SIZE,
  TERMINAL,
} from './descriptor.js';
import { ArgumentError, newPlanMemo, planArgument, type ArgumentPlan } from './args.js';
import { encodeStringProgram } from './strings.js';

export class EncodeError extends StageError {
  constructor(message: string) {
    super(message, 'format/encode', 'input');
    this.name = 'EncodeError';
  }
}

export interface DataItemLayout {
  /** Absolute offset of the item's length word. */
  offset: number;
  /** Payload bytes (without the length word). */
  length: number;
  kind: 'string' | 'regex' | 'other';
  /** Nodes whose argument (or inline modifier) names the item. */
  nodes: number[];
}

export interface Sonoma14Layout {
  headerSize: number;
  regexTable: [number, number];
  policyTable: [number, number];
  opTable: [number, number];
  nodes: [number, number];
  data: [number, number];
  items: DataItemLayout[];
  /** Data-region item index of each regex-table entry. */
  regexItems: number[];
}

export interface EncodeResult {
  bytes: Uint8Array;
  layout: Sonoma14Layout;
  /** One record per write, when requested. */
  trace: WriteRecord[] | null;
}

export interface EncodeOptions {
  trace?: boolean;
}

interface Item {
  payload: Uint8Array;
  kind: DataItemLayout['kind'];
  nodes: number[];
  prov: Provenance;
  offset: number;
}

const align = (v: number, a: number) => Math.ceil(v / a) * a;

/** The provenance of bytes no rule wrote (policy words), and of every data item when no trace is kept; never written to. */
const UNTRACED: Provenance = Object.freeze({ ruleIds: [], spans: [], origin: 'profile' }) as Provenance;

export function encodeSonoma14(graph: PolicyGraph, vocab: Vocab, options: EncodeOptions = {}): EncodeResult {
  const problems = validateGraph(graph);
  if (problems.length > 0) throw new EncodeError(`graph is not well formed: ${problems.slice(0, 3).join('; ')}`);
  if (graph.entries.length !== OP_TABLE_SIZE) throw new EncodeError(`graph has ${graph.entries.length} operation entries; the Sonoma 14 op table has ${OP_TABLE_SIZE}`);
  const n = graph.nodes.length;
  if (n > 0xffff) throw new EncodeError(`${n} nodes do not fit the 16-bit node count`);

  const tracing = options.trace === true;
  // ---- arguments and data items, in pre-order over operations 0..189 (descriptor DATA_ORDER)
  const plans: Array<ArgumentPlan | undefined> = new Array(n);
  const memo = newPlanMemo();
  const items: Item[] = [];
  const itemIndex = new ItemIndex(items);
  const nodeItem = new Int32Array(n).fill(-1); // node -> item index
  const regexIndex: number[] = []; // regex-table entry -> item index
  const regexByItem = new Map<number, number>();
  const inlineItem = new Map<number, number>();
  const addItem = (payload: Uint8Array, kind: Item['kind'], node: number, prov: Provenance | undefined): number => {
    if (payload.length > 0xffff) throw new EncodeError(`node ${node}: data item of ${payload.length} bytes exceeds the 16-bit item length`);
    const hash = hashBytes(payload);
    let idx = itemIndex.find(payload, kind, hash);
    if (idx < 0) {
      idx = items.length;
      // an item's provenance is read only by the write trace: without one, every item shares an empty record
      const itemProv = tracing ? { ruleIds: [], spans: [], origin: prov?.origin ?? 'profile', filter: prov?.filter } : UNTRACED;
      items.push({ payload, kind, nodes: [], prov: itemProv, offset: 0 });
      itemIndex.add(idx, hash);
    }
    // a node names at most one item and is visited once: no node is listed twice
    const it = items[idx];
    it.nodes.push(node);
    if (prov && tracing) mergeProv(it.prov, prov);
    return idx;
  };
  const visited = new Uint8Array(n);
  const stack: number[] = [];
  const visit = (root: number) => {
    if (visited[root]) return;
    stack.push(root);
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (visited[id]) continue;
      visited[id] = 1;
      const node = graph.nodes[id];
      if (node.kind === 'test') {
        let plan: ArgumentPlan;
        try {
          plan = planArgument(node.test, vocab, memo);
        } catch (e) {
          if (e instanceof ArgumentError) throw new EncodeError(`node ${id} (${node.test.filter}): ${e.message}`);
          throw e;
        }
        plans[id] = plan;
        // an item of several arguments is a string program (planArgument): the first one tells
        const k0 = node.test.alternatives[0].arg.kind;
        const isString = k0 === 'literal' || k0 === 'prefix' || k0 === 'subpath';
        if (plan.kind === 'item') nodeItem[id] = addItem(plan.payload, isString ? 'string' : 'other', id, node.prov);
        if (plan.kind === 'regex') {
          const idx = addItem(plan.payload, 'regex', id, node.prov);
          nodeItem[id] = idx;
          if (!regexByItem.has(idx)) {
            regexByItem.set(idx, regexIndex.length);
            regexIndex.push(idx);
          }
        }
        stack.push(node.unmatch, node.match); // match edge first
      } else {
        const text = inlineStringArg(node);
        if (text !== undefined) inlineItem.set(id, addItem(encodeStringProgram([{ kind: 'literal', value: text }]), 'string', id, node.prov));
      }
    }
  };
  for (const e of graph.entries) visit(e);
  for (let i = 0; i < n; i++) visit(i); // unreachable nodes still need their items

  // ---- layout
  const regexTableStart = HEADER.size;
  const policyStart = regexTableStart + 2 * regexIndex.length;
  const opStart = policyStart + 2 * graph.policies.length;
  const opEnd = opStart + 2 * OP_TABLE_SIZE;
  const nodesStart = align(opEnd, NODE_ALIGN);
  const dataStart = nodesStart + NODE_SIZE * n;
  let cursor = 0;
  items.forEach((it, k) => {
    if (k > 0) cursor = align(cursor, DATA_ALIGN);
    it.offset = cursor;
    cursor += ITEM_LENGTH_BYTES + it.payload.length;
  });
  const total = dataStart + cursor;
  const unitOf = (it: Item, node: number) => {
    const u = it.offset / DATA_UNIT;
    if (u > 0xffff) throw new EncodeError(`node ${node}: data item at data offset ${it.offset} is beyond the 16-bit reach (${0xffff * DATA_UNIT} bytes)`);
    return u;
  };

  // ---- write
  const w = new ByteWriter(total, tracing);
  w.u16(HEADER.profileType, graph.profileType, 'header', 'profile type');
  w.u16(HEADER.nodeCount, n, 'header', 'node count');
  w.write(HEADER.opCount, Uint8Array.of(OP_TABLE_SIZE, 0, 0, 0), 'header', 'op-table size, variable/state counts');
  w.u16(HEADER.profileCount, 0, 'header', 'profile count');
  w.u16(HEADER.regexCount, regexIndex.length, 'header', 'regex count');
  w.u16(HEADER.policyCount, graph.policies.length, 'header', 'policy count');
  // (record labels are only built when a trace is kept)
  regexIndex.forEach((idx, k) => {
    const it = items[idx];
    w.u16(regexTableStart + 2 * k, unitOf(it, it.nodes[0]), 'regex-table', tracing ? `regex ${k}` : '', it.prov, { node: it.nodes[0] });
  });
  graph.policies.forEach((p, k) => w.u16(policyStart + 2 * k, p, 'policy-table', tracing ? `policy ${k}` : '', UNTRACED));
  graph.entries.forEach((e, op) => {
    if (!tracing) {
      w.u16(opStart + 2 * op, e, 'op-table', '');
      return;
    }
    const name = vocab.operationById(op)?.name ?? `#${op}`;
    w.u16(opStart + 2 * op, e, 'op-table', `entry of ${name}`, graph.nodes[e].prov, { operation: name, node: e });
  });
  if (nodesStart > opEnd) w.pad(opEnd, nodesStart - opEnd, 'padding', 'align node array to 8');
  const rec = new Uint8Array(NODE_SIZE);
  graph.nodes.forEach((node, id) => {
    rec.fill(0);
    let what = '';
    if (node.kind === 'test') {
      const plan = plans[id]!;
      rec[0] = NODE_KIND_TEST;
      rec[1] = plan.filterByte;
      const arg = plan.kind === 'immediate' ? plan.value : plan.kind === 'regex' ? regexByItem.get(nodeItem[id])! : unitOf(items[nodeItem[id]], id);
      setU16(rec, 2, arg);
      setU16(rec, 4, node.match);
      setU16(rec, 6, node.unmatch);
      if (tracing) what = `node ${id}: test ${node.prov?.filter ?? node.test.filter} -> ${node.match} / ${node.unmatch}`;
    } else {
      terminalBytes(node, id, rec, inlineItem.has(id) ? unitOf(items[inlineItem.get(id)!], id) : undefined);
      if (tracing) what = `node ${id}: ${node.decision}${node.modifiers.length ? ' with ' + node.modifiers.map((m) => m.name).join(', ') : ''}`;
    }
    w.write(nodesStart + NODE_SIZE * id, rec, 'node', what, node.prov, tracing ? { node: id } : undefined);
  });
  let prevEnd = dataStart;
  items.forEach((it, k) => {
    const at = dataStart + it.offset;
    if (at > prevEnd) w.pad(prevEnd, at - prevEnd, 'data-padding', tracing ? `align item ${k} to 8` : '');
    w.u16(at, it.payload.length, 'data-length', tracing ? `item ${k} length` : '', it.prov, tracing ? { node: it.nodes[0] } : undefined);
    w.write(at + ITEM_LENGTH_BYTES, it.payload, 'data-payload', tracing ? `item ${k} (${it.kind})` : '', it.prov, tracing ? { node: it.nodes[0] } : undefined);
    prevEnd = at + ITEM_LENGTH_BYTES + it.payload.length;
  });
  const bytes = w.bytes();
  if (bytes.length !== total) throw new EncodeError(`internal: wrote ${bytes.length} bytes, laid out ${total}`);
  return {
    bytes,
    trace: w.records,
    layout: {
      headerSize: HEADER.size,
      regexTable: [regexTableStart, policyStart],
      policyTable: [policyStart, opStart],
      opTable: [opStart, opEnd],
      nodes: [nodesStart, dataStart],
      data: [dataStart, total],
      items: items.map((it) => ({ offset: dataStart + it.offset, length: it.payload.length, kind: it.kind, nodes: it.nodes })),
      regexItems: regexIndex,
    },
  };
}

/** DataView.setUint16(at, v, true) without the view: the low 16 bits, little-endian. */
function setU16(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >> 8) & 0xff;
}

/**
 * Identical payloads of one kind are stored once: items by a hash of their bytes, compared byte for byte. A hash
 * holds its one item until a second one shares it (no array per item).
 */
class ItemIndex {
  private readonly buckets = new Map<number, number | number[]>();
  constructor(private readonly items: readonly Item[]) {}

  /** The item with these bytes and kind (`hash` = hashBytes(payload)), or -1. */
  find(payload: Uint8Array, kind: Item['kind'], hash: number): number {
    const bucket = this.buckets.get(hash);
    if (bucket === undefined) return -1;
    if (typeof bucket === 'number') return this.is(bucket, payload, kind) ? bucket : -1;
    for (const idx of bucket) if (this.is(idx, payload, kind)) return idx;
    return -1;
  }

  add(idx: number, hash: number): void {
    const bucket = this.buckets.get(hash);
    if (bucket === undefined) this.buckets.set(hash, idx);
    else if (typeof bucket === 'number') this.buckets.set(hash, [bucket, idx]);
    else bucket.push(idx);
  }

  private is(idx: number, payload: Uint8Array, kind: Item['kind']): boolean {
    return this.items[idx].kind === kind && sameBytes(this.items[idx].payload, payload);
  }
}

/** FNV-1a over the bytes. */
function hashBytes(b: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h | 0;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function inlineStringArg(t: TerminalNode): string | undefined {
  for (const m of t.modifiers) {
    const inl = INLINE_MODIFIERS[m.name];
    if (inl && inl.arg === 'string') return String(m.args[0] ?? '');
  }
  return undefined;
}

/** Fill a terminal record: flags (decision, reporting, flag modifiers) and at most one inline modifier. */
function terminalBytes(t: TerminalNode, id: number, out: Uint8Array, inlineUnit: number | undefined): void {
  let flags = t.decision === 'deny' ? TERMINAL.denyBit | TERMINAL.reportBit : 0;
  let inline: { mod: Modifier; id: number; arg: number } | null = null;
  for (const m of t.modifiers) {
    if (m.name === 'report') flags |= TERMINAL.reportBit;
    else if (m.name === 'no-report') flags &= ~TERMINAL.reportBit;
    else if (MODIFIER_FLAGS[m.name] !== undefined) flags |= MODIFIER_FLAGS[m.name];
    else if (INLINE_MODIFIERS[m.name]) {
      if (inline) throw new EncodeError(`node ${id}: a terminal holds one inline modifier; '${inline.mod.name}' and '${m.name}' both need one`);
      const spec = INLINE_MODIFIERS[m.name];
      let arg: number;
      if (spec.arg === 'integer') {
        const v = Number(m.args[0]);
        if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new EncodeError(`node ${id}: modifier '${m.name}' argument ${String(m.args[0])} is not a 16-bit number`);
        arg = v;
      } else arg = inlineUnit!;
      inline = { mod: m, id: spec.id, arg };
      flags |= TERMINAL.inlineBit;
    } else throw new EncodeError(`node ${id}: modifier '${m.name}' has no known Sonoma 14 encoding`);
  }
  out[0] = NODE_KIND_TERMINAL;
  out[1] = flags & 0xff;
  out[2] = (flags >> 8) & 0xff;
  out[3] = (flags >> 16) & 0xff;
  if (inline) {
    out[4] = inline.id;
    out[5] = 0;
    out[6] = inline.arg & 0xff;
    out[7] = inline.arg >> 8;
  }
}

export type { GraphNode };
