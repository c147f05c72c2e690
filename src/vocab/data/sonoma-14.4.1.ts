// macOS 14.4.1 Sonoma (23E224) vocabulary. Every fact carries its tier and source (OperationInfo.facts,
// FilterInfo.facts; keys in ./sources.ts); docs/vocab-evidence.md is the table of them all.
//
// Names and ids: libsandbox `_operation_names` (196) and filter table (93) as extracted by Protonk/sandbox-boostrap
// (`ops.json`, `filters.json`; docs/semantics.md §9). Fallback tree and terminal decisions: Catalina's parent / fixed
// decision where the operation existed (carried: 0xbf00/simbple's extraction of the 10.15 table), new families
// inferred from name and position — checked against what libsandbox 14.4.1 itself compiles (./sonoma-compiled.ts):
// every fixed decision those op tables show is `witnessed`, and every inferred edge they contradicted was changed
// (docs/vocab-evidence.md, "Changes"). Per-operation filter categories and modifiers: Catalina's table where the
// operation existed, otherwise derived from the nearest Catalina family or from the filter the operation was
// evidently made for. Rule kept throughout: accept a filter unless a source says otherwise (a false "does not
// apply" on a real profile is worse than a missed one).

import type { FactSource, OperationFacts, Vocabulary } from '../types.js';
import { buildFilters, buildOperations, cls, fact, gradeOf, mod, type FilterRow, type OpRow } from './build.js';
import { catalinaFilterRows, catalinaModifierShorthands, catalinaModifiers, catalinaOperationAliases } from './catalina-10.15.js';
import * as D from './darwin.js';
import { SONOMA_COMPILED } from './sonoma-compiled.js';

const BASE = ['extension', 'process', 'system'];
const FILE = cls(BASE, ['path', 'file-mode', 'vnode-type', 'device', 'fs']);
const NET = cls(BASE, ['socket', 'network', 'path', 'file-mode', 'vnode-type', 'fs']);
// vnode-type: Catalina's exec categories lack it, but Apple's iOS 17 platform blob (Sonoma's op table) and the iOS
// 26 one test it under process-exec*, process-exec-interpreter and process-exec-update-label (test/vocab/op-slots.test.ts)
const EXEC = cls(BASE, ['path', 'file-mode', 'fs', 'vnode-type']);
const IOKIT_CLIENT = ['iokit-user-client', 'iokit-registry-entry-class', 'iokit-connection'];
const IOKIT_PROPS = cls(BASE, ['iokit-property'], IOKIT_CLIENT);
const POSIX = cls(BASE, ['posix-ipc']);
const SEM = cls(POSIX, ['semaphore']);
const TARGET = cls(BASE, ['target']);
const SNAPSHOT = cls(BASE, ['snapshot']);
const PREF = cls(BASE, ['preference-domain']);
const SYSCALL = ['system', 'process', 'syscall'];

// Modifiers: Catalina's general set plus the ones the 15.2 table (0x3c3e/sandblaster) adds, accepted everywhere.
const M = ['send-signal', 'report', 'no-report', 'no-callout', 'partial-symbolication', 'rootless', 'message',
  'user-approval', 'no-approval-prompt', 'authority', 'telemetry', 'telemetry-backtrace', 'errno',
  'message-filter', 'no-storage-class', 'enable-state-flag'];
const M_EXEC = [...M, 'no-sandbox', 'default-sandbox'];
const M_SYSCALL = ['send-signal', 'report', 'no-report', 'message', 'authority', 'telemetry', 'telemetry-backtrace', 'errno'];
const MODIFIERS_FACT = fact('inferred', ['simbple-1015', 'sandblaster-15']);

const CARRIED = fact('carried', ['simbple-1015']);
const NAMED = fact('inferred', ['name']);
/** Catalina's exec categories plus vnode-type, which the iOS 17 blobs test under these operations. */
const EXEC_CLASSES = fact('inferred', ['simbple-1015', 'ios-blobs']);

