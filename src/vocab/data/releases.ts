// macOS 15, iOS 17 and iOS 26 vocabularies (src/vocab/data/derive.ts says how they are derived). No operation-name
// table of these releases is public in our sources, so each op-table slot is named from the blobs themselves
// (docs/formats.md, "Operation names per format"): runs of slots that keep Sonoma 14.4.1's order (its 196 names,
// karmaz95) at one offset, each pinned by anchors, slots whose graph tests a filter only that operation's family
// takes (ipc-posix-name, global-name, sysctl-name ...). test/vocab/op-slots.test.ts checks every anchor against the
// real blobs and every filter every named slot's graph tests against the Sonoma filter classes. A slot no run covers
// is op#N: the runs stop where an insertion or removal falls at a place no evidence fixes.
// Filters: iOS 17's table has Sonoma's ids (SandBlaster_26's; it spells a few differently: '' for path,
// process-name for process-path); macOS 15 and iOS 26 use the macOS 15.2 table (ids 1..92 Sonoma's, 93
// profile-flag new, kas-info-selector moved to 94, 95..97 new; for iOS 26 inferred, no iOS 26 table is public).

import type { FactSource, FilterInfo, Vocabulary } from '../types.js';
import { sonoma } from './sonoma-14.4.1.js';
import { deriveVocabulary, slotRuns, type SlotRun } from './derive.js';
import { fact } from './build.js';

/** How many of a table's slots no run names. */
const unnamed = (size: number, runs: readonly SlotRun[]) => size - runs.reduce((n, r) => n + r.to - r.from + 1, 0);

/** A run's fact: the release's blobs (anchors) + Sonoma's order (karmaz95), with why the run starts and ends where it does. */
const run = (blobs: string, note: string, extra: string[] = []): FactSource => fact('inferred', [blobs, ...extra, 'karmaz95'], note);

// iOS 17: the op table has 190 slots as Sonoma's (ios17 platform and protobox headers), and every anchor fits at
// offset 0, from dynamic-code-generation (9) to user-preference-write (187).
const IOS17_RUNS: SlotRun[] = [
  {
    from: 0, to: 189, base: 0,
    fact: run('ios-blobs', "Sonoma's 190 op-table names at offset 0 (platform profile and 573 protobox profiles)"),
    anchors: {
      9: '%entitlement-is-bool-true:allow-jit', 13: 'ioctl-command', 14: 'extension-class', 56: 'extension-class', 63: 'iokit-registry-entry-class',
      64: 'iokit-registry-entry-class', 76: 'ipc-posix-name', 77: 'ipc-posix-name', 80: 'ipc-posix-name', 89: 'global-name', 93: 'host-special-port',
      96: 'global-name', 146: 'ioctl-command', 151: 'syscall-number', 152: 'machtrap-number', 153: 'kernel-mig-routine', 154: 'sysctl-name',
      156: 'sysctl-name', 162: 'fcntl-command', 163: 'fsctl-command', 172: 'mac-policy-name', 174: 'necp-client-action', 177: 'privilege-id',
      178: 'reboot-flags', 185: 'preference-domain', 187: 'preference-domain',
    },
  },
];

