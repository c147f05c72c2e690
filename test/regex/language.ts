// Language equivalence of two regex automata, for tests that compare a decoded regex with an expected one
// spelled differently. Whether a regex matches a stretch w of a subject depends on w and on whether w starts
// and / or ends the subject (where `^` and `$` pass). Two automata are equivalent here when, for each of those
// four positions, they match the same stretches WHOLE. That implies they answer every unanchored search alike
// (a search asks whether some stretch matches) and is stricter: `^ab*` and `^a` search alike but differ here.
// Product of the two subset constructions, over the byte classes both automata distinguish.

import type { Nfa } from '../../src/regex/index.js';

/** Where the stretch that tells two automata apart sits: at the start of the subject, at its end. */
export interface Position {
  atStart: boolean;
  atEnd: boolean;
}
export type LanguageComparison = { same: true; states: number } | { same: false; witness: number[]; inFirst: boolean; position: Position };

/** Same language at every position? When not, a shortest stretch one matches and the other does not. */
export function compareLanguages(a: Nfa, b: Nfa, maxStates = 200_000): LanguageComparison {
  const reps = byteRepresentatives([a, b]);
  let states = 0;
  for (const atStart of [true, false]) {
    const r = compareFrom(a, b, reps, atStart, maxStates);
    if (!r.same) return r;
    states += r.states;
  }
  return { same: true, states };
}

function compareFrom(a: Nfa, b: Nfa, reps: number[], atStart: boolean, maxStates: number): LanguageComparison {
  const start: Pair = { ka: [a.start], kb: [b.start], atStart, path: [] };
  const seen = new Set<string>([key(start)]);
  let queue: Pair[] = [start];
  while (queue.length > 0) {
    const next: Pair[] = [];
    for (const p of queue) {
      for (const atEnd of [true, false]) {
        const accA = accepts(a, p.ka, p.atStart, atEnd);
        const accB = accepts(b, p.kb, p.atStart, atEnd);
        if (accA !== accB) return { same: false, witness: p.path, inFirst: accA, position: { atStart, atEnd } };
      }
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

function accepts(nfa: Nfa, kernel: readonly number[], atStart: boolean, atEnd: boolean): boolean {
  return closure(nfa, kernel, atStart, atEnd).some((i) => nfa.states[i].kind === 'match');
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