function row(name: string, parent: string, classes: string[], modifiers: string[], facts: OperationFacts): OpRow {
  return { name, parent, evidence: gradeOf(facts.fallback), classes, classesEvidence: gradeOf(facts.filterClasses!), modifiers, facts };
}
/** Operation known to Catalina: parent/fixed and filter categories from its table. */
function cat(name: string, parent: string, classes: string[], modifiers: string[] = M): OpRow {
  return row(name, parent, classes, modifiers, { fallback: CARRIED, filterClasses: CARRIED, modifiers: MODIFIERS_FACT });
}
/** Operation whose parent or categories are inferred, or presumed (hypothesis). */
function inf(name: string, parent: string, classes: string[], tier: 'inferred' | 'hypothesis' = 'inferred', modifiers: string[] = M, sources = ['name']): OpRow {
  return row(name, parent, classes, modifiers, { fallback: fact(tier, sources), filterClasses: NAMED, modifiers: MODIFIERS_FACT });
}
/** Catalina operation whose categories were extended with a Sonoma-only filter category. */
function ext(name: string, parent: string, classes: string[]): OpRow {
  return row(name, parent, classes, M, { fallback: CARRIED, filterClasses: NAMED, modifiers: MODIFIERS_FACT });
}
/**
 * Sonoma operation whose fixed decision libsandbox 14.4.1's own op tables show (its entry in a (deny default)
 * profile is the allow terminal while the family head it was thought to fall back to enters the default).
 */
function wit(name: string, fixed: '=allow' | '=deny', classes: string[], modifiers: string[] = M, sources = ['ls14-compile']): OpRow {
  return row(name, fixed, classes, modifiers, { fallback: fact('witnessed', sources), filterClasses: NAMED, modifiers: MODIFIERS_FACT });
}
/**
 * Message-filter family (ids 190..195): no op-table slot, so no compiled profile shows their decision. Presumed fixed
 * allow: deny-default profiles run ordinary IPC with no rules for them (docs/semantics.md §2.3).
 */
function mf(name: string, classes: string[]): OpRow {
  return { ...inf(name, '=allow', classes, 'hypothesis', M), notInOpTable: true };
}
/** An operation whose no-rule decision is witnessed but whose parent edge is our inference. */
function infW(name: string, parent: string, classes: string[]): OpRow {
  return inf(name, parent, classes, 'inferred', M);
}

