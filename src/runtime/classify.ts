// Classify what one probe's process did into an Outcome. Shared by the macOS backend (live spawn) and the
// replay backend (recorded spawn), so both go through exactly this code.
//
// Facts used (docs/semantics.md §6.1 unless noted): sandbox-exec exits 65 on compile errors and 71 when
// sandbox_apply fails or execvp of the command fails; a process under (deny default) without loader reads dies
// with SIGABRT before main (-6, or 134 through a shell); a second sandbox_init in a sandboxed process fails with
// EPERM and the kernel logs `forbidden-sandbox-reinit`; denied BSD calls return EPERM while file-mode refusals
// return EACCES (and EROFS for read-only volumes); inside a directory whose metadata is denied, a missing name
// gives ENOENT (C PLATDIFF).

import type { MatrixCase } from './matrix.js';
import type { Transcript } from './transcript.js';
import { parseLogText, type DenialRecord } from './log-parse.js';
import { syntheticObservation, type ApplyReport, type Observation } from './observation.js';
import { tryParseJson } from './json-input.js';

const DARWIN_SIGNALS: Record<number, string> = { 4: 'SIGILL', 5: 'SIGTRAP', 6: 'SIGABRT', 9: 'SIGKILL', 10: 'SIGBUS', 11: 'SIGSEGV', 12: 'SIGSYS', 15: 'SIGTERM' };

/** Darwin errno numbers for the names we classify (sys/errno.h), used when only a message is available. */
export const DARWIN_ERRNO: Record<string, number> = {
  EPERM: 1, ENOENT: 2, EINTR: 4, EIO: 5, EBADF: 9, ENOMEM: 12, EACCES: 13, EEXIST: 17, ENOTDIR: 20, EISDIR: 21, EINVAL: 22,
  EROFS: 30, EAGAIN: 35, EADDRINUSE: 48, EADDRNOTAVAIL: 49, ENETDOWN: 50, ENETUNREACH: 51, ECONNRESET: 54, ETIMEDOUT: 60,
  ECONNREFUSED: 61, ELOOP: 62, ENAMETOOLONG: 63, EHOSTUNREACH: 65, ENOSYS: 78, ENOTSUP: 45,
};

/** strerror(3) texts (macOS wording) to errno names. */
const STRERROR: Array<[string, string]> = [
  ['Operation not permitted', 'EPERM'],
  ['No such file or directory', 'ENOENT'],
  ['Permission denied', 'EACCES'],
  ['Read-only file system', 'EROFS'],
  ['File exists', 'EEXIST'],
  ['Not a directory', 'ENOTDIR'],
  ['Is a directory', 'EISDIR'],
  ['Invalid argument', 'EINVAL'],
  ['Connection refused', 'ECONNREFUSED'],
  ['Address already in use', 'EADDRINUSE'],
  ['Operation timed out', 'ETIMEDOUT'],
  ['Function not implemented', 'ENOSYS'],
  ['Bad file descriptor', 'EBADF'],
];

export function errnoFromMessage(text: string): string | null {
  for (const [msg, name] of STRERROR) if (text.includes(msg)) return name;
  return null;
}

/** Network errors that happen after the sandbox let the call through. */
const NETWORK_AFTER_CHECK = new Set(['ECONNREFUSED', 'EADDRINUSE', 'EADDRNOTAVAIL', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'ENETDOWN']);

export function excerpt(text: string, max = 600): string {
  const t = text.trim();
  return t.length <= max ? t : '…' + t.slice(t.length - max + 1);
}

function normalizeExit(t: Transcript): { code: number | null; signal: string | null } {
  if (t.signal) return { code: t.exitCode, signal: t.signal };
  if (t.exitCode !== null && t.exitCode < 0) return { code: t.exitCode, signal: DARWIN_SIGNALS[-t.exitCode] ?? `signal ${-t.exitCode}` };
  return { code: t.exitCode, signal: null };
}

function base(t: Transcript): Observation {
  return { ...syntheticObservation('helper-error', ''), exit: normalizeExit(t), stderrExcerpt: excerpt(t.stderr) };
}

