// macOS 10.15 Catalina vocabulary. Operation and filter tables as extracted from libsandbox by
// 0xbf00/simbple (src/platform_data/catalina/operations.c and filters.c, commit e4211c34): names, ids,
// TERMINAL_NODE decisions, parents, per-operation filter categories and modifiers, filter categories,
// argument types and named arguments. Aliases: Apple's sbpl1.scm (10.11-10.15, knightsc/sandbox_profiles;
// simbple src/scm/sbpl_v1.scm). Evidence 'B' unless marked.

import type { Vocabulary } from '../types.js';
import { buildFilters, buildOperations, cls, fact, mod, type FilterRow, type OpRow } from './build.js';
import * as D from './darwin.js';

// Filter categories every Catalina operation accepts (simbple default_filters).
const BASE = ['extension', 'process', 'system'];
const FILE = cls(BASE, ['path', 'file-mode', 'vnode-type', 'device', 'fs']);
const NET = cls(BASE, ['socket', 'network', 'path', 'file-mode', 'vnode-type', 'fs']);
const EXEC = cls(BASE, ['path', 'file-mode', 'fs']);
const IOKIT_PROPS = cls(BASE, ['iokit-property', 'iokit-user-client', 'iokit-connection']);

// Modifiers every Catalina operation accepts (simbple default_modifiers; `deprecated` = no-callout, partial-symbolication;
// `termination` is a shorthand for send-signal, see catalinaModifierShorthands).
const M = ['send-signal', 'report', 'no-report', 'no-callout', 'partial-symbolication', 'rootless', 'message',
  'user-approval', 'no-approval-prompt', 'authority', 'telemetry'];
const M_EXEC = [...M, 'no-sandbox', 'default-sandbox'];

const EXTRACTED = fact('extracted', ['simbple-1015']);

function op(name: string, parent: string, classes: string[], modifiers: string[] = M): OpRow {
  return { name, parent, evidence: 'B', classes, classesEvidence: 'B', modifiers,
    facts: { fallback: EXTRACTED, filterClasses: EXTRACTED, modifiers: fact('extracted', ['simbple-1015', 'simbple-modifiers']) } };
}