const operationRows: OpRow[] = [
  { ...cat('default', '=deny', BASE), evidence: 'A', facts: { fallback: fact('documented', ['sbpl1-1010', 'simbple-1015']), filterClasses: CARRIED, modifiers: MODIFIERS_FACT } },
  cat('appleevent-send', 'default', cls(BASE, ['ae-destination'])),
  cat('authorization-right-obtain', 'default', cls(BASE, ['auth-right-name'])),
  cat('boot-arg-set', 'default', cls(BASE, ['boot-arg'])),
  cat('device*', 'default', BASE),
  cat('device-camera', 'device*', BASE),
  cat('device-microphone', 'device*', BASE),
  cat('darwin-notification-post', '=allow', cls(BASE, ['notification'])),
  cat('distributed-notification-post', 'default', cls(BASE, ['notification'])),
  cat('dynamic-code-generation', '=allow', BASE),
  cat('file*', 'default', FILE),
  cat('file-chroot', 'file*', FILE),
  cat('file-clone', '=allow', FILE),
  cat('file-ioctl', 'file*', cls(FILE, ['ioctl'])),
  cat('file-issue-extension', 'file*', cls(FILE, ['extension-class'])),
  cat('file-link', '=allow', FILE),
  // bsd.sb (no file-lock rule in any published version) and every (deny default) compile send it to the allow terminal.
  wit('file-lock', '=allow', FILE, M, ['ls14-compile', 'ls14-bsd']),
  cat('file-map-executable', '=allow', FILE),
  cat('file-mknod', 'file*', FILE),
  cat('file-mount', 'file*', FILE),
  cat('file-mount-update', 'file-mount', FILE),
  cat('file-read*', 'file*', FILE),
  cat('file-read-data', 'file-read*', FILE),
  cat('file-read-metadata', 'file-read*', FILE, [...M, 'no-times']),
  cat('file-read-xattr', 'file-read*', cls(FILE, ['xattr'])),
  cat('file-revoke', 'file*', FILE),
  cat('file-search', 'file*', FILE),
  cat('file-test-existence', '=allow', FILE),
  cat('file-unmount', 'file*', FILE),
  cat('file-write*', 'file*', FILE),
  cat('file-write-acl', 'file-write*', FILE),
  cat('file-write-create', 'file-write*', FILE),
  cat('file-write-data', 'file-write*', FILE),
  cat('file-write-finderinfo', 'file-write*', FILE),
  cat('file-write-flags', 'file-write*', FILE),
  cat('file-write-mode', 'file-write*', FILE),
  cat('file-write-owner', 'file-write*', FILE),
  cat('file-write-setugid', '=deny', FILE),
  cat('file-write-times', 'file-write*', FILE),
  cat('file-write-unlink', 'file-write*', FILE),
  cat('file-write-xattr', 'file-write*', cls(FILE, ['xattr'])),
  // quotactl(2) names a path: the file family's categories (I).
  wit('fs-quota*', '=allow', FILE),
  infW('fs-quota-get', 'fs-quota*', FILE),
  infW('fs-quota-on', 'fs-quota*', FILE),
  infW('fs-quota-off', 'fs-quota*', FILE),
  infW('fs-quota-set*', 'fs-quota*', FILE),
  infW('fs-quota-set-limits', 'fs-quota-set*', FILE),
  infW('fs-quota-set-usage', 'fs-quota-set*', FILE),
  infW('fs-quota-stat', 'fs-quota*', FILE),
  infW('fs-quota-sync', 'fs-quota*', FILE),
  cat('fs-rename', 'default', BASE),
  ext('fs-snapshot*', 'default', SNAPSHOT),
  ext('fs-snapshot-create', 'fs-snapshot*', SNAPSHOT),
  ext('fs-snapshot-delete', 'fs-snapshot*', SNAPSHOT),
  wit('fs-snapshot-mount', '=allow', SNAPSHOT),
  ext('fs-snapshot-revert', 'fs-snapshot*', SNAPSHOT),
  cat('generic-issue-extension', 'default', cls(BASE, ['extension-class'])),
  cat('qtn-user', 'default', cls(BASE, ['path'])),
  cat('hid-control', 'default', BASE),
  cat('iokit*', 'default', BASE),
  cat('iokit-get-properties', '=allow', IOKIT_PROPS),
  cat('iokit-issue-extension', 'iokit*', cls(BASE, ['extension-class'])),
  // Catalina's iokit-open categories, split into the -user-client / -service pair.
  inf('iokit-open*', 'iokit*', cls(BASE, IOKIT_CLIENT)),
  inf('iokit-open-user-client', 'iokit-open*', cls(BASE, IOKIT_CLIENT)),
  wit('iokit-open-service', '=allow', cls(BASE, IOKIT_CLIENT)),
  cat('iokit-set-properties', 'iokit*', IOKIT_PROPS),
  cat('ipc*', 'default', BASE),
  cat('ipc-posix*', 'ipc*', POSIX),
  cat('ipc-posix-issue-extension', 'ipc-posix*', cls(POSIX, ['extension-class'])),
  cat('ipc-posix-sem*', 'ipc-posix*', SEM),
  cat('ipc-posix-sem-create', 'ipc-posix-sem*', SEM),
  cat('ipc-posix-sem-open', 'ipc-posix-sem*', SEM),
  cat('ipc-posix-sem-post', 'ipc-posix-sem*', SEM),
  cat('ipc-posix-sem-unlink', 'ipc-posix-sem*', SEM),
  cat('ipc-posix-sem-wait', 'ipc-posix-sem*', SEM),
  cat('ipc-posix-shm*', 'ipc-posix*', POSIX),
  cat('ipc-posix-shm-read-data', 'ipc-posix-shm*', POSIX),
  cat('ipc-posix-shm-write*', 'ipc-posix-shm*', POSIX),
  cat('ipc-posix-shm-write-create', 'ipc-posix-shm-write*', POSIX),
  cat('ipc-posix-shm-write-data', 'ipc-posix-shm-write*', POSIX),
  cat('ipc-posix-shm-write-unlink', 'ipc-posix-shm-write*', POSIX),
  cat('ipc-sysv*', 'ipc*', BASE),
  cat('ipc-sysv-msg', 'ipc-sysv*', BASE),
  cat('ipc-sysv-sem', 'ipc-sysv*', BASE),
  cat('ipc-sysv-shm', 'ipc-sysv*', BASE),
  // path: Apple's 10.10 table and Apple's 10.15 profiles (quicklookd-job-creation.sb), see catalina-10.15.ts.
  { ...cat('job-creation', '=deny', cls(BASE, ['path'])), classesEvidence: 'A',
    facts: { fallback: CARRIED, filterClasses: fact('documented', ['sbpl1-1010', 'apple-profiles']), modifiers: MODIFIERS_FACT } },
  cat('lsopen', 'default', BASE),
  cat('mach*', 'default', BASE),
  // Apple's 10.10 table had mach-bootstrap under mach* with the default categories (A for 10.10).
  wit('mach-bootstrap', '=allow', BASE),
  cat('mach-cross-domain-lookup', '=allow', cls(BASE, ['mach'])),
  wit('mach-derive-port', '=allow', cls(BASE, ['mach-derive'])),
  cat('mach-host*', 'mach*', BASE),
  cat('mach-host-exception-port-set', 'mach-host*', BASE),
  cat('mach-host-special-port-set', 'mach-host*', cls(BASE, ['mach-special-port'])),
  cat('mach-issue-extension', 'mach*', cls(BASE, ['mach', 'extension-class'])),
  wit('mach-kernel-endpoint', '=allow', cls(BASE, ['mach', 'message', 'syscall'])),
  cat('mach-lookup', 'mach*', cls(BASE, ['mach'])),
  cat('mach-priv*', 'mach*', BASE),
  cat('mach-priv-host-port', 'mach-priv*', BASE),
  cat('mach-priv-task-port', 'mach-priv*', cls(BASE, ['path', 'target'])),
  cat('mach-register', 'mach*', cls(BASE, ['mach'])),
  inf('mach-task*', 'mach*', TARGET),
  // name -> inspect -> read: the weaker task port falls back to the stronger one's rules. libsandbox 14.4.1 gives
  // inspect and name each their own byte-identical (target self) node while read and signal share one (the
  // (deny default) compiles and airlock): what hash-consing then threading (descriptor THREAD_DECIDED_TESTS)
  // makes of this chain; with siblings under mach-task* all four would share one node.
  inf('mach-task-inspect', 'mach-task-read', TARGET, 'inferred', M, ['ls14-compile', 'name']),
  // Catalina: mach-task-name -> mach* with the target category; in the new family it falls back to inspect (I).
  { ...cat('mach-task-name', 'mach-task-inspect', TARGET), evidence: 'I', facts: { fallback: fact('inferred', ['ls14-compile', 'name']), filterClasses: CARRIED, modifiers: MODIFIERS_FACT } },
  inf('mach-task-read', 'mach-task*', TARGET),
  wit('mach-task-special-port*', '=allow', cls(TARGET, ['mach-special-port'])),
  { ...infW('mach-task-special-port-get', 'mach-task-special-port*', cls(TARGET, ['mach-special-port'])) },
  { ...infW('mach-task-special-port-set', 'mach-task-special-port*', cls(TARGET, ['mach-special-port'])) },
  wit('necp-client-open', '=allow', cls(BASE, ['necp'])),
  cat('network*', 'default', NET),
  cat('network-inbound', 'network*', NET),
  cat('network-bind', 'network-inbound', NET),
  cat('network-outbound', 'network*', NET),
  cat('nvram*', '=allow', cls(BASE, ['nvram'])),
  cat('nvram-delete', 'nvram*', cls(BASE, ['nvram'])),
  cat('nvram-get', 'nvram*', cls(BASE, ['nvram'])),
  cat('nvram-set', 'nvram*', cls(BASE, ['nvram'])),
  cat('opendirectory-user-modify', 'default', BASE),
  cat('process*', 'default', BASE),
  // Replaces Catalina's process-codesigning-status* (target category) and takes codesigning-operation (I).
  wit('process-codesigning', '=allow', cls(TARGET, ['codesigning'])),
  row('process-exec*', 'process*', EXEC, M_EXEC, { fallback: CARRIED, filterClasses: EXEC_CLASSES, modifiers: MODIFIERS_FACT }),
  row('process-exec-interpreter', 'process-exec*', EXEC, M_EXEC, { fallback: CARRIED, filterClasses: EXEC_CLASSES, modifiers: MODIFIERS_FACT }),
  cat('process-fork', 'process*', BASE),
  cat('process-info*', '=allow', BASE),
  cat('process-info-codesignature', '=allow', TARGET),
  cat('process-info-dirtycontrol', 'process-info*', TARGET),
  infW('process-info-ledger', 'process-info*', TARGET),
  cat('process-info-listpids', 'process-info*', BASE),
  cat('process-info-rusage', 'process-info*', TARGET),
  cat('process-info-pidinfo', 'process-info*', TARGET),
  cat('process-info-pidfdinfo', 'process-info*', TARGET),
  cat('process-info-pidfileportinfo', 'process-info*', TARGET),
  cat('process-info-setcontrol', 'process-info*', TARGET),
  inf('process-legacy-codesigning*', 'process*', TARGET),
  inf('process-legacy-codesigning-blob-get', 'process-legacy-codesigning*', TARGET),
  inf('process-legacy-codesigning-cdhash-get', 'process-legacy-codesigning*', TARGET),
  inf('process-legacy-codesigning-entitlements-blob-get', 'process-legacy-codesigning*', TARGET),
  inf('process-legacy-codesigning-entitlements-der-blob-get', 'process-legacy-codesigning*', TARGET),
  inf('process-legacy-codesigning-identity-get', 'process-legacy-codesigning*', TARGET),
  inf('process-legacy-codesigning-status*', 'process-legacy-codesigning*', TARGET),
  inf('process-legacy-codesigning-status-get', 'process-legacy-codesigning-status*', TARGET),
  inf('process-legacy-codesigning-status-set', 'process-legacy-codesigning-status*', TARGET),
  inf('process-legacy-codesigning-teamid-get', 'process-legacy-codesigning*', TARGET),
  inf('process-legacy-codesigning-text-offset-get', 'process-legacy-codesigning*', TARGET),
  cat('pseudo-tty', 'default', BASE),
  cat('signal', 'default', cls(TARGET, ['signal'])),
  cat('socket-ioctl', '=allow', cls(BASE, ['socket', 'ioctl'])),
  inf('socket-option*', 'default', cls(BASE, ['socket', 'socket-option'])),
  wit('socket-option-get', '=allow', cls(BASE, ['socket', 'socket-option'])),
  wit('socket-option-set', '=allow', cls(BASE, ['socket', 'socket-option'])),
  inf('syscall*', 'default', SYSCALL, 'inferred', M_SYSCALL),
  // Catalina: syscall-unix is terminal (allow) with only system/process/syscall filters.
  cat('syscall-unix', '=allow', SYSCALL, M_SYSCALL),
  wit('syscall-mach', '=allow', SYSCALL, M_SYSCALL),
  wit('syscall-mig', '=allow', SYSCALL, M_SYSCALL),
  cat('sysctl*', 'default', cls(BASE, ['sysctl'])),
  cat('sysctl-read', 'sysctl*', cls(BASE, ['sysctl'])),
  cat('sysctl-write', 'sysctl*', cls(BASE, ['sysctl'])),
  cat('system*', 'default', BASE),
  cat('system-acct', 'system*', BASE),
  cat('system-audit', 'system*', BASE),
  cat('system-automount', 'system*', cls(BASE, ['path'])),
  cat('system-debug', 'system*', TARGET),
  wit('system-fcntl', '=allow', cls(BASE, ['fcntl'])),
  cat('system-fsctl', 'system*', cls(BASE, ['fsctl'])),
  cat('system-info', 'system*', cls(BASE, ['info'])),
  wit('system-kas-info', '=deny', cls(BASE, ['kas-info'])),
  cat('system-kext*', 'system*', BASE),
  cat('system-kext-load', 'system-kext*', cls(BASE, ['kext-bundle-id'])),
  cat('system-kext-unload', 'system-kext*', cls(BASE, ['kext-bundle-id'])),
  cat('system-kext-query', 'system-kext*', BASE),
  inf('system-mac*', 'system*', cls(BASE, ['mac-syscall'])),
  // Catalina's parent (system*) kept; the new system-mac* family may have adopted it (I).
  cat('system-mac-label', 'system*', BASE),
  wit('system-mac-syscall', '=allow', cls(BASE, ['mac-syscall'])),
  wit('system-memorystatus-control', '=allow', cls(BASE, ['memorystatus'])),
  wit('system-necp-client-action', '=allow', cls(BASE, ['necp'])),
  cat('system-nfssvc', 'system*', BASE),
  cat('system-package-check', 'system*', BASE),
  cat('system-privilege', '=allow', cls(BASE, ['priv']), [...M, 'grant']),
  cat('system-reboot', 'system*', cls(BASE, ['reboot-flags'])),
  cat('system-sched', 'system*', TARGET),
  cat('system-set-time', 'system*', BASE),
  cat('system-socket', 'system*', cls(BASE, ['socket'])),
  cat('system-suspend-resume', 'system*', BASE),
  cat('system-swap', 'system*', BASE),
  cat('user-preference*', 'default', PREF),
  cat('user-preference-read', 'user-preference*', PREF),
  cat('managed-preference-read', 'user-preference-read', PREF),
  cat('user-preference-write', 'user-preference*', PREF),
  cat('storage-class-map', '=deny', ['path'], ['assign-storage-class']),
  row('process-exec-update-label', '=allow', EXEC, M_EXEC, { fallback: fact('witnessed', ['ls14-compile']), filterClasses: EXEC_CLASSES, modifiers: MODIFIERS_FACT }),
  // Message-filter family (ids 190..195): outside the 190-slot op table, used inside apply-message-filter.
  mf('default-message-filter', cls(BASE, ['mach', 'message', 'syscall', 'iokit-method', 'iokit-trap'], IOKIT_CLIENT)),
  mf('iokit-async-external-method', cls(BASE, ['iokit-method'], IOKIT_CLIENT)),
  mf('iokit-external-method', cls(BASE, ['iokit-method'], IOKIT_CLIENT)),
  mf('iokit-external-trap', cls(BASE, ['iokit-trap'], IOKIT_CLIENT)),
  mf('mach-message-send', cls(BASE, ['mach', 'message'])),
  mf('xpc-message-send', cls(BASE, ['mach', 'message'])),
];

