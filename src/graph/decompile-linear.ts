// PolicyGraph -> SBPL for real (Apple-compiled) graphs, in size linear in the graph: the fallback of
// decompile-blocks.ts. Its shared conditions nest (defines inside defines), and the reader copies each where it is
// used, so for platform-sized graphs the text is exact but beyond the reader's limits (maxFilterDepth,
// maxFilterTests). The decision-list
// decompiler (decompile.ts) writes one rule per path class, which explodes on Apple's platform profiles (millions of
// rules). Here, per operation, each decision the entry can reach is one rule whose filter is the condition of
// reaching that terminal: for a test X with successors A and B, F(N) = (X and F(A)) or (not X and F(B)),
// simplified where a successor's condition is constant. A condition used by more than one node is written once
// as `(define cN-nK ...)` and referred to by name, so nothing is written twice. The conditions of one operation are
// disjoint (a request reaches one terminal), so the rules' order does not matter; the terminal reached by the
// all-unmatch path is the operation's unfiltered rule.

import { filterToSbpl, testToSbpl } from '../sbpl/print.js';
import type { Vocab } from '../vocab/index.js';
import type { GraphNode, NodeId, PolicyGraph } from './model.js';
import { opaquePlaceholder, opIndex, type DecompileOptions } from './decompile.js';
import { terminalClasses, terminalRule, writtenGroups } from './decompile-blocks.js';

/** A condition: constant, a printed atom (a test or a defined name), or a flattened require-any / -all / -not. */
type Cond = true | false | { k: 'atom'; s: string } | { k: 'any' | 'all'; items: Cond[]; d: number } | { k: 'not'; e: Cond; d: number };

/** Nesting depth beyond which a condition is written as a define (checkers limit nesting). */
const MAX_DEPTH = 48;
const depth = (c: Cond): number => (typeof c === 'object' && c.k !== 'atom' ? c.d : 0);

const atom = (s: string): Cond => ({ k: 'atom', s });
const not = (e: Cond): Cond => (typeof e === 'object' && e.k === 'not' ? e.e : { k: 'not', e, d: depth(e) + 1 });
function join(k: 'any' | 'all', a: Cond, b: Cond): Cond {
  const items: Cond[] = [];
  let d = 0;
  for (const x of [a, b]) {
    if (typeof x === 'object' && x.k === k) for (const i of x.items) items.push(i);
    else items.push(x);
    d = Math.max(d, typeof x === 'object' && x.k === k ? x.d - 1 : depth(x));
  }
  return { k, items, d: d + 1 };
}
function print(c: Cond): string {
  if (c === true) return '(require-all)';
  if (c === false) return '(require-any)';
  switch (c.k) {
    case 'atom':
      return c.s;
    case 'not':
      return `(require-not ${print(c.e)})`;
    default:
      return `(require-${c.k} ${c.items.map(print).join(' ')})`;
  }
}


export function decompileGraphLinear(graph: PolicyGraph, vocab: Vocab, options: Pick<DecompileOptions, 'header'> = {}): string {
  const isFlag = (f: string) => vocab.filter(f)?.argKind === 'none';
  const nodes = graph.nodes;
  const { classOf, classTerminal } = terminalClasses(graph);
  const groups = writtenGroups(graph, vocab);
  // references from test nodes reachable from the written entries
  const refs = new Uint32Array(nodes.length);
  const seen = new Uint8Array(nodes.length);
  const stack = [...groups.keys()];
  for (const e of stack) seen[e] = 1;
  while (stack.length) {
    const n = nodes[stack.pop()!];
    if (n.kind !== 'test') continue;
    for (const k of [n.match, n.unmatch]) {
      refs[k]++;
      if (!seen[k]) {
        seen[k] = 1;
        stack.push(k);
      }
    }
  }
  const defines: string[] = [];
  const memo = classTerminal.map(() => new Map<NodeId, Cond>());
  // a test's text, written once as `(define tK ...)` when it is long and several nodes test it
  const testNames = new Map<string, string>();
  const testAtom = (n: GraphNode & { kind: 'test' }): string => {
    let text: string;
    if (n.test.opaque) text = testToSbpl(opaquePlaceholder(n.test.opaque.rawFilter, n.test.opaque.rawArgument));
    else {
      const alts = n.test.alternatives;
      text = alts.length === 1 ? testToSbpl(alts[0], isFlag) : filterToSbpl({ type: 'any', items: alts }, isFlag);
    }
    if (text.length < 160) return text;
    let name = testNames.get(text);
    if (name === undefined) {
      name = `t${testNames.size}`;
      testNames.set(text, name);
      defines.push(`(define ${name} ${text})`);
    }
    return name;
  };
  const cond = (c: number, root: NodeId): Cond => {
    const m = memo[c];
    const work: NodeId[] = [root];
    while (work.length) {
      const id = work[work.length - 1];
      if (m.has(id)) {
        work.pop();
        continue;
      }
      const n = nodes[id];
      if (n.kind === 'terminal') {
        m.set(id, classOf[id] === c);
        work.pop();
        continue;
      }
      const pending = [n.match, n.unmatch].filter((k) => !m.has(k));
      if (pending.length) {
        work.push(...pending);
        continue;
      }
      work.pop();
      const a = m.get(n.match)!;
      const b = m.get(n.unmatch)!;
      const x = atom(testAtom(n));
      let out: Cond;
      if (a === b) out = a;
      else if (a === true && b === false) out = x;
      else if (a === false && b === true) out = not(x);
      else if (a === true) out = join('any', x, b);
      else if (b === true) out = join('any', not(x), a);
      else if (a === false) out = join('all', not(x), b);
      else if (b === false) out = join('all', x, a);
      else {
        const l = join('all', x, a);
        const r = join('all', not(x), b);
        out = { k: 'any', items: [l, r], d: Math.max(depth(l), depth(r)) + 1 };
      }
      if (typeof out === 'object' && out.k !== 'atom' && (refs[id] > 1 || out.d > MAX_DEPTH)) {
        const name = `c${c}-n${id}`;
        defines.push(`(define ${name} ${print(out)})`);
        out = atom(name);
      }
      m.set(id, out);
    }
    return m.get(root)!;
  };
  const rules: string[] = [];
  const order = [...groups.entries()].sort((a, b) => opIndex(vocab, a[1][0]) - opIndex(vocab, b[1][0]));
  for (const [entry, ops] of order) {
    // the unfiltered rule: the terminal of the all-unmatch path
    let cur = entry;
    for (let n = nodes[cur]; n.kind === 'test'; n = nodes[cur]) cur = n.unmatch;
    const elseClass = classOf[cur];
    rules.push('');
    rules.push(terminalRule(graph, vocab, classTerminal[elseClass], ops, null));
    for (let c = 0; c < classTerminal.length; c++) {
      if (c === elseClass) continue;
      const f = cond(c, entry);
      if (f === false) continue;
      rules.push(terminalRule(graph, vocab, classTerminal[c], ops, print(f)));
    }
  }
  const lines: string[] = [];
  for (const h of options.header ?? []) lines.push(`;; ${h}`);
  lines.push('(version 1)');
  if (defines.length) lines.push(`;; ${defines.length} shared conditions`, ...defines);
  lines.push(...rules);
  return lines.join('\n') + '\n';
}
