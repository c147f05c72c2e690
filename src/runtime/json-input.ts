// JSON inputs, parsed strictly: a syntax error, a duplicate key (JSON.parse silently keeps the last one) or a
// key such as "__proto__" is an error naming file, line, column and JSON path. One linear scan after the
// native parse finds the key problems.

import { StageError } from '../diagnostics/diagnostic.js';
import { formatJsonPath, jsonSyntaxLocation, offsetToLocation, type JsonPath } from './json-location.js';
import { findKeyProblem, forbiddenKeyProblem } from '../diagnostics/json-keys.js';

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

export { findKeyProblem, type KeyProblem } from '../diagnostics/json-keys.js';

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