/**
 * A carried fixed decision that libsandbox 14.4.1's op tables show too is witnessed: an allow-fixed operation enters
 * the allow terminal of the (deny default) compiles, a deny-fixed one a deny terminal of the (allow default) compile.
 * (The tables cannot show a parent edge, so carried parents stay carried.)
 */
function confirmedByCompile(rows: OpRow[], opTableSize: number): OpRow[] {
  const allowed = new Set(SONOMA_COMPILED.denyDefaultAllowed);
  const denied = new Set(SONOMA_COMPILED.allowDefaultDenied);
  return rows.map((r, id) => {
    const f = r.facts?.fallback;
    if (!f || f.tier !== 'carried' || id >= opTableSize) return r;
    const seen = r.parent === '=allow' ? allowed.has(r.name) : r.parent === '=deny' ? denied.has(r.name) : false;
    if (!seen) return r;
    const fallback: FactSource = fact('witnessed', [SONOMA_COMPILED.source, ...f.sources]);
    return { ...r, evidence: gradeOf(fallback), facts: { ...r.facts!, fallback } };
  });
}

const OP_TABLE_SIZE = 190;
const operations = confirmedByCompile(operationRows, OP_TABLE_SIZE);

const I = 'I' as const;
const BOTH_NEIGHBOURS = ['sandblaster-15', 'sandblaster-ios17'];
/**
 * A Sonoma-only filter: the argument kind the macOS 15.2 and iOS 17 filter tables give it (`neighbour`), the
 * categories derived from the operation it was evidently made for (`inferred`; 15.2's category name in the note).
 */
