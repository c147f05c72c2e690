// Hover and completion texts, built from the vocabularies (src/vocab): what a name is, its fallback chain,
// argument forms, and which OS versions have it. The one-line "what it is" texts describe operation and
// filter families by name, as Apple's own profiles use them (the vocabulary tables carry no prose).

import { getVocab, listVocabularies, type FilterInfo, type ModifierInfo, type OperationInfo, type Vocab } from '../vocab/all.js';

const EVIDENCE: Record<string, string> = {
  A: 'Apple-authored profile text',
  B: 'tables extracted from Apple binaries',
  C: 'third-party runtime measurements',
  D: 'secondary summaries',
  H: 'a hypothesis that needs a probe on a Mac',
  I: 'inferred from the name, family and neighbouring releases',
};

/** Operation families, longest prefix first wins. */
const OPERATION_FAMILIES: Array<[string, string]> = [
  ['default', 'the root of the operation tree: what every request falls back to when no rule decides'],
  ['file-read-metadata', 'reading a file\'s metadata (stat, getattrlist, following a path through a directory or symlink)'],
  ['file-read-xattr', 'reading extended attributes'],
  ['file-read', 'reading files and directories'],
  ['file-write-xattr', 'writing extended attributes'],
  ['file-write-create', 'creating files, directories and links'],
  ['file-write-unlink', 'deleting files and directories'],
  ['file-write-mode', 'changing file modes (chmod)'],
  ['file-write-owner', 'changing file owners (chown)'],
  ['file-write-times', 'changing file times (utimes)'],
  ['file-write', 'writing and changing files and directories'],
  ['file-ioctl', 'ioctl calls on files and devices'],
  ['file-issue-extension', 'issuing sandbox extensions for paths (tokens that grant another sandboxed process access)'],
  ['file-map-executable', 'mapping a file as executable code (libraries, plug-ins)'],
  ['file-link', 'making hard links'],
  ['file-clone', 'cloning files (clonefile)'],
  ['file-search', 'searching file systems (searchfs)'],
  ['file-mknod', 'creating device nodes'],
  ['file-revoke', 'revoking access to a device'],
  ['file-chroot', 'changing the root directory'],
  ['file-test-existence', 'testing whether a path exists'],
  ['file-mount', 'mounting file systems'],
  ['file-unmount', 'unmounting file systems'],
  ['file', 'file system access'],
  ['fs-', 'file system administration (snapshots, quotas, mount options)'],
  ['mach-lookup', 'looking up a Mach service (XPC and launchd services) by name'],
  ['mach-register', 'registering a Mach service name'],
  ['mach-priv', 'privileged Mach calls (host and task ports)'],
  ['mach-task', 'getting other tasks\' ports'],
  ['mach-issue-extension', 'issuing sandbox extensions for Mach service names'],
  ['mach-', 'Mach IPC'],
  ['network-outbound', 'connecting and sending to network and UNIX-socket addresses'],
  ['network-inbound', 'receiving from network addresses'],
  ['network-bind', 'binding sockets to local addresses'],
  ['network', 'networking'],
  ['process-exec', 'executing programs'],
  ['process-fork', 'forking processes'],
  ['process-info', 'reading information about processes'],
  ['process-codesigning', 'reading or changing code-signing state of processes'],
  ['process', 'process control'],
  ['signal', 'sending signals to processes'],
  ['sysctl-read', 'reading sysctl values'],
  ['sysctl-write', 'writing sysctl values'],
  ['sysctl', 'sysctl access'],
  ['iokit-open', 'opening IOKit user clients (drivers)'],
  ['iokit-get-properties', 'reading IOKit registry properties'],
  ['iokit-set-properties', 'setting IOKit registry properties'],
  ['iokit', 'IOKit driver access'],
  ['ipc-posix-shm', 'POSIX shared memory'],
  ['ipc-posix-sem', 'POSIX semaphores'],
  ['ipc-posix', 'POSIX IPC'],
  ['ipc-sysv', 'System V IPC'],
  ['ipc', 'inter-process communication'],
  ['user-preference-read', 'reading preferences (CFPreferences domains)'],
  ['user-preference-write', 'writing preferences (CFPreferences domains)'],
  ['user-preference', 'preferences (CFPreferences domains)'],
  ['managed-preference', 'managed (MDM) preferences'],
  ['appleevent-send', 'sending Apple events to other applications'],
  ['authorization-right-obtain', 'obtaining authorization rights'],
  ['job-creation', 'submitting launchd jobs'],
  ['lsopen', 'opening documents and applications through Launch Services'],
  ['distributed-notification-post', 'posting distributed notifications'],
  ['darwin-notification-post', 'posting Darwin notifications'],
  ['nvram', 'reading and writing NVRAM variables'],
  ['socket', 'socket calls'],
  ['syscall', 'system calls by number (unix, Mach traps, MIG routines)'],
  ['system-socket', 'creating sockets of system domains'],
  ['system', 'system-wide settings and privileged calls'],
  ['hid-control', 'HID device control'],
  ['opendirectory', 'Open Directory access'],
  ['pseudo-tty', 'pseudo-terminals'],
  ['device', 'device access'],
  ['storage-class', 'storage classes'],
  ['xpc', 'XPC'],
];

