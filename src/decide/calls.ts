// Probes as the system calls they make: an API call (open with O_CREAT, rename, exec, sysctlbyname, openpty ...)
// is a list of kernel checks, each one operation on one target, made in order; the call fails at the first check
// the sandbox refuses (unless the caller ignores that step's error). docs/probes.md is this table with its
// sources; the runtime predictor and `sbpl query --as CALL` both decide through it.

import { StageError } from '../diagnostics/diagnostic.js';
import type { Request, RequestFacts } from './request.js';

/** What a refused check does to the call. */
export type OnDeny =
  /** the call returns EPERM: the program sees the failure */
  | 'fails'
  /** the process dies before main (dyld could not read what it needs: SIGABRT) */
  | 'aborts'
  /** the caller ignores the error of this step and goes on */
  | 'ignored';

/**
 * How sure we are that the call makes this check here (docs/probes.md): `documented` in Apple-authored text or the
 * Apple Sandbox Guide's "Applies to" lists; `measured` at run time by a public project; `source` read from xnu's
 * open source; `hypothesis` our reading.
 */
export type CheckTier = 'documented' | 'measured' | 'source' | 'hypothesis';

export interface CallCheck {
  operation: string;
  facts: RequestFacts;
  /** What the call is doing when the kernel checks (`open(2) of the missing file`). */
  step: string;
  onDeny: OnDeny;
  tier: CheckTier;
}

/** What the user names: the call's main target, and a second path for two-path calls (rename). */
export interface CallInput {
  facts: RequestFacts;
  secondPath?: string;
}

export interface CallKind {
  name: string;
  /** The C-level call sequence. */
  summary: string;
  /** Operation whose target syntax the call's TARGET uses (src/decide/target.ts); null = takes no target. */
  targetOperation: string | null;
  /** A TARGET of the call's own kind (a kernel control name ...), when targetOperation is null. */
  readTarget?: (target: string) => RequestFacts;
  /** A second TARGET (a path) is required. */
  secondPath?: string;
  /** Other names users type for it. */
  aliases?: string[];
  /** Keys of CALL_SOURCES. */
  sources: string[];
  notes?: string[];
  checks(input: CallInput): CallCheck[];
}

/** dyld's reads before main under any profile (docs/semantics.md §4 "Loader needs"). */
export const LOADER_READS = ['/', '/System/Volumes/Preboot/Cryptexes/OS/System/Library/dyld/dyld_shared_cache_arm64e'];

/** ioctl numbers of the pty master (xnu bsd/sys/ttycom.h), low 16 bits as (_IO "t" n) computes them. */
const TIOCPTYGRANT = 0x7454; // _IO('t', 84)
const TIOCPTYUNLK = 0x7452; // _IO('t', 82)
const TIOCPTYGNAME = 0x7453; // _IOC(IOC_OUT, 't', 83, 128)
/** The slave a fresh pty gets; the name varies (ttys000, ttys001 ...), the rules that matter match the prefix. */
export const PTY_SLAVE = '/dev/ttys000';
/** Sandbox extension the kernel issues for a pty the process opened (Apple application.sb rules on /dev/ttys*). */
const PTY_EXTENSION = 'com.apple.sandbox.pty';

function on(operation: string, facts: RequestFacts, step: string, tier: CheckTier, onDeny: OnDeny = 'fails'): CallCheck {
  return { operation, facts, step, onDeny, tier };
}

function second(input: CallInput, call: string): string {
  if (!input.secondPath) throw new CallError(`${call} needs a second path (the destination)`);
  return input.secondPath;
}

export class CallError extends StageError {
  constructor(message: string) {
    super(message, 'decide/call', 'input');
    this.name = 'CallError';
  }
}

const PATH = 'file-read-data';