function sonomaFilter(r: Omit<FilterRow, 'evidence' | 'facts'>, category: string, neighbours = BOTH_NEIGHBOURS): FilterRow {
  return { ...r, evidence: I, facts: {
    argument: fact('neighbour', r.values ? [...neighbours, 'xnu'] : neighbours),
    classes: fact('inferred', ['name'], `macOS 15.2 category: ${category}`),
  } };
}
/** Filters 0..64 (Catalina's table, same names and order on 14.4.1) and 65..67 (Catalina's 66..68). */
function carriedFilter(r: FilterRow): FilterRow {
  return { ...r, facts: {
    argument: fact('carried', r.values ? ['simbple-1015', 'sandblaster-15', 'xnu'] : ['simbple-1015', 'sandblaster-15']),
    classes: CARRIED,
  } };
}
const filters: FilterRow[] = [
  ...[
    ...catalinaFilterRows(D.IP_PROTOCOLS, D.PRIVILEGES_SONOMA, D.SYSCALLS_SONOMA),
    // 65.. : Catalina's syscall-mask is gone; the rest shift down by one, then Sonoma's additions.
    { name: 'require-target-with-entitlement', argKind: 'entitlement', mode: 'value', classes: ['target'], evidence: 'B' } as FilterRow,
    { name: 'iokit-registry-entry-attribute', argKind: 'symbol', mode: 'value',
      classes: ['iokit-registry-entry-class', 'iokit-user-client'], evidence: 'B', values: D.IOKIT_REGISTRY_ENTRY_ATTRIBUTES } as FilterRow,
    { name: 'user-intent-extension', argKind: 'none', mode: 'value', classes: ['extension'], evidence: 'B' } as FilterRow,
  ].map(carriedFilter),
  sonomaFilter({ name: 'snapshot-name', argKind: 'string', mode: 'pattern', classes: ['snapshot'] }, 'snapshot'),
  // A string pattern in both neighbour tables (15.2 PATTERN_LITERAL, iOS 17 string); was inferred to be an integer.
  sonomaFilter({ name: 'mach-derived-port-role', argKind: 'string', mode: 'pattern', classes: ['mach-derive'] }, 'mach-port-role'),
  sonomaFilter({ name: 'message-number', argKind: 'integer', mode: 'value', classes: ['message'] }, 'mach-message-filter'),
  sonomaFilter({ name: 'message-name', argKind: 'string', mode: 'pattern', classes: ['message'] }, 'mach-message-filter'),
  sonomaFilter({ name: 'iokit-method-number', argKind: 'integer', mode: 'value', classes: ['iokit-method'] }, 'iokit-method-filter'),
  sonomaFilter({ name: 'iokit-trap-number', argKind: 'integer', mode: 'value', classes: ['iokit-trap'] }, 'iokit-trap-filter'),
  sonomaFilter({ name: 'machtrap-number', argKind: 'integer', mode: 'value', classes: ['syscall'] }, 'machtrap'),
  sonomaFilter({ name: 'kernel-mig-routine', argKind: 'integer', mode: 'value', classes: ['syscall', 'message'] }, 'migroutine'),
  sonomaFilter({ name: 'iokit-user-client-type', argKind: 'integer', mode: 'value',
    classes: ['iokit-registry-entry-class', 'iokit-user-client'] }, 'iokit-user-client-type'),
  sonomaFilter({ name: 'fcntl-command', argKind: 'integer', mode: 'value', classes: ['fcntl'] }, 'fcntl'),
  sonomaFilter({ name: 'socket-option-level', argKind: 'integer', mode: 'value', classes: ['socket-option'] }, 'socket'),
  sonomaFilter({ name: 'socket-option-name', argKind: 'integer', mode: 'value', classes: ['socket-option'] }, 'socket'),
  sonomaFilter({ name: 'mac-policy-name', argKind: 'string', mode: 'pattern', classes: ['mac-syscall'] }, 'macf'),
  sonomaFilter({ name: 'mac-syscall-number', argKind: 'integer', mode: 'value', classes: ['mac-syscall'] }, 'macf'),
  sonomaFilter({ name: 'necp-client-action', argKind: 'integer', mode: 'value', classes: ['necp'] }, 'necp-client-action'),
  sonomaFilter({ name: 'memorystatus-control-command', argKind: 'integer', mode: 'value', classes: ['memorystatus'] }, 'memorystatus-control'),
  // Set by the enable-state-flag modifier; testable from any operation (process category, accepted everywhere).
  sonomaFilter({ name: 'state-flag', argKind: 'string', mode: 'literal', classes: ['process'] }, 'sandbox'),
  sonomaFilter({ name: 'require-responsible-binary-with-entitlement', argKind: 'entitlement', mode: 'value', classes: ['process'] }, 'process'),
  sonomaFilter({ name: '%entitlement-is-bool-true', argKind: 'entitlement', mode: 'value', classes: ['process'] }, 'process'),
  sonomaFilter({ name: '%entitlement-is-present', argKind: 'entitlement', mode: 'value', classes: ['process'] }, 'process'),
  sonomaFilter({ name: 'task-special-port', argKind: 'integer', mode: 'value', classes: ['mach-special-port'], values: D.TASK_SPECIAL_PORTS }, 'task-special-port'),
  // Path patterns like process-path (15.2 PATTERN_SUBPATH): NAME, NAME-prefix, NAME-regex; were inferred literal-only.
  sonomaFilter({ name: 'fileprovider-syncroot-path', argKind: 'path', mode: 'pattern', classes: ['path'] }, 'path', ['sandblaster-15']),
  sonomaFilter({ name: 'mount-root-path', argKind: 'path', mode: 'pattern', classes: ['path'] }, 'path', ['sandblaster-15']),
  sonomaFilter({ name: 'codesigning-operation', argKind: 'integer', mode: 'value', classes: ['codesigning'] }, 'csop', ['sandblaster-15']),
  sonomaFilter({ name: 'kas-info-selector', argKind: 'integer', mode: 'value', classes: ['kas-info'] }, 'kas-info', ['sandblaster-15']),
];

