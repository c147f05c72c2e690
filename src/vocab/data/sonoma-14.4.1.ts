// macOS 14.4.1 Sonoma (23E224) vocabulary.
//
// Names and ids: libsandbox `_operation_names` (196) and filter table (93) as extracted by Protonk/sandbox-boostrap
// (shared/data/vocab/ops.json, filters.json) — evidence B. Fallback tree and terminal decisions: research/semantics.md
// §2.2-2.3: operations that Catalina already had keep Catalina's parent / fixed decision (B: 0xbf00/simbple's
// extraction of the 10.15 table, assumed unchanged), new families are inferred from name and position (I), and
// the message-filter family plus syscall-mach/-mig and process-exec-update-label are presumed fixed allow (H).
// Per-operation filter categories and modifiers: Catalina's table where the operation existed (B), otherwise
// derived from the nearest Catalina family or from the filter the operation was evidently made for (I).
// Rule kept throughout: accept a filter unless a source says otherwise (a false "does not apply" on a real
// profile is worse than a missed one).

import type { Vocabulary } from '../types.js';
import { buildFilters, buildOperations, cls, mod, type FilterRow, type OpRow } from './build.js';
import { catalinaFilterRows, catalinaModifierShorthands, catalinaModifiers, catalinaOperationAliases } from './catalina-10.15.js';
import * as D from './darwin.js';

const BASE = ['extension', 'process', 'system'];
const FILE = cls(BASE, ['path', 'file-mode', 'vnode-type', 'device', 'fs']);
const NET = cls(BASE, ['socket', 'network', 'path', 'file-mode', 'vnode-type', 'fs']);
const EXEC = cls(BASE, ['path', 'file-mode', 'fs']);
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

/** Operation known to Catalina: parent/fixed and filter categories from its table. */
function cat(name: string, parent: string, classes: string[], modifiers: string[] = M): OpRow {
  return { name, parent, evidence: 'B', classes, classesEvidence: 'B', modifiers };
}
/** Operation whose parent or categories are inferred (I) or presumed (H). */
function inf(name: string, parent: string, classes: string[], evidence: 'I' | 'H' = 'I', modifiers: string[] = M): OpRow {
  return { name, parent, evidence, classes, classesEvidence: 'I', modifiers };
}
/** Catalina operation whose categories were extended with a Sonoma-only filter category. */
function ext(name: string, parent: string, classes: string[]): OpRow {
  return { name, parent, evidence: 'B', classes, classesEvidence: 'I', modifiers: M };
}