// Functions, not top-level tables, so a bundle that never registers Catalina (the root entry) drops them.
function operationRows(): OpRow[] {
  return [
  op('default', '=deny', BASE),
  op('appleevent-send', 'default', cls(BASE, ['ae-destination'])),
  op('authorization-right-obtain', 'default', cls(BASE, ['auth-right-name'])),
  op('boot-arg-set', 'default', cls(BASE, ['boot-arg'])),
  op('device*', 'default', BASE),
  op('device-camera', 'device*', BASE),
  op('device-microphone', 'device*', BASE),
  op('darwin-notification-post', '=allow', cls(BASE, ['notification'])),
  op('distributed-notification-post', 'default', cls(BASE, ['notification'])),
  op('dynamic-code-generation', '=allow', BASE),
  op('file*', 'default', FILE),
  op('file-chroot', 'file*', FILE),
  op('file-clone', '=allow', FILE),
  op('file-ioctl', 'file*', cls(FILE, ['ioctl'])),
  op('file-issue-extension', 'file*', cls(FILE, ['extension-class'])),
  op('file-link', '=allow', FILE),
  op('file-map-executable', '=allow', FILE),
  op('file-mknod', 'file*', FILE),
  op('file-mount', 'file*', FILE),
  op('file-mount-update', 'file-mount', FILE),
  op('file-read*', 'file*', FILE),
  op('file-read-data', 'file-read*', FILE),
  op('file-read-metadata', 'file-read*', FILE, [...M, 'no-times']),
  op('file-read-xattr', 'file-read*', cls(FILE, ['xattr'])),
  op('file-revoke', 'file*', FILE),
  op('file-search', 'file*', FILE),
  op('file-test-existence', '=allow', FILE),
  op('file-unmount', 'file*', FILE),
  op('file-write*', 'file*', FILE),
  op('file-write-acl', 'file-write*', FILE),
  op('file-write-create', 'file-write*', FILE),
  op('file-write-data', 'file-write*', FILE),
  op('file-write-finderinfo', 'file-write*', FILE),
  op('file-write-flags', 'file-write*', FILE),
  op('file-write-mode', 'file-write*', FILE),
  op('file-write-owner', 'file-write*', FILE),
  op('file-write-setugid', '=deny', FILE),
  op('file-write-times', 'file-write*', FILE),
  op('file-write-unlink', 'file-write*', FILE),
  op('file-write-xattr', 'file-write*', cls(FILE, ['xattr'])),
  op('fs-rename', 'default', BASE),
  op('fs-snapshot*', 'default', BASE),
  op('fs-snapshot-create', 'fs-snapshot*', BASE),
  op('fs-snapshot-delete', 'fs-snapshot*', BASE),
  op('fs-snapshot-revert', 'fs-snapshot*', BASE),
  op('generic-issue-extension', 'default', cls(BASE, ['extension-class'])),
  op('qtn-user', 'default', cls(BASE, ['path'])),
  op('hid-control', 'default', BASE),
  op('iokit*', 'default', BASE),
  op('iokit-issue-extension', 'iokit*', cls(BASE, ['extension-class'])),
  op('iokit-open', 'iokit*', cls(BASE, ['iokit-user-client', 'iokit-connection'])),
  op('iokit-set-properties', 'iokit*', IOKIT_PROPS),
  op('iokit-get-properties', '=allow', IOKIT_PROPS),
  op('ipc*', 'default', BASE),
  op('ipc-posix*', 'ipc*', cls(BASE, ['posix-ipc'])),
  op('ipc-posix-issue-extension', 'ipc-posix*', cls(BASE, ['posix-ipc', 'extension-class'])),
  op('ipc-posix-sem*', 'ipc-posix*', cls(BASE, ['posix-ipc', 'semaphore'])),
  op('ipc-posix-sem-create', 'ipc-posix-sem*', cls(BASE, ['posix-ipc', 'semaphore'])),
  op('ipc-posix-sem-open', 'ipc-posix-sem*', cls(BASE, ['posix-ipc', 'semaphore'])),
  op('ipc-posix-sem-post', 'ipc-posix-sem*', cls(BASE, ['posix-ipc', 'semaphore'])),
  op('ipc-posix-sem-unlink', 'ipc-posix-sem*', cls(BASE, ['posix-ipc', 'semaphore'])),
  op('ipc-posix-sem-wait', 'ipc-posix-sem*', cls(BASE, ['posix-ipc', 'semaphore'])),
  op('ipc-posix-shm*', 'ipc-posix*', cls(BASE, ['posix-ipc'])),
  op('ipc-posix-shm-read-data', 'ipc-posix-shm*', cls(BASE, ['posix-ipc'])),
  op('ipc-posix-shm-write*', 'ipc-posix-shm*', cls(BASE, ['posix-ipc'])),
  op('ipc-posix-shm-write-create', 'ipc-posix-shm-write*', cls(BASE, ['posix-ipc'])),
  op('ipc-posix-shm-write-data', 'ipc-posix-shm-write*', cls(BASE, ['posix-ipc'])),
  op('ipc-posix-shm-write-unlink', 'ipc-posix-shm-write*', cls(BASE, ['posix-ipc'])),
  op('ipc-sysv*', 'ipc*', BASE),
  op('ipc-sysv-msg', 'ipc-sysv*', BASE),
  op('ipc-sysv-sem', 'ipc-sysv*', BASE),
  op('ipc-sysv-shm', 'ipc-sysv*', BASE),
  // simbple lists no path category here, but Apple's 10.10 table did and Apple's own 10.15 profiles
  // (quicklookd-job-creation.sb, qlmanage.sb) filter job-creation by regex: path is accepted (A).
  { ...op('job-creation', '=deny', cls(BASE, ['path'])), classesEvidence: 'A',
    facts: { fallback: EXTRACTED, filterClasses: fact('documented', ['sbpl1-1010', 'apple-profiles']),
      modifiers: fact('extracted', ['simbple-1015', 'simbple-modifiers']) } },
  op('load-unsigned-code', 'default', cls(BASE, ['path', 'fs'])),
  op('lsopen', 'default', BASE),
  op('mach*', 'default', BASE),
  op('mach-cross-domain-lookup', '=allow', cls(BASE, ['mach'])),
  op('mach-host*', 'mach*', BASE),
  op('mach-host-exception-port-set', 'mach-host*', BASE),
  op('mach-host-special-port-set', 'mach-host*', cls(BASE, ['mach-special-port'])),
  op('mach-issue-extension', 'mach*', cls(BASE, ['mach', 'extension-class'])),
  op('mach-lookup', 'mach*', cls(BASE, ['mach'])),
  op('mach-priv*', 'mach*', BASE),
  op('mach-priv-host-port', 'mach-priv*', BASE),
  op('mach-priv-task-port', 'mach-priv*', cls(BASE, ['path', 'target'])),
  op('mach-register', 'mach*', cls(BASE, ['mach'])),
  op('mach-task-name', 'mach*', cls(BASE, ['target'])),
  op('network*', 'default', NET),
  op('network-inbound', 'network*', NET),
  op('network-bind', 'network-inbound', NET),
  op('network-outbound', 'network*', NET),
  op('nvram*', '=allow', cls(BASE, ['nvram'])),
  op('nvram-delete', 'nvram*', cls(BASE, ['nvram'])),
  op('nvram-get', 'nvram*', cls(BASE, ['nvram'])),
  op('nvram-set', 'nvram*', cls(BASE, ['nvram'])),
  op('opendirectory-user-modify', 'default', BASE),
  op('process*', 'default', BASE),
  op('process-codesigning-status*', 'process*', cls(BASE, ['target'])),
  op('process-codesigning-status-set', 'process-codesigning-status*', cls(BASE, ['target'])),
  op('process-codesigning-status-get', 'process-codesigning-status*', cls(BASE, ['target'])),
  op('process-exec*', 'process*', EXEC, M_EXEC),
  op('process-exec-interpreter', 'process-exec*', EXEC, M_EXEC),
  op('process-fork', 'process*', BASE),
  op('process-info*', '=allow', BASE),
  op('process-info-codesignature', '=allow', cls(BASE, ['target'])),
  op('process-info-dirtycontrol', 'process-info*', cls(BASE, ['target'])),
  op('process-info-listpids', 'process-info*', BASE),
  op('process-info-rusage', 'process-info*', cls(BASE, ['target'])),
  op('process-info-pidinfo', 'process-info*', cls(BASE, ['target'])),
  op('process-info-pidfdinfo', 'process-info*', cls(BASE, ['target'])),
  op('process-info-pidfileportinfo', 'process-info*', cls(BASE, ['target'])),
  op('process-info-setcontrol', 'process-info*', cls(BASE, ['target'])),
  op('pseudo-tty', 'default', BASE),
  op('signal', 'default', cls(BASE, ['target', 'signal'])),
  op('socket-ioctl', '=allow', cls(BASE, ['socket', 'ioctl'])),
  op('sysctl*', 'default', cls(BASE, ['sysctl'])),
  op('sysctl-read', 'sysctl*', cls(BASE, ['sysctl'])),
  op('sysctl-write', 'sysctl*', cls(BASE, ['sysctl'])),
  op('system*', 'default', BASE),
  op('system-acct', 'system*', BASE),
  op('system-audit', 'system*', BASE),
  op('system-automount', 'system*', cls(BASE, ['path'])),
  op('system-debug', 'system*', cls(BASE, ['target'])),
  op('system-fsctl', 'system*', cls(BASE, ['fsctl'])),
  op('system-info', 'system*', cls(BASE, ['info'])),
  op('system-kext*', 'system*', BASE),
  op('system-kext-load', 'system-kext*', cls(BASE, ['kext-bundle-id'])),
  op('system-kext-unload', 'system-kext*', cls(BASE, ['kext-bundle-id'])),
  op('system-kext-query', 'system-kext*', BASE),
  op('system-mac-label', 'system*', BASE),
  op('system-nfssvc', 'system*', BASE),
  op('system-package-check', 'system*', BASE),
  op('system-privilege', '=allow', cls(BASE, ['priv']), [...M, 'grant']),
  op('system-reboot', 'system*', cls(BASE, ['reboot-flags'])),
  op('system-sched', 'system*', cls(BASE, ['target'])),
  op('system-set-time', 'system*', BASE),
  op('system-socket', 'system*', cls(BASE, ['socket'])),
  op('system-suspend-resume', 'system*', BASE),
  op('system-swap', 'system*', BASE),
  op('user-preference*', 'default', cls(BASE, ['preference-domain'])),
  op('user-preference-read', 'user-preference*', cls(BASE, ['preference-domain'])),
  op('managed-preference-read', 'user-preference-read', cls(BASE, ['preference-domain'])),
  op('user-preference-write', 'user-preference*', cls(BASE, ['preference-domain'])),
  // simbple: syscall-unix takes only system/process/syscall filters and a reduced modifier set.
  op('syscall-unix', '=allow', ['system', 'process', 'syscall'],
    ['send-signal', 'report', 'no-report', 'message', 'authority', 'telemetry']),
  op('storage-class-map', '=deny', ['path'], ['assign-storage-class']),
  ];
}