/** The probe table: every call kind with its checks, in the order the kernel makes them. */
export const CALLS: readonly CallKind[] = [
  {
    name: 'open-read',
    aliases: ['read', 'cat'],
    summary: 'open(path, O_RDONLY), then read(2) on the descriptor',
    targetOperation: PATH,
    sources: ['xnu-vfs', 'sandbox-guide', 'sandbox-7', 'seeds'],
    notes: ['xnu asks the MAC policies on every read(2), but the sandbox decides when the file is opened: descriptors opened before the profile applied stay readable'],
    checks: ({ facts }) => [on('file-read-data', facts, 'open(2) of the existing file for reading', 'measured')],
  },
  {
    name: 'open-write',
    aliases: ['write'],
    summary: 'open(path, O_WRONLY) of an existing file',
    targetOperation: PATH,
    sources: ['xnu-vfs', 'sandbox-guide', 'seeds'],
    checks: ({ facts }) => [on('file-write-data', facts, 'open(2) of the existing file for writing', 'measured')],
  },
  {
    name: 'open-rdwr',
    summary: 'open(path, O_RDWR) of an existing file',
    targetOperation: PATH,
    sources: ['xnu-vfs'],
    notes: ['the order of the two checks inside the one open is our guess'],
    checks: ({ facts }) => [
      on('file-read-data', facts, 'open(2) for reading and writing: the read side', 'source'),
      on('file-write-data', facts, 'open(2) for reading and writing: the write side', 'hypothesis'),
    ],
  },
  {
    name: 'open-create',
    aliases: ['create', 'creat'],
    summary: 'open(path, O_WRONLY|O_CREAT) of a missing file (the probe helper adds O_EXCL and unlinks the file afterwards)',
    targetOperation: PATH,
    sources: ['xnu-vfs', 'sandbox-guide'],
    notes: [
      'a file the call creates is not checked for file-write-data: the create check replaces the open check',
      'on an existing file O_CREAT opens it (open-write); with O_EXCL the call fails with EEXIST',
    ],
    checks: ({ facts }) => [on('file-write-create', facts, 'open(2) creates the missing file', 'source')],
  },
  {
    name: 'open-trunc',
    summary: 'open(path, O_WRONLY|O_TRUNC) of an existing file',
    targetOperation: PATH,
    sources: ['xnu-vfs', 'sandbox-guide'],
    notes: ['ftruncate(2) makes a MAC truncate check (xnu), which the sandbox decides as file-write-data (Apple Sandbox Guide); that open with O_TRUNC makes one too is our reading'],
    checks: ({ facts }) => [
      on('file-write-data', facts, 'open(2) of the existing file for writing', 'measured'),
      on('file-write-data', facts, 'the truncation O_TRUNC asks for', 'hypothesis'),
    ],
  },
  {
    name: 'stat',
    aliases: ['lstat', 'access'],
    summary: 'stat(path) (lstat: the link itself)',
    targetOperation: 'file-read-metadata',
    sources: ['sandbox-guide', 'xnu-vfs'],
    checks: ({ facts }) => [on('file-read-metadata', facts, 'stat(2) reads the attributes', 'measured')],
  },
  {
    name: 'list-dir',
    aliases: ['ls', 'readdir'],
    summary: 'opendir(dir) + readdir(3) (ls DIR; ls -l also stats each entry)',
    targetOperation: PATH,
    sources: ['sandbox-guide', 'platdiff'],
    notes: ['ls -l stats every entry: one file-read-metadata check per name'],
    checks: ({ facts }) => [on('file-read-data', { ...facts, vnodeType: facts.vnodeType ?? 'DIRECTORY' }, 'open(2) of the directory to read its entries', 'measured')],
  },
  {
    name: 'unlink',
    aliases: ['rm'],
    summary: 'unlink(path)',
    targetOperation: 'file-write-unlink',
    sources: ['sandbox-guide', 'practitioners-rename'],
    checks: ({ facts }) => [on('file-write-unlink', { ...facts, noFollow: true }, 'unlink(2) removes the name', 'measured')],
  },
  {
    name: 'rename',
    aliases: ['mv'],
    summary: 'rename(src, dst) on one volume (mv SRC DST); across volumes mv copies and unlinks instead',
    targetOperation: 'file-write-unlink',
    secondPath: 'the destination path',
    sources: ['practitioners-rename', 'srt-move-blocking'],
    notes: [
      'there is no rename operation: the source is checked as an unlink (a measured practitioner note; sandbox-runtime blocks moves with file-write-unlink rules)',
      'that the destination is checked as a create is our reading (it is a new name in its directory)',
    ],
    checks: (input) => [
      on('file-write-unlink', { ...input.facts, noFollow: true }, 'rename(2) removes the source name', 'measured'),
      on('file-write-create', { ...input.facts, path: second(input, 'rename'), noFollow: true }, 'rename(2) creates the destination name', 'hypothesis'),
    ],
  },
  {
    name: 'mkdir',
    summary: 'mkdir(path)',
    targetOperation: 'file-write-create',
    sources: ['sandbox-guide', 'xnu-vfs'],
    checks: ({ facts }) => [on('file-write-create', { ...facts, vnodeType: 'DIRECTORY' }, 'mkdir(2) creates the directory', 'source')],
  },
  {
    name: 'symlink',
    summary: 'symlink(target, path): PATH is the new link',
    targetOperation: 'file-write-create',
    sources: ['practitioners-symlink', 'xnu-vfs'],
    checks: ({ facts }) => [on('file-write-create', { ...facts, vnodeType: 'SYMLINK', noFollow: true }, 'symlink(2) creates the link', 'measured')],
  },
  {
    name: 'chmod',
    summary: 'chmod(path, mode)',
    targetOperation: 'file-write-mode',
    sources: ['sandbox-guide'],
    checks: ({ facts }) => [on('file-write-mode', facts, 'chmod(2) changes the mode bits', 'documented')],
  },
  {
    name: 'utimes',
    aliases: ['touch-existing'],
    summary: 'utimes(path) (touch of an existing file)',
    targetOperation: 'file-write-times',
    sources: ['sandbox-guide'],
    checks: ({ facts }) => [on('file-write-times', facts, 'utimes(2) sets the times', 'documented')],
  },
  {
    name: 'exec',
    aliases: ['execve', 'posix_spawn', 'spawn'],
    summary: 'execve(path) (posix_spawn, execvp after the PATH search), then dyld loads the program',
    targetOperation: 'process-exec*',
    sources: ['xnu-exec', 'sandbox-guide', 'loader-reads', 'seeds'],
    notes: [
      'a refused exec fails the call (sandbox-exec: "execvp() ... failed", exit 71); a refused dyld read kills the new program before main (SIGABRT)',
    ],
    checks: ({ facts }) => [
      on('process-exec*', facts, 'execve(2) of the program', 'measured'),
      ...LOADER_READS.map((p) => on('file-read-data', { path: p }, `dyld reads ${p === '/' ? 'the root directory' : 'the dyld shared cache'} before main`, 'measured', 'aborts')),
    ],
  },
  {
    name: 'sysctlbyname',
    aliases: ['sysctl-read'],
    summary: 'sysctlbyname(name, ...) (libc calls the sysctlbyname system call: one check per call)',
    targetOperation: 'sysctl-read',
    sources: ['sandbox-guide', 'srt-287'],
    notes: ['the probe helper calls it twice (size, then value): the same check twice'],
    checks: ({ facts }) => [on('sysctl-read', facts, 'sysctlbyname(2) reads the value', 'measured')],
  },
  {
    name: 'sysctl-cmd',
    aliases: ['sysctl'],
    summary: '/usr/sbin/sysctl NAME: looks the name up (name2oid), reads its format (oidfmt), then the value',
    targetOperation: 'sysctl-read',
    sources: ['srt-287'],
    notes: ["the metadata lookups are measured (sandbox-runtime#287); the names the sandbox sees for them (sysctl.name2oid, sysctl.oidfmt) are the kernel's own names of those nodes"],
    checks: ({ facts }) => [
      on('sysctl-read', { ...facts, sysctlName: 'sysctl.name2oid' }, 'sysctl(2) {0,3}: name to MIB', 'measured'),
      on('sysctl-read', { ...facts, sysctlName: 'sysctl.oidfmt' }, 'sysctl(2) {0,4}: the value type', 'measured'),
      on('sysctl-read', facts, 'sysctl(2) on the MIB: the value', 'measured'),
    ],
  },
  {
    name: 'mach-lookup',
    aliases: ['bootstrap_look_up', 'xpc-connect'],
    summary: 'bootstrap_look_up(name) / xpc_connection_create_mach_service(name)',
    targetOperation: 'mach-lookup',
    sources: ['sandbox-guide', 'sb-runtime'],
    checks: ({ facts }) => [on('mach-lookup', facts, 'the bootstrap lookup of the service', 'measured')],
  },
  {
    name: 'connect',
    summary: 'socket(2) then connect(2) (TCP, UDP or a unix socket path)',
    targetOperation: 'network-outbound',
    sources: ['sandbox-guide', 'apple-system-network', 'sb-runtime'],
    notes: ['creating an AF_INET, AF_INET6 or AF_UNIX socket is not checked (Apple grants system-socket only for AF_SYSTEM and AF_ROUTE while its apps use TCP)'],
    checks: ({ facts }) => [on('network-outbound', facts, 'connect(2) to the remote endpoint', 'measured')],
  },
  {
    name: 'bind',
    summary: 'socket(2), setsockopt(SO_REUSEADDR) (its error ignored), bind(2) — what the probe helper does',
    targetOperation: 'network-bind',
    sources: ['sandbox-guide', 'ls14-compile'],
    checks: ({ facts }) => [
      on('socket-option-set', { other: { 'socket-option-level': 0xffff, 'socket-option-name': 4 } }, 'setsockopt(SOL_SOCKET, SO_REUSEADDR)', 'hypothesis', 'ignored'),
      on('network-bind', facts, 'bind(2) to the local endpoint', 'documented'),
    ],
  },
  {
    name: 'listen',
    summary: 'socket(2), bind(2), listen(2): a TCP server',
    targetOperation: 'network-bind',
    sources: ['sandbox-guide'],
    checks: ({ facts }) => [
      on('network-bind', facts, 'bind(2) to the local endpoint', 'documented'),
      on('network-inbound', facts, 'listen(2) on it', 'documented'),
    ],
  },
  {
    name: 'kctl-connect',
    summary: 'socket(AF_SYSTEM, SOCK_DGRAM, SYSPROTO_CONTROL), ioctl(CTLIOCGINFO), connect(2) to a kernel control by name',
    targetOperation: null,
    readTarget: (t) => ({ controlName: t }),
    sources: ['apple-system-network'],
    notes: ['TARGET is the control name (com.apple.netsrc ...)'],
    checks: ({ facts }) => [
      on('system-socket', { socketDomain: 32, socketType: 2, socketProtocol: 2 }, 'socket(2) in AF_SYSTEM', 'documented'),
      on('socket-ioctl', { other: { 'ioctl-command': 0x4e03 } }, 'ioctl(CTLIOCGINFO) finds the control id', 'hypothesis'),
      on('network-outbound', { controlName: facts.controlName }, 'connect(2) to the control', 'documented'),
    ],
  },
  {
    name: 'pty',
    aliases: ['openpty', 'posix_openpt'],
    summary: 'openpty(): open /dev/ptmx, grantpt, unlockpt, ptsname, open the slave /dev/ttysNNN',
    targetOperation: null,
    sources: ['apple-application-sb', 'safehouse-pty', 'xnu-ttycom'],
    notes: [
      `the slave's number varies; ${PTY_SLAVE} stands for it`,
      'the order of the pseudo-tty check inside the /dev/ptmx open is our guess',
    ],
    checks: () => {
      const ptmx = { path: '/dev/ptmx', vnodeType: 'CHARACTER-DEVICE' as const };
      const ioctl = (n: number, what: string) => on('file-ioctl', { ...ptmx, other: { 'ioctl-command': n } }, what, 'measured');
      const slave = { path: PTY_SLAVE, vnodeType: 'TTY' as const, extensions: [PTY_EXTENSION] };
      return [
        on('file-read-data', ptmx, 'open(/dev/ptmx, O_RDWR): the read side', 'documented'),
        on('file-write-data', ptmx, 'open(/dev/ptmx, O_RDWR): the write side', 'documented'),
        on('pseudo-tty', {}, 'a new pty pair is allocated', 'documented'),
        ioctl(TIOCPTYGRANT, 'grantpt(3): ioctl(TIOCPTYGRANT)'),
        ioctl(TIOCPTYUNLK, 'unlockpt(3): ioctl(TIOCPTYUNLK)'),
        ioctl(TIOCPTYGNAME, 'ptsname(3): ioctl(TIOCPTYGNAME)'),
        on('file-read-data', slave, 'open(2) of the slave tty: the read side', 'documented'),
        on('file-write-data', slave, 'open(2) of the slave tty: the write side', 'documented'),
      ];
    },
  },
  {
    name: 'getpwuid',
    aliases: ['getpwnam', 'whoami'],
    summary: 'getpwuid(uid): Libinfo asks opendirectoryd over Mach',
    targetOperation: null,
    sources: ['chromium-792228'],
    notes: ['with the lookup refused the call returns NULL (no user), not EPERM'],
    checks: () => [on('mach-lookup', { serviceName: 'com.apple.system.opendirectoryd.libinfo', serviceKind: 'global' }, 'bootstrap lookup of opendirectoryd (libinfo)', 'measured')],
  },
  {
    name: 'notify-post',
    summary: 'notify_post(name): a message to notifyd, which checks the post for the sender',
    targetOperation: 'darwin-notification-post',
    sources: ['sb-runtime', 'apple-profiles-notify'],
    notes: ['the post itself is decided for the sender by notifyd, not by the kernel'],
    checks: ({ facts }) => [
      on('mach-lookup', { serviceName: 'com.apple.system.notification_center', serviceKind: 'global' }, 'bootstrap lookup of notifyd', 'measured'),
      on('darwin-notification-post', facts, 'notifyd checks the post', 'hypothesis'),
    ],
  },
  {
    name: 'kill',
    aliases: ['signal'],
    summary: 'kill(pid, sig)',
    targetOperation: 'signal',
    sources: ['sandbox-guide', 'sb-runtime'],
    checks: ({ facts }) => [on('signal', facts, 'kill(2) delivers the signal', 'measured')],
  },
  {
    name: 'proc-pidinfo',
    aliases: ['proc_pidinfo', 'ps'],
    summary: 'proc_pidinfo(pid, ...)',
    targetOperation: 'process-info-pidinfo',
    sources: ['sb-runtime', 'platdiff'],
    checks: ({ facts }) => [on('process-info-pidinfo', facts, 'proc_info(2) reads the task info', 'measured')],
  },
  {
    name: 'fork',
    summary: 'fork() / vfork()',
    targetOperation: null,
    sources: ['sandbox-guide'],
    checks: () => [on('process-fork', {}, 'fork(2)', 'documented')],
  },
];

