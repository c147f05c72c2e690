// Plain NUL-terminated text items (entitlement keys, extension classes, names in Apple's tables).

import type { FilterInfo } from '../../vocab/index.js';
import type { FilterArgument } from '../../sbpl/profile.js';
import type { NodeTest } from '../../graph/model.js';

/** A one-alternative test of filter `f` on argument `arg` read from text, spelled as the filter's literal form. */
export function textArgumentTest(f: FilterInfo, filterId: number, arg: FilterArgument): NodeTest {
  const spelled = f.spellings.find((x) => x.match === 'literal' || x.match === 'value')?.name ?? f.name;
  return { filter: f.name, filterId, alternatives: [{ type: 'test', filter: f.name, arg, spelled }] };
}

/**
 * [X] Apple's own blobs store some string arguments as plain text, not a string program (SandBlaster's
 * string_by_offset_no_skip: extension, storage-class, entitlement keys, state-flag ...; also message texts):
 * printable bytes, NUL-terminated. Read as a literal when the program reading failed; null otherwise.
 */
export function plainText(payload: Uint8Array): string | null {
  const end = payload.length && payload[payload.length - 1] === 0 ? payload.length - 1 : payload.length;
  if (end === 0) return null;
  for (let k = 0; k < end; k++) if (payload[k] < 0x20 || payload[k] > 0x7e) return null;
  return String.fromCharCode(...payload.subarray(0, end));
}