const IOKIT_CLASS = ['iokit-registry-entry-class', 'iokit-user-client'];

/** Shared with the Sonoma module: filters 0..64 have the same names, order and categories there. */
export function catalinaFilterRows(socketProtocols: Record<string, number> | undefined,
  privileges: Record<string, number>, syscalls: Record<string, number>): FilterRow[] {
  const B = 'B' as const;
  const rows: FilterRow[] = [
    { name: 'path', argKind: 'path', mode: 'literal', classes: ['path'], evidence: B, extra: [
      { name: 'literal', match: 'literal' }, { name: 'path-literal', match: 'literal' },
      { name: 'prefix', match: 'prefix' }, { name: 'path-prefix', match: 'prefix' },
      { name: 'subpath', match: 'subpath' },
      { name: 'regex', match: 'regex' }, { name: 'path-regex', match: 'regex' }] },
    { name: 'mount-relative-path', argKind: 'path', mode: 'pattern', classes: ['path'], evidence: B, extra: [
      { name: 'mount-relative-literal', match: 'literal' }, { name: 'mount-relative-regex', match: 'regex' }] },
    { name: 'xattr', argKind: 'string', mode: 'pattern', classes: ['xattr'], evidence: B },
    { name: 'file-mode', argKind: 'mode', mode: 'value', classes: ['file-mode'], evidence: B },
    { name: 'ipc-posix-name', argKind: 'string', mode: 'pattern', classes: ['posix-ipc'], evidence: B },
    { name: 'global-name', argKind: 'string', mode: 'pattern', classes: ['mach'], evidence: B },
    { name: 'local-name', argKind: 'string', mode: 'pattern', classes: ['mach'], evidence: B },
    { name: 'local', argKind: 'network', mode: 'value', classes: ['network'], evidence: B,
      values: D.NETWORK_PROTOCOLS, extra: [{ name: 'from', match: 'value' }] },
    { name: 'remote', argKind: 'network', mode: 'value', classes: ['network'], evidence: B,
      values: D.NETWORK_PROTOCOLS, extra: [{ name: 'to', match: 'value' }] },
    { name: 'control-name', argKind: 'string', mode: 'pattern', classes: ['network'], evidence: B },
    { name: 'socket-domain', argKind: 'integer', mode: 'value', classes: ['socket'], evidence: B, values: D.ADDRESS_FAMILIES },
    { name: 'socket-type', argKind: 'integer', mode: 'value', classes: ['socket'], evidence: B, values: D.SOCKET_TYPES },
    { name: 'socket-protocol', argKind: 'integer', mode: 'value', classes: ['socket'], evidence: B,
      ...(socketProtocols ? { values: socketProtocols } : {}) },
    { name: 'target', argKind: 'symbol', mode: 'value', classes: ['target'], evidence: B, values: D.TARGETS },
    { name: 'fsctl-command', argKind: 'integer', mode: 'value', classes: ['fsctl'], evidence: B, values: D.FSCTL_COMMANDS },
    { name: 'ioctl-command', argKind: 'integer', mode: 'value', classes: ['ioctl'], evidence: B, values: D.IOCTL_COMMANDS },
    // Apple sbpl1.scm (10.11+): iokit-user-client-class(-regex) = iokit-registry-entry-class(-regex). The operation
    // table calls this category iokit-user-client, the filter table iokit-registry-entry-class: both are listed.
    { name: 'iokit-registry-entry-class', argKind: 'string', mode: 'pattern', classes: IOKIT_CLASS, evidence: B, extra: [
      { name: 'iokit-user-client-class', match: 'literal' }, { name: 'iokit-user-client-class-regex', match: 'regex' }] },
    { name: 'iokit-property', argKind: 'string', mode: 'pattern', classes: ['iokit-property'], evidence: B },
    { name: 'iokit-connection', argKind: 'string', mode: 'pattern', classes: ['iokit-connection'], evidence: B },
    { name: 'device-major', argKind: 'integer', mode: 'value', classes: ['device'], evidence: B },
    { name: 'device-minor', argKind: 'integer', mode: 'value', classes: ['device'], evidence: B },
    { name: 'device-conforms-to', argKind: 'string', mode: 'literal', classes: ['device'], evidence: B },
    // No argument = "com.apple.app-sandbox.read-write" (Apple sbpl1.scm 10.10); aliases from sbpl1.scm.
    { name: 'extension', argKind: 'string', mode: 'literal', classes: ['extension'], evidence: B, extra: [
      { name: 'granted-extensions', match: 'literal' }, { name: 'mach-extension', match: 'literal' }] },
    { name: 'extension-class', argKind: 'string', mode: 'pattern', classes: ['extension-class'], evidence: B },
    { name: 'appleevent-destination', argKind: 'string', mode: 'pattern', classes: ['ae-destination'], evidence: B },
    { name: 'system-attribute', argKind: 'symbol', mode: 'value', classes: ['system'], evidence: B, values: D.SYSTEM_ATTRIBUTES },
    { name: 'right-name', argKind: 'string', mode: 'pattern', classes: ['auth-right-name'], evidence: B },
    { name: 'preference-domain', argKind: 'string', mode: 'pattern', classes: ['preference-domain'], evidence: B },
    { name: 'vnode-type', argKind: 'symbol', mode: 'value', classes: ['vnode-type'], evidence: B, values: D.VNODE_TYPES },
    { name: '%entitlement-load', argKind: 'entitlement', mode: 'value', classes: ['process'], evidence: B },
    { name: '%entitlement-boolean', argKind: 'boolean', mode: 'value', classes: ['process'], evidence: B },
    { name: '%entitlement-string', argKind: 'string', mode: 'pattern', classes: ['process'], evidence: B },
    { name: 'kext-bundle-id', argKind: 'string', mode: 'pattern', classes: ['kext-bundle-id'], evidence: B },
    { name: 'info-type', argKind: 'string', mode: 'pattern', classes: ['info'], evidence: B },
    { name: 'notification-name', argKind: 'string', mode: 'pattern', classes: ['notification'], evidence: B },
    { name: 'notification-payload', argKind: 'none', mode: 'value', classes: ['notification'], evidence: B },
    { name: 'semaphore-owner', argKind: 'symbol', mode: 'value', classes: ['semaphore'], evidence: B, values: D.SEMAPHORE_OWNERS },
    { name: 'sysctl-name', argKind: 'string', mode: 'pattern', classes: ['sysctl'], evidence: B },
    { name: 'process-path', argKind: 'path', mode: 'pattern', classes: ['process'], evidence: B },
    { name: 'rootless-boot-device-filter', argKind: 'none', mode: 'value', classes: ['nvram'], evidence: B },
    { name: 'rootless-disk-filter', argKind: 'none', mode: 'value', classes: ['path'], evidence: B },
    { name: 'privilege-id', argKind: 'integer', mode: 'value', classes: ['priv'], evidence: B, values: privileges },
    { name: 'process-attribute', argKind: 'symbol', mode: 'value', classes: ['process'], evidence: B, values: D.PROCESS_ATTRIBUTES },
    { name: 'uid', argKind: 'integer', mode: 'value', classes: ['process'], evidence: B },
    { name: 'nvram-variable', argKind: 'string', mode: 'pattern', classes: ['nvram'], evidence: B },
    { name: 'csr', argKind: 'integer', mode: 'value', classes: ['system'], evidence: B, values: D.CSR_FLAGS },
    { name: 'host-special-port', argKind: 'integer', mode: 'value', classes: ['mach-special-port'], evidence: B, values: D.HOST_SPECIAL_PORTS },
    { name: 'filesystem-name', argKind: 'string', mode: 'pattern', classes: ['fs'], evidence: B },
    { name: 'boot-arg', argKind: 'string', mode: 'pattern', classes: ['boot-arg'], evidence: B },
    { name: 'xpc-service-name', argKind: 'string', mode: 'pattern', classes: ['mach'], evidence: B },
    { name: 'signing-identifier', argKind: 'string', mode: 'pattern', classes: ['process'], evidence: B },
    { name: 'signal-number', argKind: 'integer', mode: 'value', classes: ['signal'], evidence: B, values: D.SIGNALS },
    { name: 'target-signing-identifier', argKind: 'string', mode: 'pattern', classes: ['target'], evidence: B },
    { name: 'reboot-flags', argKind: 'integer', mode: 'value', classes: ['reboot-flags'], evidence: B },
    { name: 'datavault-disk-filter', argKind: 'none', mode: 'value', classes: ['path'], evidence: B },
    { name: 'extension-path-ancestor', argKind: 'none', mode: 'value', classes: ['extension'], evidence: B },
    { name: 'file-attribute', argKind: 'symbol', mode: 'value', classes: ['path'], evidence: B, values: D.FILE_ATTRIBUTES },
    { name: 'storage-class', argKind: 'string', mode: 'literal', classes: ['path'], evidence: B },
    { name: 'storage-class-extension', argKind: 'none', mode: 'value', classes: ['extension'], evidence: B },
    { name: 'iokit-usb-interface-class', argKind: 'integer', mode: 'value', classes: IOKIT_CLASS, evidence: B, values: D.USB_INTERFACE_CLASSES },
    { name: 'iokit-usb-interface-subclass', argKind: 'integer', mode: 'value', classes: IOKIT_CLASS, evidence: B },
    { name: 'ancestor-signing-identifier', argKind: 'string', mode: 'pattern', classes: ['process'], evidence: B },
    { name: 'require-ancestor-with-entitlement', argKind: 'entitlement', mode: 'value', classes: ['process'], evidence: B },
    { name: 'persona-type', argKind: 'integer', mode: 'value', classes: ['process'], evidence: B, values: D.PERSONA_TYPES },
    { name: 'syscall-number', argKind: 'integer', mode: 'value', classes: ['syscall'], evidence: B, values: syscalls },
  ];
  const extracted = fact('extracted', ['simbple-1015']);
  return rows.map((r) => ({ ...r, facts: { argument: r.extra ? fact('extracted', ['simbple-1015', 'sbpl1-1015']) : extracted, classes: extracted } }));
}

