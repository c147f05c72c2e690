// macOS 15, iOS 17 and iOS 26 vocabularies (src/vocab/data/derive.ts says how they are derived). Facts:
// - iOS 17: op-table size 190 (ios17 platform and protobox headers), the same as Sonoma 14.4.1, its release twin;
//   the slots its platform profile rules agree with Sonoma's (dynamic-code-generation 9, file-chroot 11 are its
//   first ruled slots, as in Sonoma's numbering). Filters: SandBlaster_26's iOS 17 table has Sonoma's ids and
//   names (SandBlaster spells a few differently: '' for path, process-name for process-path). So every slot is
//   Sonoma's name, inferred.
// - macOS 15: op-table size 192 (platform blob header), filters and modifiers from the macOS 15.2 table
//   (ids 1..92 Sonoma's, 93 profile-flag new, kas-info-selector moved to 94, 95..97 new). Slots 0..11 carried
//   from Sonoma (inferred: boot-arg-set 3 and file-chroot 11 are ruled in the platform profile, as expected of
//   those names); the two extra slots are somewhere later, so 12.. are op#N.
// - iOS 26: op-table size 195; SandBlaster's decompilation names slot 10 dynamic-code-generation and 12
//   file-chroot (one slot more than Sonoma before 10, so 1..9 are unknown); 11 is file* (between them in the
//   table's order, inferred). Filters: macOS 15.2's table, inferred (no iOS 26 table is public).

import type { FactSource, FilterInfo, Vocabulary } from '../types.js';
import { sonoma } from './sonoma-14.4.1.js';
import { deriveVocabulary, sonomaPrefix } from './derive.js';
import { fact } from './build.js';

const IOS17_SLOTS: FactSource = fact('inferred', ['ios-blobs', 'name'], 'op table of 190 as Sonoma; ruled slots 9, 11 fit');
const MACOS15_PREFIX: FactSource = fact('inferred', ['macos15-blob', 'name'], 'as Sonoma; ruled slots 3, 11 fit');
const IOS26_SB: FactSource = fact('extracted', ['sandblaster-ios26']);
const IOS26_BETWEEN: FactSource = fact('inferred', ['sandblaster-ios26', 'name'], 'between slots 10 and 12');

export const ios17: Vocabulary = deriveVocabulary(sonoma, {
  id: 'ios-17',
  displayName: 'iOS 17 (inferred from Sonoma)',
  opTableSize: 190,
  slots: sonomaPrefix(sonoma, 190, IOS17_SLOTS),
  slotSources: ['ios-blobs'],
});

/** [sandblaster-15] value names (misc/filters.json `modifiers`) beyond Sonoma's for symbol filters. */
const MACOS15_VALUES: Record<string, Record<string, number>> = {
  'process-attribute': { 'is-catalyst-binary': 10, 'is-translated-binary': 11, 'is-protoboxed': 12, 'is-rsr-binary': 13, 'is-system-session-persona': 14, 'is-autoboxed': 15 },
  'file-attribute': {
    'apfs-synthetic': 13, 'apfs-preboot-volume': 14, 'apfs-recovery-volume': 15, 'apfs-enterprise-volume': 16, 'union-mounted-filesystem': 17,
    'rsr-cryptex': 18, 'has-multiple-names': 19, 'fileprovider-owned': 20, 'fileprovider-ancestor': 21, 'fileprovider-syncroot': 22,
    'home-ancestor': 224, 'network-approval-exempt': 225, 'smb-home-mount-dir': 226, 'app-bundle': 227,
    'app-bundle-containing-responsible-binary': 228, 'app-bundle-ancestor': 229, 'app-container': 230, 'app-container-ancestor': 231,
  },
};

/** The macOS 15.2 filter table: Sonoma's 1..92, then the new and moved ids (0x3c3e/sandblaster misc/filters.json). */
function macos15Filters(): FilterInfo[] {
  const byName = new Map(sonoma.filters.map((f) => [f.name, f]));
  const base = sonoma.filters.slice(0, 92);
  const fact15 = fact('extracted', ['sandblaster-15']);
  const value = (name: string, argKind: FilterInfo['argKind']): FilterInfo => ({
    id: 0,
    name,
    argKind,
    spellings: [{ name, match: argKind === 'string' ? 'literal' : 'value' }],
    // the table's categories are not read into ours: presumed to apply wherever process/system filters do
    classes: ['system'],
    evidence: 'B',
    facts: { argument: fact15, classes: fact('hypothesis', ['name']) },
  });
  const kas = byName.get('kas-info-selector');
  // value names the 15.2 table adds to Sonoma's symbol filters
  const withValues = (f: FilterInfo): FilterInfo => {
    const extra = MACOS15_VALUES[f.name];
    if (!extra) return f;
    // the 15.2 table is the authority for its release: a Sonoma name whose number it gives another name goes
    const taken = new Set(Object.values(extra));
    const kept = Object.fromEntries(Object.entries(f.values ?? {}).filter(([, n]) => !taken.has(n)));
    return { ...f, values: { ...kept, ...extra } };
  };
  return [
    ...base.map(withValues),
    value('profile-flag', 'string'),
    kas ?? value('kas-info-selector', 'integer'),
    value('mach-exception-behavior', 'integer'),
    value('mach-exception-type', 'integer'),
    value('check-operation', 'string'),
  ];
}

export const macos15: Vocabulary = deriveVocabulary(sonoma, {
  id: 'macos-15',
  displayName: 'macOS 15 (192 slots, most op#N)',
  opTableSize: 192,
  slots: sonomaPrefix(sonoma, 12, MACOS15_PREFIX),
  slotSources: ['macos15-blob'],
  filters: macos15Filters(),
});

export const ios26: Vocabulary = deriveVocabulary(sonoma, {
  id: 'ios-26',
  displayName: 'iOS 26 beta (195 slots, most op#N)',
  opTableSize: 195,
  slots: {
    0: { name: 'default', fact: fact('inferred', ['ios-blobs']) },
    10: { name: 'dynamic-code-generation', fact: IOS26_SB },
    11: { name: 'file*', fact: IOS26_BETWEEN },
    12: { name: 'file-chroot', fact: IOS26_SB },
  },
  slotSources: ['ios-blobs'],
  filters: macos15Filters(),
});