const operations: OpRow[] = [
  cat('default', '=deny', BASE),
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
  // Fixed allow, inferred from compiled bytes: Sonoma's bsd.sb (n = 28) and airlock.sb both route file-lock to the
  // shared allow terminal in their witnessed op tables (data/witnessed-blobs/golden_sys_bsd, golden_sys_airlock),
  // and bsd.sb has no file-lock rule in any published version.
  inf('file-lock', '=allow', FILE),
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
  inf('fs-quota*', 'default', FILE),
  inf('fs-quota-get', 'fs-quota*', FILE),
  inf('fs-quota-on', 'fs-quota*', FILE),
  inf('fs-quota-off', 'fs-quota*', FILE),
  inf('fs-quota-set*', 'fs-quota*', FILE),
  inf('fs-quota-set-limits', 'fs-quota-set*', FILE),
  inf('fs-quota-set-usage', 'fs-quota-set*', FILE),
  inf('fs-quota-stat', 'fs-quota*', FILE),
  inf('fs-quota-sync', 'fs-quota*', FILE),
  cat('fs-rename', 'default', BASE),
  ext('fs-snapshot*', 'default', SNAPSHOT),
  ext('fs-snapshot-create', 'fs-snapshot*', SNAPSHOT),
  ext('fs-snapshot-delete', 'fs-snapshot*', SNAPSHOT),
  inf('fs-snapshot-mount', 'fs-snapshot*', SNAPSHOT),
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
  inf('iokit-open-service', 'iokit-open*', cls(BASE, IOKIT_CLIENT)),
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
  { ...cat('job-creation', '=deny', cls(BASE, ['path'])), classesEvidence: 'A' },
  cat('lsopen', 'default', BASE),
  cat('mach*', 'default', BASE),
  // Apple's 10.10 table had mach-bootstrap under mach* with the default categories (A for 10.10).
  inf('mach-bootstrap', 'mach*', BASE),
  cat('mach-cross-domain-lookup', '=allow', cls(BASE, ['mach'])),
  inf('mach-derive-port', 'mach*', cls(BASE, ['mach-derive'])),
  cat('mach-host*', 'mach*', BASE),
  cat('mach-host-exception-port-set', 'mach-host*', BASE),
  cat('mach-host-special-port-set', 'mach-host*', cls(BASE, ['mach-special-port'])),
  cat('mach-issue-extension', 'mach*', cls(BASE, ['mach', 'extension-class'])),
  inf('mach-kernel-endpoint', 'mach*', cls(BASE, ['mach', 'message', 'syscall'])),
  cat('mach-lookup', 'mach*', cls(BASE, ['mach'])),
  cat('mach-priv*', 'mach*', BASE),
  cat('mach-priv-host-port', 'mach-priv*', BASE),
  cat('mach-priv-task-port', 'mach-priv*', cls(BASE, ['path', 'target'])),
  cat('mach-register', 'mach*', cls(BASE, ['mach'])),
  inf('mach-task*', 'mach*', TARGET),
  inf('mach-task-inspect', 'mach-task*', TARGET),
  // Catalina: mach-task-name -> mach* with the target category; the new family takes the parent role (I).
  { ...cat('mach-task-name', 'mach-task*', TARGET), evidence: 'I' },
  inf('mach-task-read', 'mach-task*', TARGET),
  inf('mach-task-special-port*', 'mach-task*', cls(TARGET, ['mach-special-port'])),
  inf('mach-task-special-port-get', 'mach-task-special-port*', cls(TARGET, ['mach-special-port'])),
  inf('mach-task-special-port-set', 'mach-task-special-port*', cls(TARGET, ['mach-special-port'])),
  inf('necp-client-open', 'default', cls(BASE, ['necp'])),
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
  inf('process-codesigning', 'process*', cls(TARGET, ['codesigning'])),
  cat('process-exec*', 'process*', EXEC, M_EXEC),
  cat('process-exec-interpreter', 'process-exec*', EXEC, M_EXEC),
  cat('process-fork', 'process*', BASE),
  cat('process-info*', '=allow', BASE),
  cat('process-info-codesignature', '=allow', TARGET),
  cat('process-info-dirtycontrol', 'process-info*', TARGET),
  inf('process-info-ledger', 'process-info*', TARGET),
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
  inf('socket-option-get', 'socket-option*', cls(BASE, ['socket', 'socket-option'])),
  inf('socket-option-set', 'socket-option*', cls(BASE, ['socket', 'socket-option'])),
  inf('syscall*', 'default', SYSCALL, 'I', M_SYSCALL),
  // Catalina: syscall-unix is terminal (allow) with only system/process/syscall filters.
  cat('syscall-unix', '=allow', SYSCALL, M_SYSCALL),
  inf('syscall-mach', '=allow', SYSCALL, 'H', M_SYSCALL),
  inf('syscall-mig', '=allow', SYSCALL, 'H', M_SYSCALL),
  cat('sysctl*', 'default', cls(BASE, ['sysctl'])),
  cat('sysctl-read', 'sysctl*', cls(BASE, ['sysctl'])),
  cat('sysctl-write', 'sysctl*', cls(BASE, ['sysctl'])),
  cat('system*', 'default', BASE),
  cat('system-acct', 'system*', BASE),
  cat('system-audit', 'system*', BASE),
  cat('system-automount', 'system*', cls(BASE, ['path'])),
  cat('system-debug', 'system*', TARGET),
  inf('system-fcntl', 'system*', cls(BASE, ['fcntl'])),
  cat('system-fsctl', 'system*', cls(BASE, ['fsctl'])),
  cat('system-info', 'system*', cls(BASE, ['info'])),
  inf('system-kas-info', 'system*', cls(BASE, ['kas-info'])),
  cat('system-kext*', 'system*', BASE),
  cat('system-kext-load', 'system-kext*', cls(BASE, ['kext-bundle-id'])),
  cat('system-kext-unload', 'system-kext*', cls(BASE, ['kext-bundle-id'])),
  cat('system-kext-query', 'system-kext*', BASE),
  inf('system-mac*', 'system*', cls(BASE, ['mac-syscall'])),
  // Catalina's parent (system*) kept; the new system-mac* family may have adopted it (I).
  cat('system-mac-label', 'system*', BASE),
  inf('system-mac-syscall', 'system-mac*', cls(BASE, ['mac-syscall'])),
  inf('system-memorystatus-control', 'system*', cls(BASE, ['memorystatus'])),
  inf('system-necp-client-action', 'system*', cls(BASE, ['necp'])),
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
  inf('process-exec-update-label', '=allow', EXEC, 'H', M_EXEC),
  // Message-filter family (ids 190..195): outside the 190-slot op table, used inside apply-message-filter.
  { ...inf('default-message-filter', '=allow',
    cls(BASE, ['mach', 'message', 'syscall', 'iokit-method', 'iokit-trap'], IOKIT_CLIENT), 'H'), notInOpTable: true },
  { ...inf('iokit-async-external-method', '=allow', cls(BASE, ['iokit-method'], IOKIT_CLIENT), 'H'), notInOpTable: true },
  { ...inf('iokit-external-method', '=allow', cls(BASE, ['iokit-method'], IOKIT_CLIENT), 'H'), notInOpTable: true },
  { ...inf('iokit-external-trap', '=allow', cls(BASE, ['iokit-trap'], IOKIT_CLIENT), 'H'), notInOpTable: true },
  { ...inf('mach-message-send', '=allow', cls(BASE, ['mach', 'message']), 'H'), notInOpTable: true },
  { ...inf('xpc-message-send', '=allow', cls(BASE, ['mach', 'message']), 'H'), notInOpTable: true },
];

