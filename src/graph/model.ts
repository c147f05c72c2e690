// PolicyGraph: the compiled form of a profile, independent of any blob layout.
//
// One entry node per operation-table slot; non-terminal nodes test one filter (an OR of arguments of that
// filter) and go to `match` or `unmatch`; terminal nodes carry the decision and its modifiers. This is the
// shape libsandbox serialises (docs/formats.md) and the shape the kernel walks.

import type { Action, FilterArgument, FilterTest, Modifier, RuleOrigin } from '../sbpl/profile.js';
import type { SourceSpan } from '../diagnostics/diagnostic.js';

export type NodeId = number;

/** Where a node (or a byte written for it) came from. */
export interface Provenance {
  /** Ids of the profile rules the node implements (several when consecutive rules were combined). */
  ruleIds: number[];
  /** Spans of those rules (or of the filter tests), when known. */
  spans: SourceSpan[];
  origin: RuleOrigin | 'compiler-implicit' | 'decoded';
  /** Human label of the filter test, e.g. `(subpath "/usr")`. */
  filter?: string;
}

/** What a non-terminal node tests: one filter, matched when any alternative matches. */
export interface NodeTest {
  /** Canonical vocabulary filter name (`path`, `socket-domain` ...); `#N` for an id the vocabulary lacks. */
  filter: string;
  /** Vocabulary filter id (the blob stores id + 1). */
  filterId: number;
  /** OR of primitive tests, all on `filter`. Empty only for opaque tests. */
  alternatives: FilterTest[];
  /**
   * Set when the test could not be interpreted (a decoded blob with an unknown filter or argument encoding).
   * Evaluation treats it as not matching and marks the result uncertain.
   */
  opaque?: { reason: string; rawFilter: number; rawArgument: number };
  /** Set when the alternatives only approximate what the blob tests (a decoded program lost a constraint). */
  approximate?: string;
}

export interface TestNode {
  kind: 'test';
  test: NodeTest;
  match: NodeId;
  unmatch: NodeId;
  prov?: Provenance;
}

export interface TerminalNode {
  kind: 'terminal';
  decision: Action;
  modifiers: Modifier[];
  prov?: Provenance;
}

export type GraphNode = TestNode | TerminalNode;

export interface PolicyGraph {
  /** Vocabulary id the filter and operation ids refer to. */
  os: string;
  /** Header profile-type word (0 for a plain profile). */
  profileType: number;
  /** Entry node per operation id 0..entries.length-1 (the compiled op table). */
  entries: NodeId[];
  nodes: GraphNode[];
  /** Header "policy" words (node indices used by inline actions); empty for our own compiles. */
  policies: number[];
  /** Things a reader should know (compiler-model choices, unexplained bytes, decoder warnings ...). */
  notes: string[];
  /** Where the graph does not implement the profile exactly (rules that could not be compiled). */
  warnings?: string[];
}

/** Structural problems of a graph (edges out of range, cycles, bad entries). Empty = well formed. */
export function validateGraph(g: PolicyGraph): string[] {
  const problems: string[] = [];
  const n = g.nodes.length;
  g.entries.forEach((e, op) => {
    if (!Number.isInteger(e) || e < 0 || e >= n) problems.push(`op ${op}: entry ${e} is not a node (0..${n - 1})`);
  });
  const badEdge = (t: NodeId) => !Number.isInteger(t) || t < 0 || t >= n;
  g.nodes.forEach((node, i) => {
    if (node.kind !== 'test') return;
    if (badEdge(node.match)) problems.push(`node ${i}: match edge ${node.match} is not a node`);
    if (badEdge(node.unmatch)) problems.push(`node ${i}: unmatch edge ${node.unmatch} is not a node`);
  });
  if (problems.length === 0) {
    const cyc = findCycle(g);
    if (cyc !== null) problems.push(`node ${cyc}: lies on a cycle (a policy graph must be acyclic)`);
  }
  return problems;
}

/** A node on a cycle, or null. Iterative three-colour DFS (no recursion: graphs can be deep). */
export function findCycle(g: PolicyGraph): NodeId | null {
  const n = g.nodes.length;
  const colour = new Uint8Array(n); // 0 white, 1 on stack, 2 done
  // the stack as two arrays (node, edges taken): only white nodes are pushed, so it holds each node once
  const stackNode = new Int32Array(n);
  const stackStep = new Uint8Array(n);
  for (let root = 0; root < n; root++) {
    if (colour[root] !== 0) continue;
    let top = 0;
    stackNode[0] = root;
    stackStep[0] = 0;
    colour[root] = 1;
    while (top >= 0) {
      const id = stackNode[top];
      const node = g.nodes[id];
      if (node.kind === 'test' && stackStep[top] < 2) {
        const k = stackStep[top]++ === 0 ? node.match : node.unmatch;
        if (k < 0 || k >= n) continue;
        if (colour[k] === 1) return k;
        if (colour[k] === 0) {
          colour[k] = 1;
          stackNode[++top] = k;
          stackStep[top] = 0;
        }
      } else {
        colour[id] = 2;
        top--;
      }
    }
  }
  return null;
}