/** Sources the table cites (docs/probes.md lists them with what each shows). */
export const CALL_SOURCES: Record<string, string> = {
  'xnu-vfs': 'apple-oss-distributions/xnu bsd/vfs/vfs_vnops.c vn_open_auth: an existing file gets vn_authorize_open_existing (the MAC open check); a file the call creates goes through vn_create (the MAC create check) and skips the open check ("if (!did_create)"); vn_read_common asks mac_vnode_check_read; vfs_syscalls.c: stat, unlink, rename, mkdir, symlink, ftruncate each make their own MAC check',
  'xnu-exec': 'xnu bsd/kern/kern_exec.c exec_check_permissions -> the MAC exec check (process-exec)',
  'xnu-ttycom': 'xnu bsd/sys/ttycom.h: TIOCPTYGRANT _IO(t,84), TIOCPTYUNLK _IO(t,82), TIOCPTYGNAME _IOC(OUT,t,83,128)',
  'sandbox-guide': 'Apple Sandbox Guide v1.0 "Applies to" lists (via sandbox-boostrap substrate/sources/APPLESANDBOXGUIDE.md): file-read-data -> vn_open_auth, file-read-metadata -> namei/vn_stat, network-outbound -> connect, network-bind -> bind, network-inbound -> listen, sysctl-* -> sysctl/sysctlbyname, process-fork -> fork/vfork',
  'sandbox-7': 'sandbox(7) and PLATDIFF: descriptors opened before applying stay usable (checks happen when a resource is acquired)',
  seeds: 'shared/seeds 001/003 and sandbox-boostrap runtime-checks (macOS 14.4.1): cat/echo probes, sandbox-exec exit 71 on a refused exec, SIGABRT when dyld is starved',
  'loader-reads': 'docs/semantics.md §4 "Loader needs": under (deny default) dyld needs file-read-data on / and the dyld shared cache, else SIGABRT before main (PLATDIFF, seeds 003, oratis/deepcode#18)',
  'practitioners-rename': 'a measured practitioner note: "seatbelt has no file-write-rename operation; rename(2) is a file-write-unlink of the source path" (search-index id 68474488565)',
  'srt-move-blocking': 'anthropic-experimental/sandbox-runtime generateMoveBlockingRules: (deny file-write-unlink ...) on protected paths and their ancestors blocks moving them',
  'practitioners-symlink': 'agent sandboxes that pin a path with (deny file-write-create (require-all (literal P) (vnode-type SYMLINK))) (search-index id 70516517600)',
  'srt-287': 'anthropic-experimental/sandbox-runtime#287: sysctl(8) issues the metadata lookups (CTL_SYSCTL_NAME2OID, CTL_SYSCTL_OIDFMT) before it reads a value; sysctlbyname(3) does not',
  'apple-system-network': "Apple's system.sb (10.15) system-network: system-socket allowed only for (AF_SYSTEM, SYSPROTO_CONTROL) and AF_ROUTE, plus (allow network-outbound (control-name ...)) for kernel controls",
  'apple-application-sb': "Apple's application.sb (10.9-10.14): (allow pseudo-tty), (allow file-read* file-write* file-ioctl (literal \"/dev/ptmx\")), slave ttys under (extension \"com.apple.sandbox.pty\")",
  'safehouse-pty': 'eugene1g/agent-safehouse 10-system-runtime.sb: pseudo-tty covers the /dev/ptmx allocation; ptsname\'s TIOCPTYGNAME and tcsetattr are file-ioctl checks',
  'chromium-792228': 'Chromium common.sb / Codex seatbelt base policy: (allow mach-lookup (global-name "com.apple.system.opendirectoryd.libinfo")) "needed to look up user info" (crbug.com/792228)',
  'apple-profiles-notify': "Apple's profiles allow (global-name \"com.apple.system.notification_center\") wherever they post notifications (bsd.sb, system.sb)",
  'sb-runtime': 'sandbox-boostrap runtime suites on macOS 14.4.1 (mach_probe, notifications, process_info, signal probes; op_runtime_summary.json)',
  platdiff: 'third-party macOS 15.7.9 measurements: process-info* not covered by (deny default); (literal "/d") read covers listing that directory',
  'ls14-compile': "libsandbox 14.4.1's op tables: socket-option-set is fixed allow (docs/vocab-evidence.md)",
};