interface HelperJson {
  tool?: string;
  pid?: number;
  protocol?: number;
  sandboxedBefore?: number | null;
  baseline?: { rc?: number; errno?: number; errnoName?: string | null; getpath?: string | null; nofirmlink?: string | null; kr?: number };
  apply?: { api?: string; rc?: number; errno?: number; errnoName?: string | null; error?: string | null; mode?: string };
  op?: { rc?: number; errno?: number; errnoName?: string | null; getpath?: string | null; nofirmlink?: string | null; kr?: number; unsupported?: string };
  child?: { status?: string; code?: number; signal?: number; signalName?: string };
  stage?: string;
  error?: string;
}

/** The helper's JSON line: the last stdout line that parses as an sbpl-probe object. */
export function helperJson(stdout: string): HelperJson | undefined {
  const lines = stdout.split(/\r?\n/).filter((l) => l.trim().startsWith('{'));
  for (let i = lines.length - 1; i >= 0; i--) {
    const o = tryParseJson(lines[i]) as HelperJson | undefined; // not JSON (or a prototype key): keep looking
    if (o && typeof o === 'object' && o.tool === 'sbpl-probe') return o;
  }
  return undefined;
}

/** Text libsandbox puts in the error buffer when it could not compile the profile. */
function looksLikeCompileError(text: string | null | undefined): boolean {
  if (!text) return false;
  return /unbound variable|syntax error|invalid|expected|unknown|not a valid|must be|unsupported|missing|unable to open|at line|line \d+|host must be/i.test(text) && !/^Operation not permitted$/i.test(text.trim());
}

function logDenials(t: Transcript, c: MatrixCase, pid?: number): DenialRecord[] {
  if (!t.logLines.length) return [];
  const { records } = parseLogText(t.logLines.join('\n'));
  const target = c.probe.target.path ?? c.probe.target.service ?? c.probe.target.sysctl ?? c.probe.target.socketPath;
  return records.filter((r) => {
    if (r.operation === 'forbidden-sandbox-reinit') return true;
    if (pid !== undefined && r.pid !== pid) return false;
    if (!target) return true;
    return r.target === target || r.target.endsWith(target) || target.endsWith(r.target) || r.target.startsWith(target);
  });
}

function applyFailedReason(a: ApplyReport, denials: DenialRecord[], sandboxedBefore: boolean, logText: string): string {
  if (sandboxedBefore || denials.some((d) => d.operation === 'forbidden-sandbox-reinit')) {
    return `${a.api} failed (${a.errnoName ?? a.rc}): the process was already sandboxed (forbidden-sandbox-reinit) — run outside the sandboxed parent`;
  }
  if (/message filter entitlement/i.test(logText)) {
    return `${a.api} failed (${a.errnoName ?? a.rc}): the profile uses deny-style message filtering, which needs the message-filter entitlement`;
  }
  return `${a.api} failed (${a.errnoName ?? `rc ${a.rc}`})${a.error ? `: ${a.error}` : ''}`;
}

/** Classify one transcript for one case. */
export function classify(t: Transcript, c: MatrixCase): Observation {
  return t.runner === 'helper' ? classifyHelper(t, c) : classifySandboxExec(t, c);
}

