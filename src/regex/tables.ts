// Automaton tables: the flat form state elimination reads. Byte-code readers (a blob format's regex
// programs) fill them straight from the code; any NFA converts to them and back. One state per entry:
// its kind, successors and, for byte sets, the bytes consumed.

import { complementRanges, type ByteRange } from './ast.js';
import type { Nfa, NfaState } from './nfa.js';

export const K_SET = 0;
export const K_ANY = 1;
export const K_BOL = 2;
export const K_EOL = 3;
export const K_SPLIT = 4;
export const K_EPS = 5;
export const K_MATCH = 6;

export interface AutomatonTables {
  n: number;
  start: number;
  kind: Uint8Array;
  out: Int32Array;
  out2: Int32Array;
  /** K_SET: the bytes consumed (negation applied); null for an empty, non-negated set, which adds no edge. */
  sets: Array<readonly ByteRange[] | null>;
}

/**
 * [b, b] for every byte: the ranges of a char instruction, shared by every table and Re node (internal: they
 * are never changed, and nfaOfTables hands out copies). Not frozen: frozen arrays leave V8's fast paths.
 */
export const BYTE_RANGES: ReadonlyArray<readonly ByteRange[]> = Array.from({ length: 256 }, (_, b): ByteRange[] => [[b, b]]);

/** The NFA of a table (the byte sets become plain, non-negated ranges). */
export function nfaOfTables(t: AutomatonTables): Nfa {
  const states: NfaState[] = [];
  for (let k = 0; k < t.n; k++) {
    switch (t.kind[k]) {
      case K_SET:
        states.push({ kind: 'bytes', ranges: (t.sets[k] ?? []).map(([lo, hi]): ByteRange => [lo, hi]), negated: false, out: t.out[k] });
        break;
      case K_ANY:
        states.push({ kind: 'any', out: t.out[k] });
        break;
      case K_BOL:
        states.push({ kind: 'bol', out: t.out[k] });
        break;
      case K_EOL:
        states.push({ kind: 'eol', out: t.out[k] });
        break;
      case K_SPLIT:
        states.push({ kind: 'split', out: t.out[k], out2: t.out2[k] });
        break;
      case K_EPS:
        states.push({ kind: 'eps', out: t.out[k] });
        break;
      default:
        states.push({ kind: 'match' });
    }
  }
  return { states, start: t.start };
}

/** Tables of any NFA (negated sets become their complement). */
export function tablesOf(nfa: Nfa): AutomatonTables {
  const n = nfa.states.length;
  const kind = new Uint8Array(n);
  const out = new Int32Array(n);
  const out2 = new Int32Array(n);
  const sets: Array<readonly ByteRange[] | null> = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    const s = nfa.states[i];
    switch (s.kind) {
      case 'bytes':
        kind[i] = K_SET;
        out[i] = s.out;
        if (s.ranges.length > 0 || s.negated) sets[i] = s.negated ? complementRanges(s.ranges) : s.ranges;
        break;
      case 'any':
      case 'bol':
      case 'eol':
      case 'eps':
        kind[i] = s.kind === 'any' ? K_ANY : s.kind === 'bol' ? K_BOL : s.kind === 'eol' ? K_EOL : K_EPS;
        out[i] = s.out;
        break;
      case 'split':
        kind[i] = K_SPLIT;
        out[i] = s.out;
        out2[i] = s.out2;
        break;
      case 'match':
        kind[i] = K_MATCH;
        break;
    }
  }
  return { n, start: nfa.start, kind, out, out2, sets };
}