const EXTRACTED_FILTER = { argument: fact('extracted', ['simbple-1015']), classes: fact('extracted', ['simbple-1015']) };
function filterRows(): FilterRow[] {
  return [
  ...catalinaFilterRows(undefined, D.PRIVILEGES_CATALINA, D.SYSCALLS_CATALINA),
  { name: 'syscall-mask', argKind: 'integer', mode: 'value', classes: ['syscall'], evidence: 'B', values: D.SYSCALLS_CATALINA, facts: EXTRACTED_FILTER },
  { name: 'require-target-with-entitlement', argKind: 'entitlement', mode: 'value', classes: ['target'], evidence: 'B', facts: EXTRACTED_FILTER },
  { name: 'iokit-registry-entry-attribute', argKind: 'symbol', mode: 'value', classes: IOKIT_CLASS, evidence: 'B',
    values: D.IOKIT_REGISTRY_ENTRY_ATTRIBUTES, facts: EXTRACTED_FILTER },
  { name: 'user-intent-extension', argKind: 'none', mode: 'value', classes: ['extension'], evidence: 'B', facts: EXTRACTED_FILTER },
  ];
}

/** Modifiers (Catalina). Action sets: simbple src/sb/modifiers.c (High Sierra table) and Apple sbpl1.scm. */
export const catalinaModifiers = [
  mod('send-signal', ['allow', 'deny'], 'signal', 'A'),
  mod('report', ['allow'], 'none', 'A'),
  mod('no-report', ['deny'], 'none', 'A', { aliases: ['no-log'] }),
  mod('no-sandbox', ['allow'], 'none', 'A', { aliases: ['no-profile'] }),
  mod('grant', ['allow'], 'none', 'A'),
  mod('rootless', ['deny'], 'none', 'B', { aliases: ['rootless-modifier'] }),
  mod('no-times', ['allow'], 'none', 'B'),
  mod('default-sandbox', ['allow'], 'string', 'B'),
  // In the 10.15 operation table; action sets not extracted: both accepted (I).
  mod('message', ['allow', 'deny'], 'string', 'I'),
  mod('user-approval', ['allow', 'deny'], 'none', 'I'),
  mod('no-approval-prompt', ['allow'], 'none', 'I'),
  mod('authority', ['allow', 'deny'], 'none', 'I'),
  mod('telemetry', ['allow', 'deny'], 'none', 'I'),
  mod('assign-storage-class', ['allow'], 'string', 'B'),
  // Apple sbpl1.scm: switch sandbox options and are dropped from the rule.
  mod('no-callout', ['allow', 'deny'], 'none', 'A', { deprecated: true }),
  mod('partial-symbolication', ['allow', 'deny'], 'none', 'A', { deprecated: true }),
];