/** The call kind named `name` (or one of its aliases). */
export function findCall(name: string): CallKind | undefined {
  return CALLS.find((c) => c.name === name || c.aliases?.includes(name));
}

/** Every name and alias, for help texts and "did you mean". */
export function callNames(): string[] {
  return CALLS.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
}

/** What deciding one check gave. */
export interface CheckDecision {
  decision: 'allow' | 'deny';
  /** One line: the deciding rule, or the fixed decision. */
  decidedBy?: string;
  /** Anything else the decider returns (the engine's explanation). */
  detail?: unknown;
}

export interface DecidedCheck extends CallCheck {
  index: number;
  /** null when an earlier check already failed the call (the kernel never got here). */
  result: CheckDecision | null;
}

export interface CallOutcome {
  call: string;
  /** allow = every check the call depends on was allowed. */
  decision: 'allow' | 'deny';
  /** Index of the check that failed the call, if one did. */
  failedAt?: number;
  /** What that failure does (fails with EPERM, or aborts the process). */
  failure?: Exclude<OnDeny, 'ignored'>;
  checks: DecidedCheck[];
}

/** Decide a call's checks in order with `decide`; the first refused check that is not ignored fails the call. */
export function decideCall(kind: CallKind, input: CallInput, decide: (r: Request) => CheckDecision): CallOutcome {
  const checks = kind.checks(input);
  const out: DecidedCheck[] = [];
  let failedAt: number | undefined;
  let failure: CallOutcome['failure'];
  checks.forEach((c, index) => {
    if (failedAt !== undefined) {
      out.push({ ...c, index, result: null });
      return;
    }
    const result = decide({ operation: c.operation, facts: c.facts });
    out.push({ ...c, index, result });
    if (result.decision === 'deny' && c.onDeny !== 'ignored') {
      failedAt = index;
      failure = c.onDeny;
    }
  });
  const o: CallOutcome = { call: kind.name, decision: failedAt === undefined ? 'allow' : 'deny', checks: out };
  if (failedAt !== undefined) {
    o.failedAt = failedAt;
    o.failure = failure;
  }
  return o;
}