const MATCH_WORDS: Record<string, string> = {
  literal: 'the exact value',
  prefix: 'values that start with the string',
  subpath: 'the path itself and everything under it',
  regex: "values the regex matches (Apple's regex dialect; anchored only where ^ and $ are written)",
  value: 'the value',
};

const ARG_FORMS: Record<string, string> = {
  path: 'a string path: `(literal "/p")`, `(subpath "/p")`, `(prefix "/p")`, `(regex #"^/p/")`',
  string: 'a string',
  integer: 'a number or a named constant',
  mode: 'file-mode bits, e.g. `#o4000`',
  network: 'a protocol and an address: `(remote tcp "*:443")`, `(local ip "localhost:*")`, `(remote unix-socket (path-literal "/var/run/x"))`',
  symbol: 'one of the named values below',
  boolean: '`#t` or `#f`',
  entitlement: 'an entitlement key, optionally with a value filter',
  none: 'no argument',
};

const MODIFIERS: Record<string, string> = {
  report: 'log the decision (allow rules are not logged otherwise)',
  'no-report': 'do not log this denial',
  'send-signal': 'send the process a signal when the rule denies (e.g. `(with send-signal SIGKILL)`)',
  'no-sandbox': 'run an executed program outside the sandbox',
  message: 'text added to the log line of the decision',
  errno: 'the error number the denied call returns instead of EPERM',
};

/** SBPL forms and helpers a profile calls, for hover and head-position completion. */
export const KEYWORDS: Record<string, string> = {
  version: '`(version 1)`: the SBPL language version; every profile starts with it',
  allow: '`(allow OPERATION... FILTER... MODIFIER...)`: a rule that allows the operations for requests the filters match',
  deny: '`(deny OPERATION... FILTER... MODIFIER...)`: a rule that denies the operations for requests the filters match',
  import: '`(import "name.sb")`: evaluate another profile file here (relative names are searched on the import path)',
  define: '`(define name value)` / `(define (name args...) body...)`: bind a name in the profile',
  param: '`(param "KEY")`: the value given with `sandbox-exec -D KEY=VALUE`, or `#f` when none is given',
  'require-any': '`(require-any FILTER...)`: matches when any of the filters matches',
  'require-all': '`(require-all FILTER...)`: matches when every filter matches',
  'require-not': '`(require-not FILTER)`: matches when the filter does not',
  with: '`(with MODIFIER [ARG])`: a modifier on a rule (logging, signals, errno ...)',
  debug: '`(debug deny)`: an empty macro since macOS 10.11 — it turns on no logging',
  trace: '`(trace "file")`: record denials as rules (a no-op on modern systems)',
  'string-append': '`(string-append s...)`: join strings',
  lambda: '`(lambda (args...) body...)`: a procedure',
  let: '`(let ((name value)...) body...)`: local names',
  'let*': '`(let* ((name value)...) body...)`: local names, each seeing the ones before',
  if: '`(if test then [else])`',
  cond: '`(cond (test body...)... (else body...))`',
  when: '`(when test body...)`',
  unless: '`(unless test body...)`',
  begin: '`(begin body...)`: evaluate in order',
  and: '`(and expr...)`',
  or: '`(or expr...)`',
  not: '`(not expr)`',
  'apply-message-filter': '`(apply-message-filter RULE...)`: rules on the messages of an allowed Mach/XPC connection (version 2)',
};

function familyOf(name: string): string | undefined {
  let best: [string, string] | undefined;
  for (const f of OPERATION_FAMILIES) if (name.startsWith(f[0]) && (!best || f[0].length > best[0].length)) best = f;
  return best?.[1];
}

/** The OS versions whose vocabulary has the name, with what it is called there. */
function versions(find: (v: Vocab) => string | undefined): string {
  const parts: string[] = [];
  for (const id of listVocabularies()) {
    if (id === 'any') continue;
    const what = find(getVocab(id));
    parts.push(what === undefined ? `not in ${id}` : `${id}${what ? ` (${what})` : ''}`);
  }
  return parts.join(' · ');
}

const code = (s: string) => '`' + s + '`';