/** Apple sbpl1.scm (10.15): (with termination) = (with send-signal SIGKILL). */
export const catalinaModifierShorthands = { termination: { name: 'send-signal', args: [D.SIGNALS.SIGKILL] } };

/** Apple sbpl1.scm aliases (10.11-10.15); null = accepted and discarded (bound to 'no-op'). */
export const catalinaOperationAliases: Record<string, string | null> = {
  'process-exec': 'process-exec*',
  'ipc-posix-shm': 'ipc-posix-shm*',
  'ipc-posix-sem': 'ipc-posix-sem*',
  // Defined after the native binding, so `sysctl-write` means sysctl* (reads included).
  'sysctl-write': 'sysctl*',
  'file-fsctl': 'system-fsctl',
  'system-misc': 'system*',
  'time-set': 'system-set-time',
  'file-unlink': 'file-write-unlink',
  'file-write-mount': 'file-mount',
  'file-write-unmount': 'file-unmount',
  'file-write-umount': 'file-unmount',
  'file-issue-extension*': 'file-issue-extension',
  'file-issue-extension-read': 'file-issue-extension',
  'file-issue-extension-write': 'file-issue-extension',
  'managed-preference*': 'managed-preference-read',
  'ipc-posix-shm-read*': 'ipc-posix-shm-read-data',
  'ipc-posix-shm-read-metadata': null,
  'mach-per-user-lookup': null,
  'system-chud': null,
  'qtn-download': null,
};

