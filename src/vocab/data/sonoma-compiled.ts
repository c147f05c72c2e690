// What libsandbox 14.4.1 itself compiles, read from its real output (source key `ls14-compile`, see sources.ts).
//
// An op-table entry of a compiled profile names the first node evaluated for that operation. An operation with no
// rule of its own enters its parent's graph, or — for a terminal operation — a terminal holding its fixed decision.
// So in an `(allow default)` profile every operation that falls back to `default` enters the allow terminal and
// only fixed-deny operations (or ones under a fixed-deny ancestor) enter a deny terminal; in a `(deny default)`
// profile the fixed-allow operations (or ones under a fixed-allow ancestor) enter the allow terminal. The lists
// below are those entries, for ids 0..189 (190..195 have no op-table slot). Every other operation entered the
// default's terminal. Six `(deny default)` profiles (pair_* in the source: one network-outbound rule each) agree
// on every entry but network-outbound's own.
//
// These are observations, not the vocabulary: the fallback tree in sonoma-14.4.1.ts must agree with them
// (test/vocab/evidence.test.ts), and the bytes are re-read from ../shared where present
// (test/vocab/compiled-evidence.test.ts).

export interface CompiledNoRuleEvidence {
  /** Source key (sources.ts). */
  source: string;
  /** `(allow default)`: the operations that enter a deny terminal. */
  allowDefaultDenied: readonly string[];
  /** `(deny default)`: the operations that enter the allow terminal. */
  denyDefaultAllowed: readonly string[];
  /** `(deny default)`: the operations that enter a `(target self)` test (target filter, value 1 = self). */
  denyDefaultTargetSelf: readonly string[];
  /** `(deny default)`: operations whose entry is a rule of the profile or of the compiler (not evidence here). */
  denyDefaultRuled: readonly string[];
  /** Operations every one of these profiles has a rule for (`default`): their entries show the rule. */
  ruledInAll: readonly string[];
}

export const SONOMA_COMPILED: CompiledNoRuleEvidence = {
  source: 'ls14-compile',
  allowDefaultDenied: ['file-write-setugid', 'job-creation', 'system-kas-info', 'storage-class-map'],
  denyDefaultAllowed: [
    'darwin-notification-post', 'dynamic-code-generation', 'file-clone', 'file-link', 'file-lock', 'file-map-executable',
    'file-test-existence', 'fs-quota*', 'fs-quota-get', 'fs-quota-on', 'fs-quota-off', 'fs-quota-set*',
    'fs-quota-set-limits', 'fs-quota-set-usage', 'fs-quota-stat', 'fs-quota-sync', 'fs-snapshot-mount',
    'iokit-get-properties', 'iokit-open-service', 'mach-bootstrap', 'mach-cross-domain-lookup', 'mach-derive-port',
    'mach-kernel-endpoint', 'mach-task-special-port*', 'mach-task-special-port-get', 'mach-task-special-port-set',
    'necp-client-open', 'nvram*', 'nvram-delete', 'nvram-get', 'nvram-set', 'process-codesigning', 'process-info*',
    'process-info-codesignature', 'process-info-dirtycontrol', 'process-info-ledger', 'process-info-listpids',
    'process-info-rusage', 'process-info-pidinfo', 'process-info-pidfdinfo', 'process-info-pidfileportinfo',
    'process-info-setcontrol', 'socket-ioctl', 'socket-option-get', 'socket-option-set', 'syscall-unix', 'syscall-mach',
    'syscall-mig', 'system-fcntl', 'system-mac-syscall', 'system-memorystatus-control', 'system-necp-client-action',
    'system-privilege', 'process-exec-update-label',
  ],
  denyDefaultTargetSelf: ['mach-task-inspect', 'mach-task-name', 'mach-task-read', 'signal'],
  // The profile's own rule, and the compiler's implicit flow-divert control-name test in front of it.
  denyDefaultRuled: ['network-outbound'],
  ruledInAll: ['default'],
};