const I = 'I' as const;
const filters: FilterRow[] = [
  ...catalinaFilterRows(D.IP_PROTOCOLS, D.PRIVILEGES_SONOMA, D.SYSCALLS_SONOMA),
  // 65.. : Catalina's syscall-mask is gone; the rest shift down by one, then Sonoma's additions (argKind and
  // category inferred from the name and from the operation each was evidently made for).
  { name: 'require-target-with-entitlement', argKind: 'entitlement', mode: 'value', classes: ['target'], evidence: 'B' },
  { name: 'iokit-registry-entry-attribute', argKind: 'symbol', mode: 'value',
    classes: ['iokit-registry-entry-class', 'iokit-user-client'], evidence: 'B', values: D.IOKIT_REGISTRY_ENTRY_ATTRIBUTES },
  { name: 'user-intent-extension', argKind: 'none', mode: 'value', classes: ['extension'], evidence: 'B' },
  { name: 'snapshot-name', argKind: 'string', mode: 'pattern', classes: ['snapshot'], evidence: I },
  { name: 'mach-derived-port-role', argKind: 'integer', mode: 'value', classes: ['mach-derive'], evidence: I },
  { name: 'message-number', argKind: 'integer', mode: 'value', classes: ['message'], evidence: I },
  { name: 'message-name', argKind: 'string', mode: 'pattern', classes: ['message'], evidence: I },
  { name: 'iokit-method-number', argKind: 'integer', mode: 'value', classes: ['iokit-method'], evidence: I },
  { name: 'iokit-trap-number', argKind: 'integer', mode: 'value', classes: ['iokit-trap'], evidence: I },
  { name: 'machtrap-number', argKind: 'integer', mode: 'value', classes: ['syscall'], evidence: I },
  { name: 'kernel-mig-routine', argKind: 'integer', mode: 'value', classes: ['syscall', 'message'], evidence: I },
  { name: 'iokit-user-client-type', argKind: 'integer', mode: 'value',
    classes: ['iokit-registry-entry-class', 'iokit-user-client'], evidence: I },
  { name: 'fcntl-command', argKind: 'integer', mode: 'value', classes: ['fcntl'], evidence: I },
  { name: 'socket-option-level', argKind: 'integer', mode: 'value', classes: ['socket-option'], evidence: I },
  { name: 'socket-option-name', argKind: 'integer', mode: 'value', classes: ['socket-option'], evidence: I },
  { name: 'mac-policy-name', argKind: 'string', mode: 'pattern', classes: ['mac-syscall'], evidence: I },
  { name: 'mac-syscall-number', argKind: 'integer', mode: 'value', classes: ['mac-syscall'], evidence: I },
  { name: 'necp-client-action', argKind: 'integer', mode: 'value', classes: ['necp'], evidence: I },
  { name: 'memorystatus-control-command', argKind: 'integer', mode: 'value', classes: ['memorystatus'], evidence: I },
  // Set by the enable-state-flag modifier; testable from any operation (process category, accepted everywhere).
  { name: 'state-flag', argKind: 'string', mode: 'literal', classes: ['process'], evidence: I },
  { name: 'require-responsible-binary-with-entitlement', argKind: 'entitlement', mode: 'value', classes: ['process'], evidence: I },
  { name: '%entitlement-is-bool-true', argKind: 'entitlement', mode: 'value', classes: ['process'], evidence: I },
  { name: '%entitlement-is-present', argKind: 'entitlement', mode: 'value', classes: ['process'], evidence: I },
  { name: 'task-special-port', argKind: 'integer', mode: 'value', classes: ['mach-special-port'], evidence: I,
    values: D.TASK_SPECIAL_PORTS },
  { name: 'fileprovider-syncroot-path', argKind: 'path', mode: 'literal', classes: ['path'], evidence: I },
  { name: 'mount-root-path', argKind: 'path', mode: 'literal', classes: ['path'], evidence: I },
  { name: 'codesigning-operation', argKind: 'integer', mode: 'value', classes: ['codesigning'], evidence: I },
  { name: 'kas-info-selector', argKind: 'integer', mode: 'value', classes: ['kas-info'], evidence: I },
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
    // Sonoma has no iokit-open operation, yet current profiles use the name and compile (semantics.md §2.4, H).
    'iokit-open': 'iokit-open*',
  },
  constants: {
    ...D.ADDRESS_FAMILIES, ...D.SOCKET_TYPES, ...D.IP_PROTOCOLS, ...D.SIGNALS, ...D.PRIVILEGES_SONOMA,
    ...D.SYSCALLS_SONOMA, ...D.FSCTL_COMMANDS, ...D.IOCTL_COMMANDS, ...D.CSR_FLAGS, ...D.HOST_SPECIAL_PORTS,
    ...D.TASK_SPECIAL_PORTS, ...D.PERSONA_TYPES, ...D.USB_INTERFACE_CLASSES,
  },
  // Apple's own 10.15 profiles compile with filters outside the operation's categories (subpath on mach-lookup in
  // com.apple.cmio.VDCAssistant.sb, global-name on ipc-posix-shm-* in com.apple.imagent.sb, regex on job-creation in
  // qlmanage.sb ...): the 10.11+ compiler does not reject them (A, by the shipped profiles; assumed for 14.4.1).
  filterApplicability: 'warning',
  // Compiled profiles have 190 op-table slots (ids 0..189); 190..195 live outside it (research/format.md).
  opTableSize: 190,
  // policy.scm 10.15 ("standard policy applied to all sandboxed processes"); assumed unchanged on 14.
  standardPolicy: '(allow signal (target self))\n(allow mach-task-name (target self))\n',
  sources: [
    'Protonk/sandbox-boostrap vocab ops.json / filters.json, world sonoma-14.4.1-23E224-arm64 (names, ids)',
    'research/semantics.md §2.2-2.4 (fallback tree, terminal operations, aliases)',
    '0xbf00/simbple src/platform_data/catalina/{operations.c,filters.c} @ e4211c34 (categories, argument types)',
    '0x3c3e/sandblaster misc/modifiers.json (macOS 15.2 modifiers), via research/semantics.md §1.4',
    'knightsc/sandbox_profiles sbpl1.scm / policy.scm 10.10.5-10.15.2 (aliases, modifiers, standard policy)',
    'xnu headers (signal.h, socket.h, in.h, priv.h, csr.h, *_special_ports.h, syscalls.master) for constants',
  ],
};
