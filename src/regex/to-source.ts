// Automaton -> dialect source text, by state elimination then printing.

import { MAX_GROUP_DEPTH } from './parser.js';
import { MAX_NFA_STATES, type Nfa } from './nfa.js';
import { RegexCodeError } from './errors.js';
import { Eliminator } from './eliminate.js';
import { factorAlternatives } from './factor.js';
import { Printer } from './print.js';
import { tablesOf, type AutomatonTables } from './tables.js';

/** Automata larger than this are not turned back into text (state elimination is cubic). */
const MAX_STATES = 2000;

/** NFA -> dialect source by state elimination (GNFA). Throws RegexCodeError when it cannot be written. */
export function nfaToSource(nfa: Nfa): string {
  if (nfa.states.length > MAX_STATES) throw tooManyStates(nfa.states.length);
  return tablesToSource(tablesOf(nfa)).source;
}

function tooManyStates(n: number): RegexCodeError {
  return new RegexCodeError(`regex automaton of ${n} states is too large to write back as text (limit ${MAX_STATES})`, 0);
}

/**
 * Tables -> dialect source: the text, and whether the printer vouches that the regex parser accepts it (when
 * not, a caller that needs a valid pattern parses it again). Throws RegexCodeError when it cannot be written.
 */
export function tablesToSource(t: AutomatonTables): { source: string; sure: boolean } {
  const n = t.n;
  if (n > MAX_STATES) throw tooManyStates(n);
  const eliminated = new Eliminator(n).run(t);
  if (!eliminated) return { source: '$.', sure: true }; // matches nothing: end of string followed by a byte
  const r = factorAlternatives(eliminated);
  const p = new Printer();
  const source = p.print(r, 0, 0);
  // the parser's automaton has at most one state per expression node, so a small expression cannot outgrow it
  return { source, sure: !p.unsure && p.maxDepth <= MAX_GROUP_DEPTH && r.size <= MAX_NFA_STATES / 2 };
}
