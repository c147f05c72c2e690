// The OS vocabularies built into the root entry; adding an OS version = one data module + one line here (or in
// all.ts, for one the root entry need not carry).
// The first entry is the newest: `any` (index.ts) uses it as the base of the union.
import type { Vocabulary } from './types.js';
import { sonoma } from './data/sonoma-14.4.1.js';

/**
 * A registered vocabulary: its data, or a loader that builds it the first time it is asked for (the derived
 * releases: a command that never names one does not pay for deriving it at start-up).
 */
export type VocabularyEntry = Vocabulary | (() => Vocabulary);

export const registry: Record<string, VocabularyEntry> = {
  'sonoma-14.4.1': sonoma,
  // Catalina 10.15, macOS 15, iOS 17 and iOS 26 (the last three derived from Sonoma, data/releases.ts) join when
  // src/vocab/all.ts is imported: the `sbpl-kit/vocab` entry, the CLI, the editor and the blob decoders do; the
  // root entry (the default vocabulary only) stays within its browser budget
};

/** The data of registered vocabulary `id` (a loader runs once; its result replaces it), or undefined. */
export function registeredData(id: string): Vocabulary | undefined {
  if (!Object.prototype.hasOwnProperty.call(registry, id)) return undefined;
  const entry = registry[id];
  if (typeof entry !== 'function') return entry;
  const data = entry();
  registry[id] = data;
  return data;
}