/** Nodes reachable from the op table, as a boolean mask. */
export function reachable(g: PolicyGraph): Uint8Array {
  const seen = new Uint8Array(g.nodes.length);
  const todo: NodeId[] = [...g.entries];
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (id < 0 || id >= g.nodes.length || seen[id]) continue;
    seen[id] = 1;
    const node = g.nodes[id];
    if (node.kind === 'test') todo.push(node.match, node.unmatch);
  }
  return seen;
}

/** The members of a large provenance, indexed, so merging many into one stays linear (the arrays are its public form). */
interface ProvMembers {
  ruleIds: IdSet;
  /** Spans by start offset (a span is the same as another when file and offsets are): few share a start, so an offset holds its one span until a second comes. */
  spansAt: Map<number, SourceSpan | SourceSpan[]>;
  /** How many spans spansAt holds (to notice a provenance changed other than through here). */
  spanCount: number;
}

/**
 * A set of rule ids: a byte per id for the small non-negative integers rule ids are (a rule's number in its
 * profile; a Set's entries cost more, and terminals collect thousands), any other number in a Set.
 */
class IdSet {
  private bytes = new Uint8Array(64);
  private readonly others = new Set<number>();
  size = 0;

  /** Add `id`; false when it was there. */
  add(id: number): boolean {
    if (Number.isInteger(id) && id >= 0 && id < ID_BYTES_LIMIT) {
      if (id >= this.bytes.length) {
        const bytes = new Uint8Array(Math.max(2 * this.bytes.length, id + 1));
        bytes.set(this.bytes);
        this.bytes = bytes;
      }
      if (this.bytes[id] === 1) return false;
      this.bytes[id] = 1;
    } else {
      if (this.others.has(id)) return false;
      this.others.add(id);
    }
    this.size++;
    return true;
  }
}

/** Rule ids from here up are kept in the Set (a byte array that long would be mostly empty). */
const ID_BYTES_LIMIT = 1 << 22;

const provMembers = new WeakMap<Provenance, ProvMembers>();
/** Below this many members a scan is cheaper than an index (measured on the corpus: most nodes have a few rules). */
const SCAN_LIMIT = 64;

function sameSpan(a: SourceSpan, b: SourceSpan): boolean {
  return a === b || (a.offset === b.offset && a.endOffset === b.endOffset && a.file === b.file);
}

/** The index of `into`, or null while `into` is small enough to scan. */
function membersOf(into: Provenance, adding: number): ProvMembers | null {
  if (into.ruleIds.length + adding < SCAN_LIMIT && into.spans.length + adding < SCAN_LIMIT) return null;
  let m = provMembers.get(into);
  // rebuilt when `into` was changed other than through here
  if (m === undefined || m.ruleIds.size !== into.ruleIds.length || m.spanCount !== into.spans.length) {
    m = { ruleIds: new IdSet(), spansAt: new Map(), spanCount: 0 };
    for (const id of into.ruleIds) m.ruleIds.add(id);
    for (const s of into.spans) indexSpan(m, s);
    provMembers.set(into, m);
  }
  return m;
}

/** Index `s` in `m` unless an equal span is there; true when it was added. */
function indexSpan(m: ProvMembers, s: SourceSpan): boolean {
  const at = m.spansAt.get(s.offset);
  if (at === undefined) m.spansAt.set(s.offset, s);
  else if (!Array.isArray(at)) {
    if (sameSpan(at, s)) return false;
    m.spansAt.set(s.offset, [at, s]);
  } else if (at.some((x) => sameSpan(x, s))) return false;
  else at.push(s);
  m.spanCount++;
  return true;
}

function addRuleId(into: Provenance, m: ProvMembers | null, id: number): void {
  if (m === null) {
    if (!into.ruleIds.includes(id)) into.ruleIds.push(id);
  } else if (m.ruleIds.add(id)) {
    into.ruleIds.push(id);
  }
}

function addSpan(into: Provenance, m: ProvMembers | null, s: SourceSpan): void {
  if (m === null) {
    if (!into.spans.some((x) => sameSpan(x, s))) into.spans.push(s);
  } else if (indexSpan(m, s)) into.spans.push(s);
}

/**
 * Add `from`'s rule ids and spans to `into` (each once; spans are the same when file and offsets are), and its
 * filter label when `into` has none. Used wherever nodes or bytes are shared by several rules: terminals shared
 * by hundreds of rules stay linear to build.
 */
