// JSON inputs, parsed strictly: a syntax error, a duplicate key (JSON.parse silently keeps the last one) or a
// key such as "__proto__" is an error naming file, line, column and JSON path. One linear scan after the
// native parse finds the key problems.

import { StageError } from '../diagnostics/diagnostic.js';
import { formatJsonPath, jsonSyntaxLocation, offsetToLocation, type JsonPath } from './json-location.js';
import { forbiddenKeyProblem } from './names.js';

/** A JSON input that is not acceptable; `message` is `file:line:col: $.path: detail`. */
export class JsonInputError extends StageError {
  constructor(
    readonly file: string,
    readonly path: JsonPath,
    readonly detail: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line ? `:${line}:${column}` : ''}: ${path.length ? `${formatJsonPath(path)}: ` : ''}${detail}`, 'json/invalid', 'usage');
    this.name = 'JsonInputError';
  }
}

export interface KeyProblem {
  path: JsonPath;
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
  const path = (): JsonPath => stack.map((f) => (f.kind === 'object' ? f.key : f.index - 1)).slice(0, -1);
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
            const at = offsetToLocation(text, first);
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

/** Parse JSON text strictly (see the top); throws JsonInputError. */
export function parseJsonInput(text: string, file: string, opts: { duplicates?: boolean } = {}): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const loc = jsonSyntaxLocation(text, msg);
    throw new JsonInputError(file, [], `not valid JSON: ${msg}`, loc?.line, loc?.column);
  }
  const p = findKeyProblem(text, opts);
  if (p) {
    const loc = offsetToLocation(text, p.offset);
    throw new JsonInputError(file, p.path, p.message, loc.line, loc.column);
  }
  return data;
}

/** Parse strictly, or undefined (for output of our own programs, where a bad line is just not a result). */
export function tryParseJson(text: string): unknown {
  try {
    const v = JSON.parse(text) as unknown;
    return findKeyProblem(text, { duplicates: false }) ? undefined : v;
  } catch {
    return undefined;
  }
}

/** Path of the first forbidden key in an already-parsed value (own enumerable keys, at any depth). */
export function findForbiddenKey(value: unknown, path: Array<string | number> = []): { path: JsonPath; message: string } | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findForbiddenKey(value[i], [...path, i]);
      if (p) return p;
    }
  } else if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      const m = forbiddenKeyProblem(k);
      if (m) return { path, message: m };
      const p = findForbiddenKey((value as Record<string, unknown>)[k], [...path, k]);
      if (p) return p;
    }
  }
  return undefined;
}
