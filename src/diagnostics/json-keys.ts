// Object keys of JSON text that JSON.parse would accept but silently mishandle: a duplicate (the last one wins)
// or a key such as "__proto__" that names JavaScript's object machinery. Shared by every JSON reader (request
// lines in decide/, matrices and results in runtime/).

/** Keys that would reach an object's prototype machinery instead of naming data. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function forbiddenKeyProblem(key: string): string | undefined {
  return FORBIDDEN_KEYS.has(key) ? `the key "${key}" is not allowed (it names JavaScript's object machinery, not data); rename it` : undefined;
}

/** 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0, end = Math.min(offset, text.length); i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}

export interface KeyProblem {
  path: ReadonlyArray<string | number>;
  message: string;
  /** Offset of the offending key in the text. */
  offset: number;
}

const STRING = /"[^"\\]*(?:\\.[^"\\]*)*"/y;

/**
 * The first duplicate or forbidden object key in `text`, which must already be valid JSON. Keys are compared
 * after unescaping, as JSON.parse compares them.
 */
export function findKeyProblem(text: string, opts: { duplicates?: boolean } = {}): KeyProblem | undefined {
  const checkDuplicates = opts.duplicates !== false;
  type Frame = { kind: 'object'; keys: Map<string, number> | null; key: string } | { kind: 'array'; index: number };
  const stack: Frame[] = [];
  const path = (): Array<string | number> => stack.map((f) => (f.kind === 'object' ? f.key : f.index - 1)).slice(0, -1);
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      STRING.lastIndex = i;
      const m = STRING.exec(text);
      if (!m) return undefined; // not valid JSON: the parser reports it
      const end = i + m[0].length;
      if (expectKey) {
        const raw = m[0];
        const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        const f = stack[stack.length - 1] as Extract<Frame, { kind: 'object' }>;
        const forbidden = forbiddenKeyProblem(key);
        f.key = key;
        if (forbidden) return { path: path(), message: forbidden, offset: i };
        if (checkDuplicates) {
          f.keys ??= new Map();
          const first = f.keys.get(key);
          if (first !== undefined) {
            const at = lineColumn(text, first);
            return { path: path(), message: `duplicate key ${JSON.stringify(key)} (first at line ${at.line}, column ${at.column}); JSON keeps only the last one, so remove one`, offset: i };
          }
          f.keys.set(key, i);
        }
        expectKey = false;
      }
      i = end - 1;
    } else if (c === 0x7b /* { */) {
      stack.push({ kind: 'object', keys: null, key: '' });
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      stack.push({ kind: 'array', index: 1 });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const f = stack[stack.length - 1];
      if (f?.kind === 'object') expectKey = true;
      else if (f) f.index++;
    }
  }
  return undefined;
}