export function mergeProv(into: Provenance, from: Provenance): void {
  const m = membersOf(into, Math.max(from.ruleIds.length, from.spans.length));
  for (const id of from.ruleIds) addRuleId(into, m, id);
  for (const s of from.spans) addSpan(into, m, s);
  if (!into.filter && from.filter) into.filter = from.filter;
}

/** mergeProv of a one-rule provenance (`ruleIds: [ruleId]`, `spans: [span]` or none) without building it. */
export function mergeRuleProv(into: Provenance, ruleId: number, span: SourceSpan | undefined): void {
  const m = membersOf(into, 1);
  addRuleId(into, m, ruleId);
  if (span) addSpan(into, m, span);
}

/**
 * A filter test's identity (filter and argument) as a string, for hash-consing nodes and recognising equal tests.
 * String arguments, most of a profile's, are keyed without JSON (JSON.stringify was a third of the cost of
 * lowering a profile read afresh): their kind and text are all there is to them. Not cached per test object (a
 * WeakMap entry costs more than the key): callers that need it often keep it (lowering numbers tests once).
 */
export function testIdentity(t: FilterTest): string {
  const a = t.arg;
  if (a.kind === 'literal' || a.kind === 'prefix' || a.kind === 'subpath') return `${t.filter}:${a.kind}:${a.value}`;
  if (a.kind === 'regex') return `${t.filter}:regex:${a.source}`;
  return `${t.filter}:${JSON.stringify(a)}`;
}

/**
 * Small numbers for test identities (equal numbers = equal `testIdentity`), for keys built per node. String,
 * regex and symbol arguments, most of a profile's, are found by filter, kind and text in maps of maps (the texts
 * are the profile's own strings, whose hashes the engine keeps: no key string is built per test); others by
 * testIdentity.
 */
export class TestIdentities {
  private readonly byFilter = new Map<string, Array<Map<string, number>>>();
  private readonly others = new Map<string, number>();
  private next = 0;

  idOf(t: FilterTest): number {
    const a = t.arg;
    const kind = a.kind === 'literal' ? 0 : a.kind === 'prefix' ? 1 : a.kind === 'subpath' ? 2 : a.kind === 'regex' ? 3 : a.kind === 'symbol' ? 4 : -1;
    let byText: Map<string, number>;
    let text: string;
    if (kind < 0) {
      byText = this.others;
      text = testIdentity(t);
    } else {
      let maps = this.byFilter.get(t.filter);
      if (maps === undefined) this.byFilter.set(t.filter, (maps = [new Map(), new Map(), new Map(), new Map(), new Map()]));
      byText = maps[kind];
      text = a.kind === 'regex' ? a.source : a.kind === 'symbol' ? a.name : (a as { value: string }).value;
    }
    let id = byText.get(text);
    if (id === undefined) byText.set(text, (id = this.next++));
    return id;
  }
}

/** Canonical text of a modifier list, for keys and comparisons. */
export function modifiersKey(mods: readonly Modifier[]): string {
  return mods.map((m) => `${m.name}(${m.args.map((a) => JSON.stringify(a)).join(',')})`).join(' ');
}

/** One distinct argument set of the graph's data pool: the strings / regex / item a test names, and its users. */
export interface DataPoolEntry {
  kind: 'strings' | 'regex' | 'network' | 'entitlement';
  /** The OR-ed arguments (one for regex, network and entitlement entries). */
  args: FilterArgument[];
  /** Nodes whose test names this entry. */
  nodes: NodeId[];
}

/**
 * The data pool: every distinct argument that needs a data item rather than an immediate value (string sets
 * compile to one shared-prefix program each, regexes to automata), in node order.
 */
export function dataPoolOf(g: PolicyGraph): DataPoolEntry[] {
  const byKey = new Map<string, DataPoolEntry>();
  g.nodes.forEach((n, id) => {
    if (n.kind !== 'test' || n.test.opaque || n.test.alternatives.length === 0) return;
    const args = n.test.alternatives.map((a) => a.arg);
    const k0 = args[0].kind;
    const kind: DataPoolEntry['kind'] | null =
      k0 === 'literal' || k0 === 'prefix' || k0 === 'subpath' ? 'strings' : k0 === 'regex' ? 'regex' : k0 === 'network' ? 'network' : k0 === 'entitlement' ? 'entitlement' : null;
    if (!kind) return;
    const key = `${kind}|${JSON.stringify(args)}`;
    const e = byKey.get(key) ?? { kind, args, nodes: [] };
    e.nodes.push(id);
    byKey.set(key, e);
  });
  return [...byKey.values()];
}
