// Parse Seatbelt violation reports from the unified log into records, and records into requests.
//
// Line forms (docs/semantics.md §6.2; NixOS/nixpkgs#345333; nono's sandbox_log.rs fixtures):
//   Sandbox: <process>(<pid>) deny(<n>) <operation> <target...>
//   <N> duplicate report[s] for Sandbox: <process>(<pid>) deny(<n>) <operation> <target...>
//   ... kernel: (Sandbox) Sandbox: ...            (log stream --style compact/syslog prefixes)
//   System Policy: <process>(<pid>) deny(<n>) ... (platform-policy layer)
//   {"eventMessage": "Sandbox: ...", ...}         (log stream --style ndjson, one object per line)
//   === Sandbox denials ===                       (Codex's summary of the denials of one command, printed
//   (<process>) <operation> <target...>           after it: openai/codex codex-rs/cli/src/debug_sandbox/seatbelt.rs,
//                                                 format_sandbox_denials; no pid, one line per distinct denial)
// Process names may contain spaces and parentheses: the pid is the text inside the LAST "(" before ") deny(".
// A `(with message "S")` modifier adds S as a further line of the same eventMessage.

import type { Request, RequestFacts } from '../decide/request.js';
import { findForbiddenKey } from './json-input.js';
import { formatJsonPath } from './json-location.js';

export type LogLayer = 'sandbox' | 'system-policy';

export interface DenialRecord {
  layer: LogLayer;
  process: string;
  /** -1 when the report does not say (Codex's summary). */
  pid: number;
  action: 'deny' | 'allow';
  /** The number in `deny(N)`. */
  count: number;
  operation: string;
  /** Operation-specific target text; '' when the line has none (e.g. forbidden-sandbox-reinit). */
  target: string;
  /** N for an "N duplicate reports for ..." line; 0 for the report itself. */
  duplicates: number;
  /** Extra lines of the same event (the `(with message ...)` text). */
  message?: string;
  timestamp?: string;
  /** 1-based line number in the input. */
  line: number;
  raw: string;
}

export interface ParsedLog {
  records: DenialRecord[];
  /** Lines that carried a Sandbox/System Policy marker but could not be parsed, or events that were refused (with why). */
  unparsed: Array<{ line: number; text: string; reason?: string }>;
}

const MARKERS: Array<[string, LogLayer]> = [
  ['Sandbox: ', 'sandbox'],
  ['System Policy: ', 'system-policy'],
];

const ACTION_RE = /\)\s(deny|allow)\((\d+)\)(?:\s|$)/;

/** Parse one event message (a log line, or an ndjson eventMessage). */
export function parseDenialMessage(message: string, line = 1, raw = message): DenialRecord | undefined {
  const [first, ...rest] = message.split(/\r?\n/);
  for (const [marker, layer] of MARKERS) {
    let from = 0;
    for (;;) {
      const at = first.indexOf(marker, from);
      if (at < 0) break;
      const rec = parseBody(first.slice(at + marker.length), layer);
      if (rec) {
        const dup = /(\d+)\s+duplicate reports?\s+for\s*$/.exec(first.slice(0, at));
        const extra = rest.map((l) => l.trim()).filter(Boolean).join('\n');
        return { ...rec, duplicates: dup ? Number(dup[1]) : 0, message: extra || undefined, line, raw };
      }
      from = at + 1;
    }
  }
  return undefined;
}

function parseBody(body: string, layer: LogLayer): Omit<DenialRecord, 'duplicates' | 'line' | 'raw'> | undefined {
  const m = ACTION_RE.exec(body);
  if (!m) return undefined;
  const closeParen = m.index; // index of ')' ending "<process>(<pid>"
  const open = body.lastIndexOf('(', closeParen);
  if (open <= 0) return undefined;
  const pidText = body.slice(open + 1, closeParen);
  if (!/^\d+$/.test(pidText)) return undefined;
  const process = body.slice(0, open);
  const after = body.slice(m.index + m[0].length).trim();
  const sp = after.search(/\s/);
  const operation = sp < 0 ? after : after.slice(0, sp);
  if (!operation) return undefined;
  const target = sp < 0 ? '' : after.slice(sp + 1).trim();
  return { layer, process, pid: Number(pidText), action: m[1] as 'deny' | 'allow', count: Number(m[2]), operation, target };
}

const CODEX_HEADER = '=== Sandbox denials ===';

/** `(<process>) <operation> <target...>`, a line of Codex's denial summary. */
function parseCodexLine(text: string, line: number, raw: string): DenialRecord | undefined {
  const m = /^\((.+?)\) ([a-z][a-z0-9*-]*)(?:\s+(.*))?$/.exec(text);
  if (!m) return undefined;
  return { layer: 'sandbox', process: m[1], pid: -1, action: 'deny', count: 1, operation: m[2], target: (m[3] ?? '').trim(), duplicates: 0, line, raw };
}

interface NdjsonEvent {
  eventMessage?: unknown;
  timestamp?: unknown;
  processID?: unknown;
  senderImagePath?: unknown;
  subsystem?: unknown;
}