function classifyHelper(t: Transcript, c: MatrixCase): Observation {
  const o = base(t);
  if (t.timedOut) {
    o.outcome = 'timeout';
    o.reason = `no result within the time limit (${Math.round(t.durationMs)} ms); the probe was killed`;
    return o;
  }
  const j = helperJson(t.stdout);
  const logText = t.logLines.join('\n');
  o.denials = logDenials(t, c, j?.pid);
  if (!j) {
    if (o.exit.signal || o.exit.code === 134) {
      o.outcome = 'launch-crashed';
      o.reason = `the probe died (${o.exit.signal ?? 'exit 134 = SIGABRT'}) before reporting; under a strict profile this is typically dyld unable to read what it needs`;
    } else {
      o.outcome = 'helper-error';
      o.reason = `the helper printed no result line (exit ${o.exit.code ?? o.exit.signal})`;
    }
    return o;
  }
  if (j.baseline?.getpath) {
    o.observedPath = j.baseline.getpath ?? null;
    o.observedPathNoFirmlink = j.baseline.nofirmlink ?? null;
    o.observedPathSource = 'baseline-fd';
  }
  const a = j.apply;
  if (a) {
    o.apply = { api: a.api ?? '?', rc: a.rc ?? -1, errno: a.errno ?? null, errnoName: a.errnoName ?? null, error: a.error ?? null };
  }
  if (!a || j.stage === 'internal' || j.error) {
    o.outcome = 'helper-error';
    o.reason = j.error ? `helper: ${j.error}` : 'the helper did not report an apply result';
    return o;
  }
  if (a.rc !== 0) {
    o.errno = a.errno ?? null;
    o.errnoName = a.errnoName ?? null;
    if (a.api === 'unavailable') {
      o.outcome = 'helper-error';
      o.reason = `cannot apply a profile here: ${a.error ?? 'Seatbelt APIs unavailable'}`;
    } else if (a.api === 'read-profile') {
      o.outcome = 'helper-error';
      o.reason = `the helper could not read the profile file: ${a.error ?? a.errnoName}`;
    } else if (a.api === 'sandbox_compile_string' || (a.errnoName !== 'EPERM' && looksLikeCompileError(a.error))) {
      o.outcome = 'compile-error';
      o.reason = `libsandbox rejected the profile: ${a.error ?? `errno ${a.errnoName}`}`;
    } else {
      o.outcome = 'apply-failed';
      o.reason = applyFailedReason(o.apply!, o.denials, j.sandboxedBefore === 1, logText);
    }
    return o;
  }
  const op = j.op;
  if (!op) {
    if (o.exit.signal) {
      o.outcome = 'launch-crashed';
      o.reason = `the probe died (${o.exit.signal}) after the profile was applied, before performing the operation`;
    } else {
      o.outcome = 'helper-error';
      o.reason = 'the helper applied the profile but reported no operation';
    }
    return o;
  }
  if (op.getpath) {
    o.observedPath = op.getpath;
    o.observedPathNoFirmlink = op.nofirmlink ?? null;
    o.observedPathSource = 'probe-fd';
  }
  o.errno = op.rc === 0 ? null : (op.errno ?? null);
  o.errnoName = op.rc === 0 ? null : (op.errnoName ?? null);
  const ex = c.probe.exercise;

  if (op.unsupported || o.errnoName === 'ENOSYS') {
    o.outcome = 'helper-error';
    o.reason = `exercise '${ex}' is not available on this platform`;
    return o;
  }
  if (ex === 'exec' && op.rc === 0 && j.child?.status === 'signaled') {
    o.outcome = 'launch-crashed';
    o.exit = { code: null, signal: j.child.signalName ?? `signal ${j.child.signal}` };
    o.reason = `exec succeeded but the program died (${o.exit.signal}) — e.g. dyld starved by the profile`;
    return o;
  }
  if (ex === 'mach-lookup') {
    const kr = op.kr ?? -1;
    if (kr === 0) {
      o.outcome = 'allowed';
      o.reason = 'bootstrap_look_up succeeded';
    } else if (j.baseline?.kr === 0) {
      o.outcome = 'denied-by-sandbox';
      o.reason = `bootstrap_look_up returned ${kr} under the profile but succeeded unsandboxed`;
    } else {
      o.outcome = 'inconclusive';
      o.reason = `bootstrap_look_up returned ${kr} and the service was not found unsandboxed either (kr ${j.baseline?.kr ?? '?'})`;
    }
    return finish(o);
  }
  if (op.rc === 0) {
    o.outcome = 'allowed';
    o.reason = `${ex} succeeded`;
    return finish(o);
  }
  return finish(classifyErrno(o, ex, j.baseline));
}

