// Regex data items: the Thompson NFA of src/decide/regex serialised as AppleMatch-style byte code
// (descriptor.ts REGEX), and read back into dialect source text by state elimination.

import { buildNfa, checkRegex, parseRegex, type ByteRange, type Nfa, type NfaState, type RegexNode } from '../../decide/regex/index.js';
import { REGEX } from './descriptor.js';

export class RegexCodeError extends Error {
  constructor(
    message: string,
    /** Offset into the item payload. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'RegexCodeError';
  }
}

const HEADER = 6; // u32 magic + u16 code length

/** Compile dialect source to an item payload (magic, length, code). Throws the parser's errors. */
export function encodeRegex(source: string): Uint8Array {
  const nfa = buildNfa(parseRegex(source).ast);
  const code = emitCode(nfa);
  if (code.length > 0xffff) throw new RegexCodeError(`regex ${JSON.stringify(source)} compiles to ${code.length} bytes of code (limit 65535)`, 0);
  const out = new Uint8Array(HEADER + code.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, REGEX.magic, true);
  dv.setUint16(4, code.length, true);
  out.set(code, HEADER);
  return out;
}

function complement(ranges: readonly ByteRange[]): ByteRange[] {
  const out: ByteRange[] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= 255) out.push([next, 255]);
  return out;
}

type Piece =
  | { kind: 'bytes'; ranges: ByteRange[] }
  | { kind: 'fixed'; code: number }
  | { kind: 'fork'; to: number }
  | { kind: 'goto'; to: number };

/** Instruction pieces of one state (targets are state indices), before layout. */
function piecesOf(s: NfaState, nextInOrder: number | undefined, extra: (s: NfaState) => number): Piece[] {
  const follow = (out: number): Piece[] => (out === nextInOrder ? [] : [{ kind: 'goto', to: out }]);
  switch (s.kind) {
    case 'bytes': {
      const ranges = s.negated ? complement(s.ranges) : [...s.ranges];
      if (ranges.length === 0) return [{ kind: 'fixed', code: -1 }]; // matches nothing: a dead end
      if (ranges.length <= REGEX.maxRangesPerClass) return [{ kind: 'bytes', ranges }, ...follow(s.out)];
      // more ranges than one class holds: fork to a state holding the rest, both continue to `out`
      const rest = extra({ kind: 'bytes', ranges: ranges.slice(REGEX.maxRangesPerClass), negated: false, out: s.out });
      return [{ kind: 'fork', to: rest }, { kind: 'bytes', ranges: ranges.slice(0, REGEX.maxRangesPerClass) }, { kind: 'goto', to: s.out }];
    }
    case 'any':
      return [{ kind: 'fixed', code: REGEX.any }, ...follow(s.out)];
    case 'bol':
      return [{ kind: 'fixed', code: REGEX.start }, ...follow(s.out)];
    case 'eol':
      return [{ kind: 'fixed', code: REGEX.end }, ...follow(s.out)];
    case 'split':
      return [{ kind: 'fork', to: s.out2 }, ...follow(s.out)];
    case 'eps':
      return follow(s.out);
    case 'match':
      return [{ kind: 'fixed', code: REGEX.match }];
  }
}

function pieceSize(p: Piece): number {
  switch (p.kind) {
    case 'bytes':
      return p.ranges.length === 1 && p.ranges[0][0] === p.ranges[0][1] ? 2 : 1 + 2 * p.ranges.length;
    case 'fixed':
      return p.code === -1 ? 2 : 1;
    case 'fork':
    case 'goto':
      return 3;
  }
}

function emitCode(nfa: Nfa): Uint8Array {
  const states: NfaState[] = [...nfa.states];
  // order: depth-first from the start, `out` before `out2`, so most successors fall through
  const order: number[] = [];
  const seen = new Set<number>();
  const todo = [nfa.start];
  while (todo.length > 0) {
    let id = todo.pop()!;
    while (!seen.has(id)) {
      seen.add(id);
      order.push(id);
      const s = states[id];
      if (s.kind === 'split') todo.push(s.out2);
      if (s.kind === 'match') break;
      id = s.out;
    }
  }
  // states appended while splitting classes with more ranges than one instruction holds
  const extra = (s: NfaState): number => {
    states.push(s);
    return states.length - 1;
  };
  const layout: Array<{ id: number; pieces: Piece[] }> = order.map((id, i) => ({ id, pieces: piecesOf(states[id], order[i + 1], extra) }));
  for (let k = nfa.states.length; k < states.length; k++) layout.push({ id: k, pieces: piecesOf(states[k], undefined, extra) });
  const offset = new Map<number, number>();
  let at = 0;
  for (const l of layout) {
    offset.set(l.id, at);
    for (const p of l.pieces) at += pieceSize(p);
  }
  const out = new Uint8Array(at);
  let i = 0;
  const target = (to: number) => {
    const o = offset.get(to);
    if (o === undefined) throw new RegexCodeError(`internal: jump to unplaced state ${to}`, i);
    return o;
  };
  for (const l of layout) {
    for (const p of l.pieces) {
      switch (p.kind) {
        case 'bytes':
          if (pieceSize(p) === 2) {
            out[i++] = REGEX.char;
            out[i++] = p.ranges[0][0];
          } else {
            out[i++] = (p.ranges.length << 4) | REGEX.classLowNibble;
            for (const [lo, hi] of p.ranges) {
              out[i++] = lo;
              out[i++] = hi;
            }
          }
          break;
        case 'fixed':
          if (p.code === -1) {
            // dead end: "$" then "." can never both hold
            out[i++] = REGEX.end;
            out[i++] = REGEX.any;
          } else out[i++] = p.code;
          break;
        case 'fork':
        case 'goto': {
          const t = target(p.to);
          out[i++] = p.kind === 'fork' ? REGEX.fork : REGEX.jump;
          out[i++] = t & 0xff;
          out[i++] = t >> 8;
          break;
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Decoding

/** Parse a regex item payload into an NFA over its instructions. */
export function regexPayloadToNfa(payload: Uint8Array): Nfa {
  if (payload.length < HEADER) throw new RegexCodeError(`regex item of ${payload.length} bytes is shorter than its 6-byte header`, 0);
  const dv = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const magic = dv.getUint32(0, true);
  if (magic !== REGEX.magic) throw new RegexCodeError(`regex item magic is 0x${magic.toString(16)}, expected 0x${REGEX.magic.toString(16)}`, 0);
  const len = dv.getUint16(4, true);
  if (HEADER + len > payload.length) throw new RegexCodeError(`regex code length ${len} runs past the item (${payload.length - HEADER} bytes)`, 4);
  const code = payload.subarray(HEADER, HEADER + len);
  // first pass: instruction boundaries
  const starts: number[] = [];
  const sizes: number[] = [];
  let i = 0;
  while (i < code.length) {
    const b = code[i];
    let size: number;
    if (b === REGEX.char) size = 2;
    else if (b === REGEX.any || b === REGEX.start || b === REGEX.end) size = 1;
    else if (b === REGEX.fork) size = 3;
    else if ((b & 0x0f) === REGEX.match) size = 1;
    else if ((b & 0x0f) === REGEX.jump) size = 3;
    else if ((b & 0x0f) === REGEX.classLowNibble) {
      const n = b >> 4;
      if (n === 0) throw new RegexCodeError(`character class with no ranges at code offset ${i}`, HEADER + i);
      size = 1 + 2 * n;
    } else throw new RegexCodeError(`unknown regex opcode 0x${b.toString(16).padStart(2, '0')} at code offset ${i}`, HEADER + i);
    if (i + size > code.length) throw new RegexCodeError(`regex instruction at code offset ${i} runs past the end of the code`, HEADER + i);
    starts.push(i);
    sizes.push(size);
    i += size;
  }
  const index = new Map<number, number>();
  starts.forEach((s, k) => index.set(s, k));
  const dead = starts.length; // state after the last instruction: matches nothing
  const states: NfaState[] = [];
  const resolve = (t: number, at: number): number => {
    const k = index.get(t);
    if (k === undefined) throw new RegexCodeError(`regex jump at code offset ${at} targets ${t}, not an instruction`, HEADER + at);
    return k;
  };
  starts.forEach((s, k) => {
    const b = code[s];
    const next = k + 1 < starts.length ? k + 1 : dead;
    if (b === REGEX.char) states.push({ kind: 'bytes', ranges: [[code[s + 1], code[s + 1]]], negated: false, out: next });
    else if (b === REGEX.any) states.push({ kind: 'any', out: next });
    else if (b === REGEX.start) states.push({ kind: 'bol', out: next });
    else if (b === REGEX.end) states.push({ kind: 'eol', out: next });
    else if (b === REGEX.fork) states.push({ kind: 'split', out: next, out2: resolve(code[s + 1] | (code[s + 2] << 8), s) });
    else if ((b & 0x0f) === REGEX.match) states.push({ kind: 'match' });
    else if ((b & 0x0f) === REGEX.jump) states.push({ kind: 'eps', out: resolve(code[s + 1] | (code[s + 2] << 8), s) });
    else {
      const ranges: ByteRange[] = [];
      for (let r = 0; r < b >> 4; r++) {
        const lo = code[s + 1 + 2 * r];
        const hi = code[s + 2 + 2 * r];
        if (lo > hi) throw new RegexCodeError(`reversed range ${lo}-${hi} in class at code offset ${s}`, HEADER + s);
        ranges.push([lo, hi]);
      }
      states.push({ kind: 'bytes', ranges, negated: false, out: next });
    }
  });
  states.push({ kind: 'bytes', ranges: [], negated: false, out: dead }); // dead
  return { states, start: starts.length > 0 ? 0 : dead };
}

const MAX_EXPR = 200_000;
/** Automata larger than this are not turned back into text (state elimination is cubic). */
const MAX_STATES = 2000;

/** Read a regex item back to dialect source text. Throws RegexCodeError when it cannot. */
export function decodeRegex(payload: Uint8Array): string {
  const source = nfaToSource(regexPayloadToNfa(payload));
  // the text must be something the matcher accepts, or evaluation would fail later instead of here
  const check = checkRegex(source);
  if (!check.ok) throw new RegexCodeError(`regex read back as ${JSON.stringify(source)}, which the regex parser rejects: ${check.message}`, 0);
  return source;
}

// Regular expressions as a small algebra for state elimination. Nodes remember their size and a canonical
// key (computed once) so simplification and the size limit stay cheap.
type ReBody =
  | { t: 'eps' }
  | { t: 'set'; ranges: ByteRange[] }
  | { t: 'any' }
  | { t: 'bol' }
  | { t: 'eol' }
  | { t: 'cat'; items: Re[] }
  | { t: 'alt'; items: Re[] }
  | { t: 'star'; item: Re };
type Re = ReBody & { size: number; k?: string };

function mk(b: ReBody): Re {
  let size = 1;
  if (b.t === 'cat' || b.t === 'alt') for (const x of b.items) size += x.size;
  else if (b.t === 'star') size += b.item.size;
  (b as Re).size = size;
  return b as Re;
}

const EPS: Re = mk({ t: 'eps' });

function key(r: Re): string {
  if (r.k !== undefined) return r.k;
  let k: string;
  switch (r.t) {
    case 'eps':
    case 'any':
    case 'bol':
    case 'eol':
      k = r.t;
      break;
    case 'set':
      k = `[${r.ranges.map(([a, b]) => `${a}-${b}`).join(',')}]`;
      break;
    case 'cat':
      k = `(${r.items.map(key).join(' ')})`;
      break;
    case 'alt':
      k = `(${r.items.map(key).join('|')})`;
      break;
    case 'star':
      k = `${key(r.item)}*`;
      break;
  }
  r.k = k;
  return k;
}

/** Concatenation without flattening (nested cats are flattened when printed): O(parts), not O(length). */
function cat(...parts: Re[]): Re {
  const items: Re[] = [];
  for (const p of parts) if (p.t !== 'eps') items.push(p);
  if (items.length === 0) return EPS;
  if (items.length === 1) return items[0];
  return mk({ t: 'cat', items });
}

function flatCat(r: Re, into: Re[]): Re[] {
  if (r.t === 'cat') for (const x of r.items) flatCat(x, into);
  else into.push(r);
  return into;
}

function alt(a: Re | null, b: Re | null): Re | null {
  if (a === null) return b;
  if (b === null) return a;
  const items: Re[] = [];
  const keys = new Set<string>();
  for (const p of [a, b]) {
    for (const x of p.t === 'alt' ? p.items : [p]) {
      const k = key(x);
      if (!keys.has(k)) {
        keys.add(k);
        items.push(x);
      }
    }
  }
  return items.length === 1 ? items[0] : mk({ t: 'alt', items });
}

function star(r: Re | null): Re {
  if (r === null || r.t === 'eps') return EPS;
  if (r.t === 'star') return r;
  return mk({ t: 'star', item: r });
}

/** NFA -> dialect source by state elimination (GNFA). */
export function nfaToSource(nfa: Nfa): string {
  const n = nfa.states.length;
  if (n > MAX_STATES) throw new RegexCodeError(`regex automaton of ${n} states is too large to write back as text (limit ${MAX_STATES})`, 0);
  const S = n;
  const A = n + 1;
  const out: Array<Map<number, Re>> = Array.from({ length: n + 2 }, () => new Map());
  const inn: Array<Set<number>> = Array.from({ length: n + 2 }, () => new Set());
  let total = 0;
  const add = (from: number, to: number, r: Re) => {
    const cur = out[from].get(to) ?? null;
    const next = alt(cur, r)!;
    total += next.size - (cur?.size ?? 0);
    if (total > MAX_EXPR) throw new RegexCodeError('regex automaton too complex to write back as text', 0);
    out[from].set(to, next);
    inn[to].add(from);
  };
  add(S, nfa.start, EPS);
  nfa.states.forEach((s, i) => {
    switch (s.kind) {
      case 'bytes':
        if (s.ranges.length > 0 || s.negated) add(i, s.out, mk(s.negated ? { t: 'set', ranges: complement(s.ranges) } : { t: 'set', ranges: [...s.ranges] }));
        break;
      case 'any':
        add(i, s.out, mk({ t: 'any' }));
        break;
      case 'bol':
        add(i, s.out, mk({ t: 'bol' }));
        break;
      case 'eol':
        add(i, s.out, mk({ t: 'eol' }));
        break;
      case 'split':
        add(i, s.out, EPS);
        add(i, s.out2, EPS);
        break;
      case 'eps':
        add(i, s.out, EPS);
        break;
      case 'match':
        add(i, A, EPS);
        break;
    }
  });
  const alive = new Uint8Array(n);
  let left = n;
  alive.fill(1);
  const eliminate = (k: number) => {
    alive[k] = 0;
    left--;
    const loop = star(out[k].get(k) ?? null);
    for (const i of inn[k]) {
      if (i === k || !(i === S || alive[i])) continue;
      const rik = out[i].get(k);
      if (!rik) continue;
      for (const [j, rkj] of out[k]) {
        if (j === k || !(j === A || alive[j])) continue;
        add(i, j, cat(rik, loop, rkj));
      }
      total -= rik.size;
      out[i].delete(k);
    }
    for (const r of out[k].values()) total -= r.size;
    out[k].clear();
  };
  const degree = (k: number) => {
    let ins = 0;
    for (const i of inn[k]) if (i !== k && (i === S || alive[i]) && out[i].has(k)) ins++;
    let outs = 0;
    for (const j of out[k].keys()) if (j !== k && (j === A || alive[j])) outs++;
    return { ins, outs, loop: out[k].has(k) };
  };
  // pass 1: states on a simple path (one way in, one way out, no loop) cost nothing to remove; removing one
  // can make its neighbours simple, so they go back on the work list
  const work: number[] = [];
  for (let k = n - 1; k >= 0; k--) work.push(k);
  while (work.length > 0) {
    const k = work.pop()!;
    if (!alive[k]) continue;
    const d = degree(k);
    if (d.loop || d.ins > 1 || d.outs > 1) continue;
    const near = [...inn[k], ...out[k].keys()].filter((x) => x < n && x !== k);
    eliminate(k);
    for (const x of near) if (alive[x]) work.push(x);
  }
  // pass 2: the rest, fewest paths through first
  while (left > 0) {
    let best = -1;
    let bestCost = Infinity;
    for (let k = 0; k < n; k++) {
      if (!alive[k]) continue;
      const d = degree(k);
      const cost = d.ins * d.outs;
      if (cost < bestCost) {
        bestCost = cost;
        best = k;
        if (cost <= 1) break;
      }
    }
    eliminate(best);
  }
  const r = out[S].get(A);
  if (!r) return '$.'; // matches nothing: end of string followed by a byte
  return print(r, 0);
}

const META = new Set([...'\\.^$|()[]{}*+?']);
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Print with precedence: 0 alternation, 1 concatenation, 2 atom. */
function print(r: Re, ctx: number): string {
  switch (r.t) {
    case 'eps':
      return ctx >= 2 ? '()' : '';
    case 'any':
      return '.';
    case 'bol':
      return '^';
    case 'eol':
      return '$';
    case 'set':
      return printSet(r.ranges);
    case 'star': {
      const inner = r.item.t === 'set' || r.item.t === 'any' ? print(r.item, 2) : `(${print(r.item, 0)})`;
      return inner + '*';
    }
    case 'cat': {
      // merge runs of single bytes >= 0x80 into UTF-8 characters
      let s = '';
      let run: number[] = [];
      const flush = () => {
        if (run.length === 0) return;
        let text: string;
        try {
          text = utf8Decoder.decode(Uint8Array.from(run));
        } catch {
          throw new RegexCodeError('regex contains bytes that are not UTF-8 text and cannot be written as dialect source', 0);
        }
        s += text;
        run = [];
      };
      for (const it of flatCat(r, [])) {
        if (it.t === 'set' && it.ranges.length === 1 && it.ranges[0][0] === it.ranges[0][1] && it.ranges[0][0] >= 0x80) {
          run.push(it.ranges[0][0]);
          continue;
        }
        flush();
        s += print(it, 1);
      }
      flush();
      return ctx >= 2 ? `(${s})` : s;
    }
    case 'alt': {
      const hasEps = r.items.some((x) => x.t === 'eps');
      const rest = r.items.filter((x) => x.t !== 'eps');
      if (hasEps && rest.length > 0) {
        const body = rest.length === 1 ? rest[0] : ({ t: 'alt', items: rest } as Re);
        const inner = body.t === 'set' || body.t === 'any' ? print(body, 2) : `(${print(body, 0)})`;
        return inner + '?';
      }
      const s = rest.map((x) => print(x, 0)).join('|');
      return ctx >= 1 ? `(${s})` : s;
    }
  }
}

function printSet(ranges: ByteRange[]): string {
  if (ranges.length === 1 && ranges[0][0] === ranges[0][1]) {
    const b = ranges[0][0];
    if (b >= 0x80) throw new RegexCodeError(`regex matches the lone byte 0x${b.toString(16)}, which dialect source cannot express`, 0);
    const c = String.fromCharCode(b);
    return META.has(c) ? '\\' + c : c;
  }
  if (ranges.length === 1 && ranges[0][0] === 0 && ranges[0][1] === 255) return '.';
  // prefer a negated class when it is shorter
  const comp = complement(ranges);
  const neg = comp.length < ranges.length;
  const list = neg ? comp : ranges;
  const member = (b: number) => {
    if (b >= 0x80) throw new RegexCodeError(`regex class holds byte 0x${b.toString(16)}, which dialect source cannot express`, 0);
    const c = String.fromCharCode(b);
    return c === ']' || c === '\\' || c === '^' || c === '-' ? '\\' + c : c;
  };
  return `[${neg ? '^' : ''}${list.map(([lo, hi]) => (lo === hi ? member(lo) : `${member(lo)}-${member(hi)}`)).join('')}]`;
}

export type { RegexNode };
