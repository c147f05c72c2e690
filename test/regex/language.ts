// Language equivalence of two regex automata, for tests that compare a decoded regex with an expected one
// spelled differently. Strict reading: the strings each automaton matches WHOLE, `^` passing only at the start
// of the string and `$` only at its end. Two automata with the same strict language also answer every
// unanchored search alike (a search asks whether some substring is in the strict language), so this is the
// stronger check. Product of the two subset constructions, over the byte classes both automata distinguish.

import type { Nfa } from '../../src/regex/index.js';

export type LanguageComparison = { same: true; states: number } | { same: false; witness: number[]; inFirst: boolean };

/** Same strict language? When not, a shortest string in one language and not the other. */
export function compareLanguages(a: Nfa, b: Nfa, maxStates = 200_000): LanguageComparison {
  const reps = byteRepresentatives([a, b]);
  const start: Pair = { ka: [a.start], kb: [b.start], atStart: true, path: [] };
  const seen = new Set<string>([key(start)]);
  let queue: Pair[] = [start];
  while (queue.length > 0) {
    const next: Pair[] = [];
    for (const p of queue) {
      const accA = accepts(a, p.ka, p.atStart);
      const accB = accepts(b, p.kb, p.atStart);
      if (accA !== accB) return { same: false, witness: p.path, inFirst: accA };
      const ca = closure(a, p.ka, p.atStart, false);
      const cb = closure(b, p.kb, p.atStart, false);
      for (const byte of reps) {
        const q: Pair = { ka: step(a, ca, byte), kb: step(b, cb, byte), atStart: false, path: [...p.path, byte] };
        if (q.ka.length === 0 && q.kb.length === 0) continue; // both dead: nothing more to tell apart
        const k = key(q);
        if (seen.has(k)) continue;
        seen.add(k);
        if (seen.size > maxStates) throw new Error(`language comparison: more than ${maxStates} product states`);
        next.push(q);
      }
    }
    queue = next;
  }
  return { same: true, states: seen.size };
}

interface Pair {
  ka: number[];
  kb: number[];
  atStart: boolean;
  path: number[];
}

function key(p: Pair): string {
  return `${p.atStart ? 1 : 0}|${p.ka.join(',')}|${p.kb.join(',')}`;
}

/** One byte per class of bytes that every byte-consuming state of every automaton treats alike. */
function byteRepresentatives(nfas: Nfa[]): number[] {
  const cuts = new Set<number>([0]);
  for (const nfa of nfas) {
    for (const s of nfa.states) {
      if (s.kind !== 'bytes') continue;
      for (const [lo, hi] of s.ranges) {
        cuts.add(lo);
        if (hi < 255) cuts.add(hi + 1);
      }
    }
  }
  return [...cuts].sort((x, y) => x - y);
}

/** States reachable without consuming a byte (anchors pass where the position allows). */
function closure(nfa: Nfa, kernel: readonly number[], atStart: boolean, atEnd: boolean): number[] {
  const seen = new Set<number>();
  const todo = [...kernel];
  while (todo.length > 0) {
    const i = todo.pop()!;
    if (seen.has(i)) continue;
    seen.add(i);
    const s = nfa.states[i];
    if (s.kind === 'split') todo.push(s.out, s.out2);
    else if (s.kind === 'eps') todo.push(s.out);
    else if (s.kind === 'bol' && atStart) todo.push(s.out);
    else if (s.kind === 'eol' && atEnd) todo.push(s.out);
  }
  return [...seen];
}

function accepts(nfa: Nfa, kernel: readonly number[], atStart: boolean): boolean {
  return closure(nfa, kernel, atStart, true).some((i) => nfa.states[i].kind === 'match');
}

/** Sorted targets of the consuming states of `closed` on `byte`. */
function step(nfa: Nfa, closed: readonly number[], byte: number): number[] {
  const out = new Set<number>();
  for (const i of closed) {
    const s = nfa.states[i];
    if (s.kind === 'any') out.add(s.out);
    else if (s.kind === 'bytes') {
      let inside = false;
      for (const [lo, hi] of s.ranges) if (byte >= lo && byte <= hi) inside = true;
      if (inside !== s.negated) out.add(s.out);
    }
  }
  return [...out].sort((x, y) => x - y);
}
