// JSON output of any size: the same text JSON.stringify(value, null, 2) gives, produced in chunks as the value
// is walked and written with the stream's backpressure, so a profile of 100,000 rules never has to become one
// (too long) string nor queue up in memory ahead of a slow reader.

import { once } from 'node:events';

const CHUNK = 1 << 16;

/** The text of `JSON.stringify(value, null, 2)`, in chunks of about 64 KB. */
export function* jsonChunks(value: unknown): Generator<string> {
  const parts: string[] = [];
  let size = 0;
  const out = (s: string): void => {
    parts.push(s);
    size += s.length;
  };
  // walk with an explicit stack so the generator can pause between any two pieces
  type Frame = { close: string; indent: string; items: Array<[string | null, unknown]>; at: number };
  const stack: Frame[] = [];
  const open = (v: unknown, indent: string): void => {
    const x = toJsonValue(v);
    if (Array.isArray(x)) {
      if (x.length === 0) return out('[]');
      out('[\n');
      stack.push({ close: ']', indent, items: x.map((i) => [null, i] as [string | null, unknown]), at: 0 });
    } else if (x !== null && typeof x === 'object') {
      const items = Object.keys(x)
        .map((k) => [k, toJsonValue((x as Record<string, unknown>)[k])] as [string | null, unknown])
        .filter(([, i]) => !omitted(i));
      if (items.length === 0) return out('{}');
      out('{\n');
      stack.push({ close: '}', indent, items, at: 0 });
    } else out(JSON.stringify(x) ?? 'null');
  };
  open(value, '');
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.at > 0) out(top.at < top.items.length ? ',\n' : '\n');
    if (top.at >= top.items.length) {
      stack.pop();
      out(top.indent + top.close);
      continue;
    }
    const [key, item] = top.items[top.at++];
    const inner = top.indent + '  ';
    out(key === null ? inner : `${inner}${JSON.stringify(key)}: `);
    if (key === null && omitted(toJsonValue(item))) out('null');
    else open(item, inner);
    if (size >= CHUNK) {
      yield parts.join('');
      parts.length = 0;
      size = 0;
    }
  }
  yield parts.join('');
}

/** The whole JSON text (small values, tests): exactly what jsonChunks produces. */
export function jsonText(value: unknown): string {
  return [...jsonChunks(value)].join('');
}

/** Write `value` as JSON (and a newline) to standard output, waiting for a slow reader between chunks. */
export async function writeJsonStdout(value: unknown): Promise<void> {
  for (const chunk of jsonChunks(value)) {
    if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
  }
  process.stdout.write('\n');
}

function toJsonValue(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') return (v as { toJSON(): unknown }).toJSON();
  return v;
}

/** Values JSON.stringify leaves out of objects (and writes as null in arrays). */
function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}