export function describeOperation(vocab: Vocab, spelling: string): string | undefined {
  const res = vocab.resolveOperation(spelling);
  if (!res) return undefined;
  if (res.kind === 'no-op') return `**${spelling}** · operation alias\n\nAccepted and ignored on ${vocab.data.displayName}: it names no operation there.`;
  const op = res.op;
  const lines: string[] = [`**${spelling}** · operation${op.notInOpTable ? ' (outside the compiled operation table)' : ''} · ${vocab.id} id ${op.id}`];
  const family = familyOf(op.name);
  if (family) lines.push('', family[0].toUpperCase() + family.slice(1) + '.');
  if (res.alias) lines.push('', `${code(res.alias)} is an alias of ${code(op.name)} (Apple's sbpl1.scm binds aliases after the native names).`);
  const chain = vocab.fallbackChain(op.name);
  const last = chain[chain.length - 1];
  lines.push('', `**Falls back:** ${chain.map((o) => code(o.name)).join(' → ')}${last?.fixed ? ` (then a fixed ${last.fixed})` : ''}`);
  const below = vocab.operations.filter((o) => o.parent === op.name).map((o) => o.name);
  if (below.length) lines.push('', `**Covers:** ${below.slice(0, 12).map(code).join(', ')}${below.length > 12 ? `, … (${below.length})` : ''}`);
  if (op.filterClasses) {
    const filters = vocab.filters.filter((f) => !f.name.startsWith('%') && vocab.canMatch(op, f)).map((f) => f.name);
    lines.push('', `**Filters:** ${filters.length ? filters.map(code).join(', ') : 'none (only unfiltered rules)'}`);
  } else lines.push('', '**Filters:** any (the table for this OS does not list them)');
  if (op.modifiers) lines.push('', `**Modifiers:** ${op.modifiers.length ? op.modifiers.map(code).join(', ') : 'none'}`);
  lines.push('', `**OS versions:** ${versions((v) => {
    const r = v.resolveOperation(spelling);
    return r === undefined ? undefined : r.kind === 'no-op' ? 'accepted, no effect' : `id ${r.op.id}${r.alias ? `, alias of ${r.op.name}` : ''}`;
  })}`);
  lines.push('', `_Fallback evidence: ${op.evidence} — ${EVIDENCE[op.evidence] ?? ''}_`);
  return lines.join('\n');
}

export function describeFilter(vocab: Vocab, spelling: string): string | undefined {
  const hit = vocab.filterSpelling(spelling);
  if (!hit) return undefined;
  const { filter, spelling: sp } = hit;
  const lines: string[] = [`**${spelling}** · filter ${code(filter.name)} · ${vocab.id} id ${filter.id}`];
  lines.push('', `Matches ${MATCH_WORDS[sp.match] ?? sp.match}${filter.argKind === 'path' ? ' (paths as the kernel reports them: symlinks resolved, e.g. /private/tmp, not /tmp)' : ''}.`);
  lines.push('', `**Argument:** ${ARG_FORMS[filter.argKind] ?? filter.argKind}`);
  const others = filter.spellings.filter((s) => s.name !== spelling);
  if (others.length) lines.push('', `**Other forms:** ${others.map((s) => `${code(s.name)} (${s.match})`).join(', ')}`);
  if (filter.values) {
    const names = Object.keys(filter.values);
    lines.push('', `**Values:** ${names.slice(0, 16).map(code).join(', ')}${names.length > 16 ? `, … (${names.length})` : ''}`);
  }
  const ops = vocab.operations.filter((o) => o.filterClasses && vocab.canMatch(o, filter)).map((o) => o.name);
  if (ops.length) lines.push('', `**Operations:** ${ops.slice(0, 10).map(code).join(', ')}${ops.length > 10 ? `, … (${ops.length})` : ''}`);
  lines.push('', `**OS versions:** ${versions((v) => {
    const f = v.filterSpelling(spelling);
    return f ? `id ${f.filter.id}` : undefined;
  })}`);
  lines.push('', `_Evidence: ${filter.evidence} — ${EVIDENCE[filter.evidence] ?? ''}_`);
  return lines.join('\n');
}

export function describeModifier(vocab: Vocab, name: string): string | undefined {
  const short = vocab.modifierShorthand(name);
  const m = vocab.modifier(short?.name ?? name);
  if (!m) return undefined;
  const lines: string[] = [`**${name}** · modifier${m.name !== name ? ` (${short ? `shorthand for ${code(`${short.name} ${short.args.join(' ')}`)}` : `alias of ${code(m.name)}`})` : ''}`];
  const what = MODIFIERS[m.name];
  if (what) lines.push('', what[0].toUpperCase() + what.slice(1) + '.');
  if (m.deprecated) lines.push('', 'Deprecated: accepted and dropped.');
  lines.push('', `**Actions:** ${m.actions.map(code).join(', ')}`);
  lines.push('', `**Argument:** ${modifierArg(m)}`);
  if (m.aliases?.length) lines.push('', `**Aliases:** ${m.aliases.map(code).join(', ')}`);
  lines.push('', `**OS versions:** ${versions((v) => (v.modifier(v.modifierShorthand(name)?.name ?? name) ? '' : undefined))}`);
  lines.push('', `_Evidence: ${m.evidence} — ${EVIDENCE[m.evidence] ?? ''}_`);
  return lines.join('\n');
}

function modifierArg(m: ModifierInfo): string {
  switch (m.arg) {
    case 'none':
      return 'none';
    case 'signal':
      return 'a signal number or name (`SIGKILL`)';
    case 'errno':
      return 'an errno number or name (`EPERM`)';
    default:
      return `a ${m.arg}`;
  }
}

/** One line for a completion list. */
export function operationDetail(op: OperationInfo, alias?: string): string {
  return alias ? `alias of ${op.name}` : `operation → ${op.fixed ? `fixed ${op.fixed}` : op.parent ?? ''}`;
}

export function filterDetail(f: FilterInfo, match: string): string {
  return `filter ${f.name} (${match})`;
}