/** Parse log text: plain lines, compact/syslog lines, ndjson objects, or a `log show --style json` array. */
export function parseLogText(text: string): ParsedLog {
  const records: DenialRecord[] = [];
  const unparsed: ParsedLog['unparsed'] = [];
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    try {
      const arr = JSON.parse(trimmed) as unknown;
      if (Array.isArray(arr)) {
        arr.forEach((ev, i) => eventRecord(ev as NdjsonEvent, i + 1, JSON.stringify(ev), records, unparsed));
        return { records, unparsed };
      }
    } catch {
      // not a JSON array: fall through to line parsing
    }
  }
  const lines = text.split(/\r?\n/);
  let codexBlock = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l.trim()) continue;
    const lt = l.trim();
    if (lt === CODEX_HEADER) {
      codexBlock = true;
      continue;
    }
    if (codexBlock) {
      const r = parseCodexLine(lt, i + 1, l);
      if (r) {
        records.push(r);
        continue;
      }
      codexBlock = false;
    }
    if (lt.startsWith('{')) {
      let ev: NdjsonEvent | undefined;
      try {
        ev = JSON.parse(lt) as NdjsonEvent;
      } catch {
        ev = undefined;
      }
      if (ev && typeof ev === 'object') {
        eventRecord(ev, i + 1, l, records, unparsed);
        continue;
      }
    }
    const r = parseDenialMessage(l, i + 1, l);
    if (r) records.push(r);
    else if (MARKERS.some(([m]) => l.includes(m))) unparsed.push({ line: i + 1, text: l });
  }
  return { records, unparsed };
}

function eventRecord(ev: NdjsonEvent, line: number, raw: string, out: DenialRecord[], unparsed: ParsedLog['unparsed']): void {
  const bad = findForbiddenKey(ev);
  if (bad) {
    unparsed.push({ line, text: raw, reason: `${formatJsonPath(bad.path)}: ${bad.message}` });
    return;
  }
  if (typeof ev.eventMessage !== 'string') return;
  const r = parseDenialMessage(ev.eventMessage, line, raw);
  if (r) {
    if (typeof ev.timestamp === 'string') r.timestamp = ev.timestamp;
    out.push(r);
  } else if (MARKERS.some(([m]) => (ev.eventMessage as string).includes(m))) unparsed.push({ line, text: ev.eventMessage });
}

/** Host and port from `127.0.0.1:443`, `[::1]:8080`, `*:53`; undefined for other forms. */
export function parseHostPort(t: string): { host: string; port: number } | undefined {
  const b = /^\[([^\]]+)\]:(\d+)$/.exec(t);
  if (b) return { host: b[1], port: Number(b[2]) };
  const i = t.lastIndexOf(':');
  if (i <= 0) return undefined;
  const host = t.slice(0, i);
  const port = t.slice(i + 1);
  if (!/^\d+$/.test(port) || Number(port) > 65535) return undefined;
  if (host !== '*' && host !== 'localhost' && !/^[0-9.]+$/.test(host) && !host.includes(':')) return undefined;
  return { host, port: Number(port) };
}

/** Operations whose report is about the sandbox itself, not a request the profile decided. */
export const NON_REQUEST_OPERATIONS = new Set(['forbidden-sandbox-reinit']);

export interface RecordRequest {
  request: Request;
  /** Facts the log line does not carry and we assumed. */
  assumptions: string[];
}

/** The request a report describes. File targets are the kernel's resolved paths. */
export function recordToRequest(r: DenialRecord): RecordRequest | undefined {
  if (NON_REQUEST_OPERATIONS.has(r.operation)) return undefined;
  const op = r.operation;
  const facts: RequestFacts = {};
  const assumptions: string[] = [];
  const t = r.target;
  if (op.startsWith('file-') || op.startsWith('process-exec')) {
    if (t.startsWith('/')) {
      facts.path = t;
      facts.pathIsResolved = true;
    }
  } else if (op === 'mach-lookup' || op === 'mach-register') {
    if (t) {
      facts.serviceName = t;
      facts.serviceKind = 'global';
      assumptions.push('service looked up as a global name');
    }
  } else if (op.startsWith('network-')) {
    if (t.startsWith('/')) facts.socketPath = t;
    else {
      const hp = parseHostPort(t);
      if (hp) {
        const host = hp.host === 'localhost' ? '127.0.0.1' : hp.host;
        const ep = { proto: 'tcp' as const, family: host.includes(':') ? ('inet6' as const) : ('inet' as const), host, port: hp.port };
        if (op === 'network-outbound') facts.remote = ep;
        else facts.local = ep;
        assumptions.push('transport not in the log line; assumed tcp');
      }
    }
  } else if (op.startsWith('sysctl')) {
    if (t) facts.sysctlName = t;
  } else if (op.startsWith('iokit-open')) {
    if (t) facts.iokitClass = t;
  } else if (op.startsWith('user-preference') || op === 'managed-preference-read') {
    if (t) facts.preferenceDomain = t;
  } else if (op.startsWith('ipc-posix')) {
    if (t) facts.ipcPosixName = t;
  } else if (op.endsWith('notification-post')) {
    if (t) facts.notificationName = t;
  } else if (t) {
    facts.other = { target: t };
    assumptions.push(`target '${t}' kept as free text; this operation's filter datum is not parsed`);
  }
  return { request: { operation: op, facts }, assumptions };
}
