// Thompson NFA over bytes, built from the regex AST. This is also the shape the blob encoder serialises
// (AppleMatch's compiled form is an NFA of byte / any / class / ^ / $ / jump / match instructions).

import { StageError } from '../diagnostics/diagnostic.js';
import type { ByteRange, RegexNode } from './ast.js';
import { normalizeRanges } from './ast.js';

export type NfaState =
  /** Consume one byte in `ranges` (after `negated`) and go to `out`. */
  | { kind: 'bytes'; ranges: ByteRange[]; negated: boolean; out: number }
  /** Consume any byte. */
  | { kind: 'any'; out: number }
  /** Epsilon to both targets (alternation / repetition). `out` is preferred (greedy order, irrelevant for yes/no). */
  | { kind: 'split'; out: number; out2: number }
  /** Epsilon. */
  | { kind: 'eps'; out: number }
  /** Epsilon allowed only at subject start (`^`). */
  | { kind: 'bol'; out: number }
  /** Epsilon allowed only at subject end (`$`). */
  | { kind: 'eol'; out: number }
  | { kind: 'match' };

export interface Nfa {
  states: NfaState[];
  start: number;
}

/** Thrown when interval expansion would make the automaton unreasonably large. */
export class RegexTooLargeError extends StageError {
  constructor(readonly limit: number) {
    super(`regex too large: its automaton would exceed ${limit} states`, 'regex/too-large', 'input');
    this.name = 'RegexTooLargeError';
  }
}

export const MAX_NFA_STATES = 200_000;

/** Build the NFA. States are numbered in creation order; state `start` is the entry. */
export function buildNfa(ast: RegexNode, maxStates = MAX_NFA_STATES): Nfa {
  const states: NfaState[] = [];
  const add = (s: NfaState): number => {
    if (states.length >= maxStates) throw new RegexTooLargeError(maxStates);
    states.push(s);
    return states.length - 1;
  };
  const match = add({ kind: 'match' });

  // Compile `node` so that it continues to `next`; returns the entry state. Building back to front avoids
  // patch lists.
  const compile = (node: RegexNode, next: number): number => {
    switch (node.type) {
      case 'empty':
        return next;
      case 'byte':
        return add({ kind: 'bytes', ranges: [[node.value, node.value]], negated: false, out: next });
      case 'any':
        return add({ kind: 'any', out: next });
      case 'class':
        return add({ kind: 'bytes', ranges: normalizeRanges([...node.ranges]), negated: node.negated, out: next });
      case 'bol':
        return add({ kind: 'bol', out: next });
      case 'eol':
        return add({ kind: 'eol', out: next });
      case 'group':
        return compile(node.item, next);
      case 'concat': {
        let entry = next;
        for (let i = node.items.length - 1; i >= 0; i--) entry = compile(node.items[i], entry);
        return entry;
      }
      case 'alt': {
        let entry = compile(node.items[node.items.length - 1], next);
        for (let i = node.items.length - 2; i >= 0; i--) {
          const a = compile(node.items[i], next);
          entry = add({ kind: 'split', out: a, out2: entry });
        }
        return entry;
      }
      case 'repeat': {
        const { min, max, item } = node;
        // optional tail first (built backwards): max-min optional copies, or a star loop
        let entry = next;
        if (max === null) {
          const loop = add({ kind: 'split', out: -1, out2: next });
          const body = compile(item, loop);
          (states[loop] as { out: number }).out = body;
          entry = loop;
        } else {
          for (let i = 0; i < max - min; i++) {
            const body = compile(item, entry);
            entry = add({ kind: 'split', out: body, out2: entry });
          }
        }
        for (let i = 0; i < min; i++) entry = compile(item, entry);
        return entry;
      }
    }
  };
  const start = compile(ast, match);
  return { states, start };
}