export const ios17 = (): Vocabulary => deriveVocabulary(sonoma, {
  id: 'ios-17',
  displayName: 'iOS 17 (Sonoma\'s 190 slots, checked against its blobs)',
  opTableSize: 190,
  slots: slotRuns(sonoma, IOS17_RUNS),
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

// macOS 15: 192 slots = Sonoma's 190 + 2 inserted. Offset 0 up to mach-lookup (96); +1 from network-outbound
// (113, control-name; nvram-variable at 114..117 only fits nvram*..nvram-set at +1), so one operation is new
// somewhere in 97..112 (all default in the one blob: op#); +2 from signal (147, target), so the second is in
// 123..146: it is 146, whose graph tests filesystem-name, which neither pseudo-tty nor signal takes (NEW_SLOTS), the
// graph of iOS 26's new slot 149. So 113..145 is +1.
const MACOS15_RUNS: SlotRun[] = [
  {
    from: 0, to: 96, base: 0,
    fact: run('macos15-blob', 'offset 0 from boot-arg-set (3) to mach-lookup (96)'),
    anchors: {
      3: 'boot-arg', 13: 'ioctl-command', 14: 'extension-class', 24: 'xattr', 40: 'xattr', 54: 'snapshot-name', 55: 'snapshot-name',
      56: 'extension-class', 63: 'iokit-connection', 76: 'ipc-posix-name', 77: 'ipc-posix-name', 80: 'ipc-posix-name', 93: 'host-special-port', 96: 'global-name',
    },
  },
  {
    from: 113, to: 145, base: 112,
    fact: run('macos15-blob', 'offset +1 from network-outbound (113) to pseudo-tty (145), before the new slot 146'),
    anchors: { 113: 'control-name', 114: 'nvram-variable', 115: 'nvram-variable', 116: 'nvram-variable', 117: 'nvram-variable', 121: 'path', 122: 'path' },
  },
  {
    from: 147, to: 191, base: 145,
    fact: run('macos15-blob', 'offset +2 from signal (147) to process-exec-update-label (191)'),
    anchors: {
      147: 'target', 153: 'syscall-number', 154: 'machtrap-number', 155: 'kernel-mig-routine', 156: 'sysctl-name', 158: 'sysctl-name', 164: 'fcntl-command',
      179: 'privilege-id', 180: 'reboot-flags', 186: 'preference-domain', 189: 'preference-domain', 190: 'path',
    },
  },
];

export const macos15 = (): Vocabulary => deriveVocabulary(sonoma, {
  id: 'macos-15',
  displayName: `macOS 15 (192 slots, ${unnamed(192, MACOS15_RUNS)} op#N)`,
  opTableSize: 192,
  slots: slotRuns(sonoma, MACOS15_RUNS),
  slotSources: ['macos15-blob'],
  filters: macos15Filters(),
});

// iOS 26: 195 slots = Sonoma's 190 + 7 inserted - 2 removed. The anchors come from the platform profile and the
// 281 profiles of the collection; SandBlaster_26's decompilation names slots 10 and 12, and its protobox
// decompilations (op-table order) show ipc*, ipc-posix*, ipc-posix-sem* and mach-issue-extension, job-creation,
// mach-lookup with no ipc-posix-issue-extension or mach-kernel-endpoint between them.
// op#: 1..5 (one new operation before device-camera), 90 (below), 100..101 (one new beside mach-task*), 122..147 (four new in the
// process family: filters 99..101 no table names at 134..136), 149 (new: devfs, /fd, target self, right after
// pseudo-tty, as in macOS 15: NEW_SLOTS).
const IOS26_RUNS: SlotRun[] = [
  { from: 0, to: 0, base: 0, fact: run('ios-blobs', 'slot 0 is the default entry of every profile') },
  {
    from: 6, to: 66, base: 5,
    fact: run('ios-blobs', 'offset +1 from device-camera (6) to iokit-set-properties (66)'),
    published: { 10: ['sandblaster-ios26'], 12: ['sandblaster-ios26'] },
    anchors: {
      6: 'extension:webkit.camera', 7: 'extension:webkit.microphone', 8: 'notification-name', 10: '%entitlement-is-bool-true:allow-jit', 14: 'ioctl-command',
      15: 'extension-class', 19: 'filesystem-name', 25: 'xattr', 41: 'xattr', 57: 'extension-class', 61: 'iokit-property', 62: 'extension-class',
      63: 'iokit-connection', 64: 'iokit-registry-entry-class', 65: 'iokit-registry-entry-class', 66: 'iokit-property',
    },
  },
  { from: 67, to: 68, base: 66, fact: run('sandblaster-ios26-protobox', 'ipc* and ipc-posix*, the two slots between iokit-set-properties (+1) and ipc-posix-sem* (0): the protobox order has no ipc-posix-issue-extension', ['ios-blobs']) },
  {
    from: 69, to: 89, base: 69,
    fact: run('ios-blobs', 'offset 0 from ipc-posix-sem* (69) to mach-cross-domain-lookup (89)', ['sandblaster-ios26-protobox']),
    anchors: { 69: 'semaphore-owner', 70: 'semaphore-owner', 74: 'semaphore-owner', 75: 'ipc-posix-name', 76: 'ipc-posix-name', 80: 'ipc-posix-name', 89: 'global-name' },
  },
  // 90 would be mach-derive-port, but blastdoor-ids tests global-name there, which Sonoma's mach-derive-port does not take: op#90
  {
    from: 91, to: 94, base: 91,
    fact: run('ios-blobs', 'offset 0 from mach-host* (91) to mach-issue-extension (94)', ['sandblaster-ios26-protobox']),
    anchors: { 93: 'host-special-port', 94: 'extension-class' },
  },
  {
    from: 95, to: 99, base: 96,
    fact: run('ios-blobs', 'offset -1 from mach-lookup (95) to mach-register (99): no mach-kernel-endpoint', ['sandblaster-ios26-protobox']),
    anchors: { 95: 'global-name', 99: 'local-name' },
  },
  {
    from: 102, to: 121, base: 102,
    fact: run('ios-blobs', 'offset 0 from mach-task-inspect (102) to process-exec-interpreter (121)'),
    anchors: {
      102: 'target', 103: 'target', 104: 'target', 106: 'target', 109: 'remote', 110: 'socket-domain', 112: 'control-name:flow-divert', 114: 'nvram-variable',
      115: 'nvram-variable', 116: 'nvram-variable', 120: 'path', 121: 'path',
    },
  },
  { from: 148, to: 148, base: 144, fact: run('ios-blobs', 'pseudo-tty at offset +4'), anchors: { 148: '%entitlement-is-bool-true:pseudo-tty-access' } },
  {
    from: 150, to: 194, base: 145,
    fact: run('ios-blobs', 'offset +5 from signal (150) to process-exec-update-label (194)'),
    anchors: {
      150: 'target', 153: 'socket-option-name', 154: 'socket-option-name', 156: 'syscall-number', 157: 'machtrap-number', 158: 'kernel-mig-routine',
      159: 'sysctl-name', 160: 'sysctl-name', 161: 'sysctl-name', 167: 'fcntl-command', 168: 'fsctl-command', 169: 'info-type', 170: 'kas-info-selector',
      172: 'kext-bundle-id', 177: 'mac-policy-name', 178: 'memorystatus-control-command', 182: 'privilege-id', 183: 'reboot-flags', 186: 'socket-domain',
      190: 'preference-domain', 191: 'preference-domain', 192: 'preference-domain', 193: 'path',
    },
  },
];

export const ios26 = (): Vocabulary => deriveVocabulary(sonoma, {
  id: 'ios-26',
  displayName: `iOS 26 beta (195 slots, ${unnamed(195, IOS26_RUNS)} op#N)`,
  opTableSize: 195,
  slots: slotRuns(sonoma, IOS26_RUNS),
  slotSources: ['ios-blobs'],
  filters: macos15Filters(),
});

/**
 * Slots that hold an operation Sonoma does not have: their graph tests a filter (`tests`) that none of the Sonoma
 * operations the neighbouring runs leave for the slot (`not`) takes. They stay op#N; they fix where a run ends.
 */
export const NEW_SLOTS: Record<string, ReadonlyArray<{ slot: number; tests: string; not: string[] }>> = {
  'macos-15': [{ slot: 146, tests: 'filesystem-name', not: ['pseudo-tty', 'signal'] }],
  'ios-26': [{ slot: 149, tests: 'filesystem-name', not: ['pseudo-tty', 'signal'] }],
};

/** Each derived vocabulary's runs with their anchors (test/vocab/op-slots.test.ts checks them against the blobs). */
export const SLOT_RUNS: Record<string, readonly SlotRun[]> = { 'ios-17': IOS17_RUNS, 'macos-15': MACOS15_RUNS, 'ios-26': IOS26_RUNS };