/** The Catalina vocabulary, built when first asked for (src/vocab/all.ts registers it as a loader). */
export function catalinaVocabulary(): Vocabulary {
  return {
  id: 'catalina-10.15',
  displayName: 'macOS 10.15 Catalina',
  operations: buildOperations(operationRows()),
  filters: buildFilters(filterRows()),
  modifiers: catalinaModifiers,
  modifierShorthands: catalinaModifierShorthands,
  operationAliases: catalinaOperationAliases,
  constants: D.tables(
    D.ADDRESS_FAMILIES, D.SOCKET_TYPES, D.SIGNALS, D.PRIVILEGES_CATALINA, D.SYSCALLS_CATALINA,
    D.FSCTL_COMMANDS, D.IOCTL_COMMANDS, D.CSR_FLAGS, D.HOST_SPECIAL_PORTS, D.PERSONA_TYPES,
    D.USB_INTERFACE_CLASSES,
  ),
  // Apple's own 10.15 profiles compile with filters outside the operation's categories (subpath on mach-lookup in
  // com.apple.cmio.VDCAssistant.sb, global-name on ipc-posix-shm-* in com.apple.imagent.sb, regex on job-creation in
  // qlmanage.sb ...): the 10.11+ compiler does not reject them (A, by the shipped profiles; assumed for 14.4.1).
  filterApplicability: 'warning',
  // Compiled op-table length for 10.15 not established from a public source.
  opTableSize: undefined,
  standardPolicy: '(allow signal (target self))\n(allow mach-task-name (target self))\n',
  standardPolicySource: fact('documented', ['policy-1015']),
  operationAliasSources: Object.fromEntries(Object.keys(catalinaOperationAliases).map((k) => [k, fact('documented', ['sbpl1-1015'])])),
  };
}
