// Several patterns in one automaton: which is the first (smallest-numbered) of a list of regexes that occurs in
// a subject, in one pass over it. Used to decide among a rule list's regex filters at once (decide/index-runs.ts)
// instead of trying each rule's regex in turn. Same search semantics as compileRegex(p).test(s) for each p.

import { LazyDfa, type LazyDfaOptions } from './dfa.js';
import { buildNfa, MAX_NFA_STATES, type Nfa, type NfaState } from './nfa.js';
import { parseRegex } from './parser.js';

export interface RegexSet {
  readonly sources: readonly string[];
  /** The smallest i such that sources[i] occurs in `subject`, or -1. */
  firstMatch(subject: string): number;
}

/** Throws what compileRegex throws for an invalid or too large pattern. */
export function compileRegexSet(sources: readonly string[], options: Omit<LazyDfaOptions, 'owners'> = {}): RegexSet {
  const states: NfaState[] = [];
  const owner: number[] = [];
  const starts: number[] = [];
  sources.forEach((src, i) => {
    const nfa = buildNfa(parseRegex(src).ast, Math.max(1, MAX_NFA_STATES - states.length));
    const base = states.length;
    const shift = (n: number): number => n + base;
    for (const s of nfa.states) {
      states.push(s.kind === 'match' ? s : s.kind === 'split' ? { ...s, out: shift(s.out), out2: shift(s.out2) } : { ...s, out: shift(s.out) });
      owner.push(i);
    }
    starts.push(shift(nfa.start));
  });
  // one entry: a chain of splits to every pattern's start
  let start = starts.length ? starts[starts.length - 1] : -1;
  for (let i = starts.length - 2; i >= 0; i--) {
    states.push({ kind: 'split', out: starts[i], out2: start });
    owner.push(-1);
    start = states.length - 1;
  }
  if (start < 0) return { sources, firstMatch: () => -1 };
  const nfa: Nfa = { states, start };
  const dfa = new LazyDfa(nfa, { ...options, owners: Int32Array.from(owner) });
  return { sources, firstMatch: (s) => dfa.firstMatch(s) };
}