function classifyErrno(o: Observation, ex: string, baseline: HelperJson['baseline']): Observation {
  const e = o.errnoName;
  const baselineExists = baseline?.rc === 0;
  switch (true) {
    case e === 'EPERM':
      if (baseline && baseline.rc !== 0 && baseline.errnoName === 'EPERM' && (ex === 'stat' || ex === 'sysctl-read')) {
        o.outcome = 'os-permission';
        o.reason = 'EPERM, but the same call also failed with EPERM unsandboxed: not the sandbox';
      } else {
        o.outcome = 'denied-by-sandbox';
        o.reason = `${ex} failed with EPERM after the profile was applied`;
      }
      break;
    case e === 'EACCES' || e === 'EROFS':
      o.outcome = 'os-permission';
      o.reason = `${ex} failed with ${e}: the sandbox let it through and the file system refused it`;
      break;
    case e !== null && NETWORK_AFTER_CHECK.has(e):
      o.outcome = 'allowed';
      o.reason = `${ex} passed the sandbox and failed on the network (${e})`;
      break;
    case e === 'ENOENT' || e === 'ENOTDIR':
      if (baselineExists && ex !== 'create') {
        o.outcome = 'denied-by-sandbox';
        o.reason = `${e} under the profile although the target exists unsandboxed: a path lookup was refused`;
      } else {
        o.outcome = 'inconclusive';
        o.reason = `${e}: the target does not exist, so the sandbox was not asked about it`;
      }
      break;
    case e === 'EEXIST':
      o.outcome = 'inconclusive';
      o.reason = 'EEXIST: a create probe needs a path that does not exist yet';
      break;
    default:
      o.outcome = 'inconclusive';
      o.reason = `${ex} failed with ${e ?? 'an unknown error'}, which does not say what the sandbox decided`;
  }
  return o;
}

/** Attach log confirmation. */
function finish(o: Observation): Observation {
  if (o.outcome === 'denied-by-sandbox' && o.denials.some((d) => d.action === 'deny' && d.operation !== 'forbidden-sandbox-reinit')) {
    o.confirmedByLog = true;
    o.reason += ' (confirmed by a denial log line)';
  }
  return o;
}

const EXECVP_RE = /sandbox-exec: execvp\(\) of '([^']*)' failed: (.+)/;
const APPLY_RE = /sandbox-exec: sandbox_apply: (.+)/;

function classifySandboxExec(t: Transcript, c: MatrixCase): Observation {
  const o = base(t);
  const err = t.stderr;
  o.denials = logDenials(t, c);
  const logText = t.logLines.join('\n');
  if (t.timedOut) {
    o.outcome = 'timeout';
    o.reason = `no exit within the time limit (${Math.round(t.durationMs)} ms); the probe was killed`;
    return o;
  }
  if (o.exit.signal || o.exit.code === 134) {
    if (!o.exit.signal) o.exit.signal = 'SIGABRT';
    o.outcome = 'launch-crashed';
    o.reason = `the command died (${o.exit.signal}${o.exit.code === 134 ? ', exit 134 via a shell' : ''}) — under (deny default) typically dyld unable to read /, the shared cache or /usr/lib`;
    return o;
  }
  const code = o.exit.code;
  if (code === 65) {
    o.outcome = 'compile-error';
    o.reason = `sandbox-exec exit 65: the profile did not compile${err.trim() ? `: ${err.trim().split('\n')[0]}` : ''}`;
    return o;
  }
  const ap = APPLY_RE.exec(err);
  if (code === 71 && ap) {
    o.errnoName = errnoFromMessage(ap[1]);
    o.errno = o.errnoName ? (DARWIN_ERRNO[o.errnoName] ?? null) : null;
    o.apply = { api: 'sandbox_apply', rc: -1, errno: o.errno, errnoName: o.errnoName, error: ap[1].trim() };
    o.outcome = 'apply-failed';
    o.reason = 'sandbox-exec exit 71: ' + applyFailedReason(o.apply, o.denials, false, logText);
    return o;
  }
  const ev = EXECVP_RE.exec(err);
  if (code === 71 && ev) {
    o.errnoName = errnoFromMessage(ev[2]);
    o.errno = o.errnoName ? (DARWIN_ERRNO[o.errnoName] ?? null) : null;
    o.outcome = 'launch-denied';
    o.reason = `sandbox-exec exit 71: execvp of '${ev[1]}' failed (${ev[2].trim()}) — the profile does not let the command start (process-exec, or file reads on its path)`;
    return o;
  }
  if (code === 0) {
    o.outcome = 'allowed';
    o.reason = 'the command succeeded under the profile';
    return finish(o);
  }
  const name = errnoFromMessage(err);
  o.errnoName = name;
  o.errno = name ? (DARWIN_ERRNO[name] ?? null) : null;
  if (name === null) {
    o.outcome = o.denials.some((d) => d.action === 'deny') ? 'denied-by-sandbox' : 'inconclusive';
    o.reason = `the command exited ${code} without a recognised error message`;
    return finish(o);
  }
  return finish(classifyErrno(o, c.probe.exercise, undefined));
}