const modifiers = [
  ...catalinaModifiers.map((m) =>
    // 15.2's table lets rootless (renamed sip-override there) go with both actions; 10.15 allowed deny only.
    m.name === 'rootless' ? { ...m, actions: ['allow', 'deny'] as Array<'allow' | 'deny'>, aliases: ['rootless-modifier', 'sip-override'], evidence: I } : m),
  // In 0x3c3e/sandblaster's macOS 15.2 modifier table; presence on 14.4.1 unverified.
  mod('errno', ['deny'], 'errno', 'H'),
  mod('telemetry-backtrace', ['allow', 'deny'], 'none', I),
  mod('no-storage-class', ['allow'], 'none', I),
  mod('message-filter', ['allow'], 'none', I),
  mod('enable-state-flag', ['allow', 'deny'], 'string', I),
];

export const sonoma: Vocabulary = {
  id: 'sonoma-14.4.1',
  displayName: 'macOS 14.4.1 Sonoma (23E224)',
  operations: buildOperations(operations),
  filters: buildFilters(filters),
  modifiers,
  modifierShorthands: catalinaModifierShorthands,
  operationAliases: {
    ...catalinaOperationAliases,
    // Sonoma has no iokit-open operation, yet current profiles use the name and compile (docs/semantics.md §2.4, H).
    'iokit-open': 'iokit-open*',
  },
  constants: D.tables(
    D.ADDRESS_FAMILIES, D.SOCKET_TYPES, D.IP_PROTOCOLS, D.SIGNALS, D.PRIVILEGES_SONOMA,
    D.SYSCALLS_SONOMA, D.FSCTL_COMMANDS, D.IOCTL_COMMANDS, D.CSR_FLAGS, D.HOST_SPECIAL_PORTS,
    D.TASK_SPECIAL_PORTS, D.PERSONA_TYPES, D.USB_INTERFACE_CLASSES,
  ),
  // Apple's own 10.15 profiles compile with filters outside the operation's categories (subpath on mach-lookup in
  // com.apple.cmio.VDCAssistant.sb, global-name on ipc-posix-shm-* in com.apple.imagent.sb, regex on job-creation in
  // qlmanage.sb ...): the 10.11+ compiler does not reject them (A, by the shipped profiles; assumed for 14.4.1).
  filterApplicability: 'warning',
  // Compiled profiles have 190 op-table slots (ids 0..189); 190..195 live outside it (docs/formats.md).
  opTableSize: OP_TABLE_SIZE,
  // policy.scm 10.15's two rules, plus the two task-port flavours every (deny default) compile of 14.4.1 also routes
  // to a (target self) test (SONOMA_COMPILED.denyDefaultTargetSelf).
  standardPolicy: '(allow signal (target self))\n(allow mach-task-name (target self))\n(allow mach-task-inspect (target self))\n(allow mach-task-read (target self))\n',
  standardPolicySource: fact('witnessed', ['ls14-compile', 'policy-1015']),
  operationAliasSources: {
    ...Object.fromEntries(Object.keys(catalinaOperationAliases).map((k) => [k, fact('documented', ['sbpl1-1015'])])),
    'iokit-open': fact('hypothesis', ['name']),
  },
};
