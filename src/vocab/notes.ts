// The prose of the evidence table (docs/vocab-evidence.md): why each fact has the tier it has. Kept out of the
// runtime vocabulary data (src/vocab/data/), which a browser page loads with the package's root entry; only the
// evidence renderer (evidence.ts, the `sbpl-kit/vocab/evidence` subpath) and its tests read it.

/** Notes by vocabulary id, then by fact label (`operation NAME fallback`, `filter NAME argument`, `alias NAME`,
 * `standard policy`, as evidenceGaps names facts); `operation * modifiers` applies to every operation. */
export const FACT_NOTES: Record<string, Record<string, string>> = {
  'sonoma-14.4.1': {
    'operation * modifiers': "Catalina's list for the operation (or its family) plus the modifiers the macOS 15.2 table adds",
    'operation default fallback': '`default` starts as fixed deny',
    'operation darwin-notification-post fallback': "Catalina's fixed allow, and what the 14.4.1 compiles show",
    'operation dynamic-code-generation fallback': "Catalina's fixed allow, and what the 14.4.1 compiles show",
    'operation file-clone fallback': "Catalina's fixed allow, and what the 14.4.1 compiles show",
    'operation file-link fallback': "Catalina's fixed allow, and what the 14.4.1 compiles show",
    'operation file-lock fallback': 'enters the allow terminal in (deny default) compiles and in bsd.sb',
    'operation file-map-executable fallback': "Catalina's fixed allow, and what the 14.4.1 compiles show",
    'operation file-test-existence fallback': "Catalina's fixed allow, and what the 14.4.1 compiles show",
    'operation file-write-setugid fallback': "Catalina's fixed deny, and what the 14.4.1 compiles show",
    'operation fs-quota* fallback': 'enters the allow terminal in (deny default) compiles; was inferred to fall back to default',
    'operation fs-quota-get fallback': 'the decision it falls back to is witnessed (ls14-compile); the edge to fs-quota* is inferred from the name',
    'operation fs-quota-on fallback': 'the decision it falls back to is witnessed (ls14-compile); the edge to fs-quota* is inferred from the name',
    'operation fs-quota-off fallback': 'the decision it falls back to is witnessed (ls14-compile); the edge to fs-quota* is inferred from the name',
    'operation fs-quota-set* fallback': 'the decision it falls back to is witnessed (ls14-compile); the edge to fs-quota* is inferred from the name',
    'operation fs-quota-set-limits fallback': 'the decision it falls back to is witnessed (ls14-compile); the edge to fs-quota-set* is inferred from the name',
    'operation fs-quota-set-usage fallback': 'the decision it falls back to is witnessed (ls14-compile); the edge to fs-quota-set* is inferred from the name',
    'operation fs-quota-stat fallback': 'the decision it falls back to is witnessed (ls14-compile); the edge to fs-quota* is inferred from the name',
    'operation fs-quota-sync fallback': 'the decision it falls back to is witnessed (ls14-compile); the edge to fs-quota* is inferred from the name',
    'operation fs-snapshot-mount fallback': 'enters the allow terminal while fs-snapshot* enters the default; was inferred to fall back to fs-snapshot*',
    'operation iokit-get-properties fallback': "Catalina's fixed allow, and what the 14.4.1 compiles show",
    'operation iokit-open-service fallback': 'enters the allow terminal while iokit-open* and iokit-open-user-client enter the default; was inferred to fall back to iokit-open*',
    'operation job-creation fallback': "Catalina's fixed deny, and what the 14.4.1 compiles show",
    'operation job-creation filterClasses': "Apple's 10.10 table and 10.15 profiles filter job-creation by path",
    'operation mach-bootstrap fallback': 'enters the allow terminal while mach* enters the default; was inferred to fall back to mach*',
    'operation mach-cross-domain-lookup fallback': "Catalina's fixed allow, and what the 14.4.1 compiles show",
    'operation mach-derive-port fallback': 'enters the allow terminal while mach* enters the default; was inferred to fall back to mach*',
    'operation mach-kernel-endpoint fallback': 'enters the allow terminal while mach* enters the default; was inferred to fall back to mach*',
    'operation mach-task-inspect fallback': "chain mach-task-name -> mach-task-inspect -> mach-task-read (weaker port falls back to the stronger): libsandbox 14.4.1 compiles their three (target self) rules to three byte-identical nodes, mach-task-read's shared with signal, which hash-consing then edge threading gives for this chain only (ls14-compile; the parent order inspect/name is from the port strength, the bytes cannot tell it)",
    'operation mach-task-name fallback': "Catalina: mach*. chain mach-task-name -> mach-task-inspect -> mach-task-read (weaker port falls back to the stronger): libsandbox 14.4.1 compiles their three (target self) rules to three byte-identical nodes, mach-task-read's shared with signal, which hash-consing then edge threading gives for this chain only (ls14-compile; the parent order inspect/name is from the port strength, the bytes cannot tell it)",
    'operation mach-task-special-port* fallback': 'enters the allow terminal while mach-task* enters the default; was inferred to fall back to mach-task*',
    'operation mach-task-special-port-get fallback': 'the decision it falls back to is witnessed (ls14-compile); the edge to mach-task-special-port* is inferred from the name',
    'operation mach-task-special-port-set fallback': 'the decision it falls back to is witnessed (ls14-compile); the edge to mach-task-special-port* is inferred from the name',
    'operation necp-client-open fallback': 'enters the allow terminal; was inferred to fall back to default',
    'operation nvram* fallback': "Catalina's fixed allow, and what the 14.4.1 compiles show",
    'operation process-codesigning fallback': 'enters the allow terminal while process* enters the default; was inferred to fall back to process*',
    'operation process-info* fallback': "Catalina's fixed allow, and what the 14.4.1 compiles show",
    'operation process-info-codesignature fallback': "Catalina's fixed allow, and what the 14.4.1 compiles show",
    'operation process-info-ledger fallback': 'the decision it falls back to is witnessed (ls14-compile); the edge to process-info* is inferred from the name',
    'operation socket-ioctl fallback': "Catalina's fixed allow, and what the 14.4.1 compiles show",
    'operation socket-option-get fallback': 'enters the allow terminal while socket-option* enters the default; was inferred to fall back to socket-option*',
    'operation socket-option-set fallback': 'enters the allow terminal while socket-option* enters the default; was inferred to fall back to socket-option*',
    'operation syscall-unix fallback': "Catalina's fixed allow, and what the 14.4.1 compiles show",
    'operation syscall-mach fallback': 'enters the allow terminal in (deny default) compiles; was a hypothesis',
    'operation syscall-mig fallback': 'enters the allow terminal in (deny default) compiles; was a hypothesis',
    'operation system-fcntl fallback': 'enters the allow terminal while system* enters the default; was inferred to fall back to system*',
    'operation system-kas-info fallback': 'enters a deny terminal in the (allow default) compile; was inferred to fall back to system*',
    'operation system-mac-syscall fallback': 'enters the allow terminal while system-mac* enters the default; was inferred to fall back to system-mac*',
    'operation system-memorystatus-control fallback': 'enters the allow terminal while system* enters the default; was inferred to fall back to system*',
    'operation system-necp-client-action fallback': 'enters the allow terminal while system* enters the default; was inferred to fall back to system*',
    'operation system-privilege fallback': "Catalina's fixed allow, and what the 14.4.1 compiles show",
    'operation storage-class-map fallback': "Catalina's fixed deny, and what the 14.4.1 compiles show",
    'operation process-exec-update-label fallback': 'enters the allow terminal in (deny default) compiles; was a hypothesis',
    'operation default-message-filter fallback': 'outside the 190-slot op table, so no compiled profile shows its decision; presumed fixed allow because (deny default) profiles run ordinary IPC without rules for it',
    'operation iokit-async-external-method fallback': 'outside the 190-slot op table, so no compiled profile shows its decision; presumed fixed allow because (deny default) profiles run ordinary IPC without rules for it',
    'operation iokit-external-method fallback': 'outside the 190-slot op table, so no compiled profile shows its decision; presumed fixed allow because (deny default) profiles run ordinary IPC without rules for it',
    'operation iokit-external-trap fallback': 'outside the 190-slot op table, so no compiled profile shows its decision; presumed fixed allow because (deny default) profiles run ordinary IPC without rules for it',
    'operation mach-message-send fallback': 'outside the 190-slot op table, so no compiled profile shows its decision; presumed fixed allow because (deny default) profiles run ordinary IPC without rules for it',
    'operation xpc-message-send fallback': 'outside the 190-slot op table, so no compiled profile shows its decision; presumed fixed allow because (deny default) profiles run ordinary IPC without rules for it',
    'filter user-intent-extension argument': 'Catalina: no argument; macOS 15.2 says string and iOS 17 integer: kept as Catalina has it (sources disagree)',
    'alias sysctl-write': 'bound after the native operation, so sysctl-write means sysctl* (10.15); not re-checked on 14',
    'alias iokit-open': 'Sonoma has no iokit-open operation, yet current profiles use the name and compile',
    'standard policy': "10.15's signal and mach-task-name rules (documented), and mach-task-inspect / mach-task-read: the (deny default) compiles send exactly these four operations to a (target self) test",
  },
  'catalina-10.15': {
    'operation job-creation filterClasses': "Apple's 10.10 table and 10.15 profiles filter job-creation by path",
  },
};