/** `file-write-create /private/tmp/x` — the operation and the target of a check. */
export function describeCheck(c: CallCheck): string {
  const f = c.facts;
  const t = f.path ?? (f.socketPath !== undefined ? `unix:${f.socketPath}` : undefined) ?? f.serviceName ?? f.sysctlName ?? f.notificationName ?? f.controlName ??
    (f.remote ? `${f.remote.proto}:${f.remote.host}:${f.remote.port}` : f.local ? `${f.local.proto}:${f.local.host}:${f.local.port}` : f.target ? `target ${f.target}` : '');
  const ioctl = f.other?.['ioctl-command'];
  return `${c.operation}${t ? ' ' + t : ''}${typeof ioctl === 'number' ? ` (ioctl 0x${ioctl.toString(16)})` : ''}`;
}

/** Placeholders the probe table in docs/probes.md is written with. */
const SAMPLE: CallInput = {
  facts: { path: 'PATH', serviceName: 'NAME', sysctlName: 'NAME', controlName: 'NAME', notificationName: 'NAME', target: 'self' },
  secondPath: 'DST',
};

/** The probe table as Markdown: each call kind with its checks in order (docs/probes.md). */
export function renderCallTable(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const out = ['| call | does | checks, in order (what a refusal does; how sure) | sources |', '|---|---|---|---|'];
  for (const k of CALLS) {
    const checks = k.checks(SAMPLE).map((c, i) => {
      const t = describeCheck(c).replace(/ target self$/, ' (target)');
      return `${i + 1}. \`${cell(t)}\` — ${cell(c.step)} (${c.onDeny}; ${c.tier})`;
    });
    const name = `\`${k.name}\`${k.aliases?.length ? ` (${k.aliases.map((a) => `\`${a}\``).join(', ')})` : ''}`;
    const notes = (k.notes ?? []).map((n) => `<br>*${cell(n)}*`).join('');
    out.push(`| ${name} | ${cell(k.summary)}${notes} | ${checks.join('<br>')} | ${k.sources.join(', ')} |`);
  }
  out.push('', '| source | what it shows |', '|---|---|');
  for (const [key, what] of Object.entries(CALL_SOURCES)) out.push(`| \`${key}\` | ${cell(what)} |`);
  return out.join('\n') + '\n';
}