/** What each vocabulary was read from, strongest first (the per-table detail is in src/vocab/README.md). */
export const VOCAB_READ_FROM: Record<string, string[]> = {
  'sonoma-14.4.1': [
    'Protonk/sandbox-boostrap vocab ops.json / filters.json, world sonoma-14.4.1-23E224-arm64 (names, ids)',
    "libsandbox 14.4.1's own compiled op tables (sandbox-boostrap encoder write traces; fixed decisions, standard policy)",
    '0x3c3e/sandblaster misc/filters.json (macOS 15.2), chensokolovsky/sandblaster_26 filters.json (iOS 17) (argument kinds)',
    'docs/semantics.md §2.2-2.4 (fallback tree, terminal operations, aliases)',
    '0xbf00/simbple src/platform_data/catalina/{operations.c,filters.c} @ e4211c34 (categories, argument types)',
    '0x3c3e/sandblaster misc/modifiers.json (macOS 15.2 modifiers), via docs/semantics.md §1.4',
    'knightsc/sandbox_profiles sbpl1.scm / policy.scm 10.10.5-10.15.2 (aliases, modifiers, standard policy)',
    'xnu headers (signal.h, socket.h, in.h, priv.h, csr.h, *_special_ports.h, syscalls.master) for constants',
  ],
  'catalina-10.15': [
    '0xbf00/simbple src/platform_data/catalina/operations.c, filters.c @ e4211c34 (operation and filter tables)',
    '0xbf00/simbple src/sb/modifiers.c @ 0341a493 (modifier action sets)',
    'knightsc/sandbox_profiles sbpl1.scm 10.10.5/10.15.2, policy.scm 10.15.2 (aliases, modifiers, standard policy)',
    'xnu headers (signal.h, socket.h, priv.h, csr.h, host_special_ports.h, syscalls.master) for constants',
  ],
};

/** The note of one fact: its own (runtime data may still carry a generated one), else the table's. */
export function factNote(vocabId: string, label: string, own?: string): string | undefined {
  if (own) return own;
  const table = FACT_NOTES[vocabId];
  if (!table) return undefined;
  return table[label] ?? (label.startsWith('operation ') && label.endsWith(' modifiers') ? table['operation * modifiers'] : undefined);
}
