// `sbpl query PROFILE.sb OPERATION TARGET`: decide like the kernel and explain why.
// Batches: `--requests FILE.jsonl` (one JSON request per line; see src/decide/request-json.ts).
// Exit 0 when the query was answered (whatever the verdict, unless --expect names another), 1 when the profile
// has errors, a batch line is bad or an answer is not as expected, 2 bad usage.

import type { Command } from 'commander';
import { addEngineOptions, addProfileOptions, CommandFailure, engineOptionsFrom, EXIT_FAILED, EXIT_OK, loadProfileFile, printDiagnostics, readTextFile, UsageError, type EngineCliOptions, type ProfileCliOptions } from './common.js';
import { getVocab, type Vocab } from '../vocab/all.js';
import { DecisionEngine, DecideError } from '../decide/engine.js';
import { formatExplanation, describeDecider, describeTarget } from '../decide/explain.js';
import { readTarget, TargetError, TARGET_HELP, targetKindOf } from '../decide/target.js';
import { CALL_HELP, runCallQuery } from './query-call.js';
import { parseRequestLines, type ExpectedDecision } from '../decide/request-json.js';
import type { EntitlementValue, ProcessRelation, Request, RequestFacts, VnodeType } from '../decide/request.js';
import type { TargetOptions } from '../decide/target.js';
import type { Verdict } from '../decide/types.js';
import { decideLayered, describeVerdict, formatLayered, layeredJson, layeredLine, sbplLayer, type Layers } from '../decide/platform.js';
import { PLATFORM_OPTION_HELP, type PlatformCliOptions } from './query-platform-options.js';
import type { loadPlatformLayer } from './query-platform.js';

/** Reads the --platform layer (query-platform.ts: blob decoders, graph evaluator), imported only when it is given. */
type PlatformLoader = typeof loadPlatformLayer;

interface QueryOptions extends ProfileCliOptions, EngineCliOptions, PlatformCliOptions {
  json?: boolean;
  requests?: string;
  explain?: boolean;
  vnodeType?: string;
  mode?: string;
  entitlement?: string[];
  extension?: string[];
  fact?: string[];
  processPath?: string;
  signingId?: string;
  serviceKind?: string;
  signal?: string;
  endpoint?: string;
  noFollow?: boolean;
  resolved?: boolean;
  as?: string;
  selfPid?: string;
  expect?: string;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

const VNODE_TYPES: VnodeType[] = ['REGULAR-FILE', 'DIRECTORY', 'BLOCK-DEVICE', 'CHARACTER-DEVICE', 'SYMLINK', 'SOCKET', 'FIFO', 'TTY'];
const SIGNALS: Record<string, number> = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGEMT: 7, SIGFPE: 8, SIGKILL: 9, SIGBUS: 10, SIGSEGV: 11,
  SIGSYS: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGURG: 16, SIGSTOP: 17, SIGTSTP: 18, SIGCONT: 19, SIGCHLD: 20, SIGTTIN: 21,
  SIGTTOU: 22, SIGIO: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGINFO: 29, SIGUSR1: 30, SIGUSR2: 31,
};

export function registerQuery(program: Command): void {
  const cmd = program
    .command('query')
    .description('decide whether a profile allows OPERATION on TARGET, as the macOS kernel would, and explain which rule decided')
    .argument('<profile>', 'SBPL profile file')
    .argument('[operation]', 'operation name (file-read-data, mach-lookup, network-outbound, ...)')
    .argument('[target]', 'what the operation acts on: a path, service name, PROTO:HOST:PORT, sysctl name, ... (see --help)')
    .option('--json', 'print JSON: {"decision": "allow"|"deny", ...explanation} (JSON lines for --requests)')
    .option('--requests <FILE.jsonl>', 'answer a batch: one JSON request per line ({"operation": ..., "target": ...} plus fact fields; "expect": "allow"|"deny" to assert)')
    .option('--expect <allow|deny>', 'exit 1 (with the explanation) unless the verdict is this; with --requests, for lines without their own "expect"')
    .option('--explain', 'include the full explanation (default for a single query)')
    .option('--no-explain', 'print only the verdict and the deciding rule (default for --requests)')
    .option('--vnode-type <TYPE>', `file type of the target: ${VNODE_TYPES.join(', ')}`)
    .option('--mode <OCTAL>', 'permission bits of the target file, e.g. 644')
    .option('--entitlement <KEY[=VALUE]>', 'entitlement held by the process (VALUE true|false|string; default true) (repeatable)', collect)
    .option('--extension <CLASS>', 'sandbox extension class held for the target (repeatable)', collect)
    .option('--fact <NAME=VALUE>', 'datum for any other filter by its name, e.g. socket-domain=2, process-attribute=is-platform-binary (repeatable)', collect)
    .option('--process-path <PATH>', 'executable path of the acting process (process-path filter)')
    .option('--signing-id <ID>', 'code-signing identifier of the acting process')
    .option('--service-kind <KIND>', 'for mach-lookup/mach-register: global (default), local or xpc')
    .option('--signal <SIG>', 'signal number or name for the signal operation (SIGKILL, 9)')
    .option('--endpoint <SIDE>', 'for network targets: local or remote (default: remote for outbound, local for bind/inbound)')
    .option('--no-follow', 'do not follow a symlink in the last path component (lstat, readlink, unlink)')
    .option('--resolved', "the path is already the kernel's spelling (e.g. taken from a log line): do not resolve it")
    .option('--as <CALL>', 'ask about a system call instead of one operation: its kernel checks in order and the one that fails (then give TARGET [TARGET2] in place of OPERATION TARGET; see the CALL list)')
    .option('--self-pid <PID>', 'pid of the sandboxed process: a numeric TARGET equal to it means target self')
    .option('--platform <FILE|BLOB>', PLATFORM_OPTION_HELP.platform)
    .option('--platform-profile <NAME>', PLATFORM_OPTION_HELP.platformProfile);
  addEngineOptions(cmd);
  addProfileOptions(cmd);
  cmd.addHelpText('after', '\nTARGET by operation family:\n' + Object.entries(TARGET_HELP).map(([k, v]) => `  ${k.padEnd(16)} ${v}`).join('\n') + '\n' + CALL_HELP);
  cmd.action(async (profileFile: string, operation: string | undefined, target: string | undefined, opts: QueryOptions) => {
    const loadPlatform = opts.platform !== undefined ? (await import('./query-platform.js')).loadPlatformLayer : undefined;
    runQuery(profileFile, operation, target, opts, loadPlatform);
  });
}

/** Extra facts from the flags (apply to the single query and to every batch request that lacks them). */
function flagFacts(opts: QueryOptions): RequestFacts {
  const f: RequestFacts = {};
  if (opts.vnodeType !== undefined) {
    const t = opts.vnodeType.toUpperCase() as VnodeType;
    if (!VNODE_TYPES.includes(t)) throw new UsageError(`--vnode-type expects one of ${VNODE_TYPES.join(', ')}, got '${opts.vnodeType}'`);
    f.vnodeType = t;
  }
  if (opts.mode !== undefined) {
    if (!/^(0o|0)?[0-7]{1,4}$/.test(opts.mode)) throw new UsageError(`--mode expects octal permission bits such as 644, got '${opts.mode}'`);
    f.fileMode = parseInt(opts.mode.replace(/^0o/, ''), 8);
  }
  if (opts.entitlement?.length) {
    const ents: Record<string, EntitlementValue> = {};
    for (const e of opts.entitlement) {
      const eq = e.indexOf('=');
      if (eq === 0) throw new UsageError(`--entitlement expects KEY[=VALUE], got '${e}'`);
      const key = eq < 0 ? e : e.slice(0, eq);
      const raw = eq < 0 ? 'true' : e.slice(eq + 1);
      ents[key] = raw === 'true' ? true : raw === 'false' ? false : raw;
    }
    f.entitlements = ents;
  }
  if (opts.extension?.length) f.extensions = [...opts.extension];
  if (opts.fact?.length) {
    const other: Record<string, string | number | boolean | Array<string | number>> = {};
    for (const kv of opts.fact) {
      const eq = kv.indexOf('=');
      if (eq <= 0) throw new UsageError(`--fact expects NAME=VALUE, got '${kv}'`);
      const name = kv.slice(0, eq);
      const raw = kv.slice(eq + 1);
      const value: string | number | boolean = /^-?\d+$/.test(raw) ? Number(raw) : /^0x[0-9a-f]+$/i.test(raw) ? parseInt(raw, 16) : raw === 'true' ? true : raw === 'false' ? false : raw;
      const prev = other[name];
      other[name] = prev === undefined ? value : ([...(Array.isArray(prev) ? prev : [prev]), value] as Array<string | number>);
    }
    f.other = other;
  }
  if (opts.processPath !== undefined) f.processPath = opts.processPath;
  if (opts.signingId !== undefined) f.signingIdentifier = opts.signingId;
  if (opts.serviceKind !== undefined) {
    if (!['global', 'local', 'xpc'].includes(opts.serviceKind)) throw new UsageError(`--service-kind expects global, local or xpc, got '${opts.serviceKind}'`);
    f.serviceKind = opts.serviceKind as 'global' | 'local' | 'xpc';
  }
  if (opts.signal !== undefined) {
    const s = opts.signal.toUpperCase();
    const n = /^\d+$/.test(s) ? Number(s) : SIGNALS[s.startsWith('SIG') ? s : 'SIG' + s];
    if (n === undefined || n < 1 || n > 31) throw new UsageError(`--signal expects a signal number 1-31 or a name such as SIGKILL, got '${opts.signal}'`);
    f.signalNumber = n;
  }
  if (opts.noFollow) f.noFollow = true;
  if (opts.resolved) f.pathIsResolved = true;
  return f;
}

/** How TARGETs are read: --endpoint, --self-pid, and a --service-kind a KIND: prefix must agree with. */
function targetOptionsOf(opts: QueryOptions, extra: RequestFacts): TargetOptions {
  if (opts.endpoint !== undefined && opts.endpoint !== 'local' && opts.endpoint !== 'remote') throw new UsageError(`--endpoint expects local or remote, got '${opts.endpoint}'`);
  const t: TargetOptions = {};
  if (opts.endpoint) t.endpoint = opts.endpoint as 'local' | 'remote';
  if (extra.serviceKind) t.serviceKind = extra.serviceKind;
  if (opts.selfPid !== undefined) {
    if (!/^\d+$/.test(opts.selfPid)) throw new UsageError(`--self-pid expects a process id (a number), got '${opts.selfPid}'`);
    t.selfPid = Number(opts.selfPid);
  }
  return t;
}

interface Loaded {
  engine: DecisionEngine;
  vocab: Vocab;
  /** With --platform: the process profile and the platform profile as two layers. */
  layers?: Layers;
}

function loadEngine(profileFile: string, opts: QueryOptions, loadPlatform: PlatformLoader | undefined): Loaded {
  const eopts = engineOptionsFrom(opts);
  if (opts.platformProfile !== undefined && opts.platform === undefined) throw new UsageError('--platform-profile NAME needs --platform BLOB');
  const result = loadProfileFile(profileFile, opts);
  if (!result.ok) {
    printDiagnostics(result.diagnostics);
    throw new CommandFailure(`${profileFile}: the profile has errors; the kernel would refuse it (sandbox-exec exits 65)`);
  }
  const vocab = getVocab(result.profile.os);
  try {
    const engine = new DecisionEngine(result.profile, vocab, eopts);
    // the action imports the loader exactly when --platform is given
    if (loadPlatform === undefined) return { engine, vocab };
    return { engine, vocab, layers: { process: sbplLayer(engine, profileFile), platform: loadPlatform(opts, eopts) } };
  } catch (e) {
    // e.g. an invalid regex: Apple's compiler rejects the profile
    if (e instanceof DecideError) throw new CommandFailure(`${e.message}; the kernel would refuse this profile (sandbox-exec exits 65)`);
    throw e;
  }
}

function runQuery(profileFile: string, operation: string | undefined, target: string | undefined, opts: QueryOptions, loadPlatform: PlatformLoader | undefined): void {
  const extra = flagFacts(opts);
  const targetOptions = targetOptionsOf(opts, extra);
  const expect = expectOption(opts.expect);
  if (opts.as !== undefined) {
    if (opts.requests !== undefined) throw new UsageError('give either --as CALL TARGET or --requests FILE, not both');
    const { engine, vocab, layers } = loadEngine(profileFile, opts, loadPlatform);
    const decision = runCallQuery(engine, vocab, { call: opts.as, target: operation, secondTarget: target, json: opts.json, extra, targetOptions, layers, expect });
    checkExpected(expect, decision, `--as ${opts.as} ${[operation, target].filter((t) => t !== undefined).join(' ')}`);
    return;
  }
  if (opts.requests !== undefined) {
    if (operation !== undefined) throw new UsageError('give either OPERATION [TARGET] or --requests FILE, not both');
    runBatch(profileFile, opts, extra, expect, loadPlatform);
    return;
  }
  if (operation === undefined) throw new UsageError('missing OPERATION (or --requests FILE.jsonl); see sbpl query --help');
  const { engine, vocab, layers } = loadEngine(profileFile, opts, loadPlatform);
  let canonical: string;
  try {
    canonical = engine.canonicalOperation(operation);
  } catch (e) {
    if (e instanceof DecideError) throw new UsageError(e.message);
    throw e;
  }
  let facts: RequestFacts = {};
  let targetNotes: string[] = [];
  if (target !== undefined) {
    try {
      ({ facts, notes: targetNotes } = readTarget(vocab, canonical, target, targetOptions));
    } catch (e) {
      if (e instanceof TargetError) throw new UsageError(e.message);
      throw e;
    }
  } else if (targetKindOf(vocab, canonical) === 'path' || targetKindOf(vocab, canonical) === 'service') {
    throw new UsageError(`${operation} needs a TARGET: ${TARGET_HELP[targetKindOf(vocab, canonical)]}`);
  }
  const request: Request = { operation, facts: { ...facts, ...extra } };
  const explain = opts.explain !== false;
  let decision: 'allow' | 'deny';
  const asked = expect ? { expected: expect } : {};
  try {
    if (layers) {
      const v = decideLayered(layers, request, explain);
      decision = v.decision;
      if (opts.json) {
        const out = { ...layeredJson(layers, v), operation: canonical, target: describeTarget(request.facts), os: vocab.id, ...(targetNotes.length ? { targetNotes } : {}), ...asked, ...(expect ? { asExpected: decision === expect } : {}) };
        process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      } else {
        const head = `${canonical} ${describeTarget(request.facts)}`.trimEnd();
        process.stdout.write(formatLayered(layers, v, head) + targetNotes.map((n) => `\n  target: ${n}`).join('') + `\n  vocabulary: ${vocab.id}\n`);
      }
    } else if (explain) {
      const explained = engine.explain(request);
      decision = explained.decision;
      // How the TARGET was read (a pid's relation, a service's lookup kind, tcp for HOST:PORT) belongs to the answer.
      const ex = targetNotes.length ? { ...explained, notes: [...targetNotes.map((n) => `target: ${n}`), ...explained.notes] } : explained;
      if (opts.json) process.stdout.write(JSON.stringify({ ...ex, os: vocab.id, ...asked, ...(expect ? { asExpected: decision === expect } : {}) }, null, 2) + '\n');
      else process.stdout.write(formatExplanation(ex) + `\n  vocabulary: ${vocab.id}\n`);
    } else {
      const v = engine.decide(request);
      decision = v.decision;
      if (opts.json) process.stdout.write(JSON.stringify({ ...verdictJson(engine, v, request), os: vocab.id, ...(targetNotes.length ? { targetNotes } : {}), ...asked, ...(expect ? { asExpected: decision === expect } : {}) }, null, 2) + '\n');
      else process.stdout.write(verdictLine(engine, v, request) + targetNotes.map((n) => `\n  target: ${n}`).join('') + `\n  vocabulary: ${vocab.id}\n`);
    }
  } catch (e) {
    if (e instanceof DecideError) throw new UsageError(e.message);
    throw e;
  }
  checkExpected(expect, decision, `${canonical} ${describeTarget(request.facts)}`.trimEnd());
}

function verdictJson(engine: DecisionEngine, v: Verdict, r: Request): Record<string, unknown> {
  return {
    decision: v.decision,
    operation: engine.canonicalOperation(r.operation),
    decidedIn: v.operation,
    kind: v.kind,
    check: v.check,
    link: v.link,
    rule: v.rule ? engine.ruleRef(v.rule) : null,
  };
}

function verdictLine(engine: DecisionEngine, v: Verdict, r: Request): string {
  return `${v.decision} ${engine.canonicalOperation(r.operation)} ${describeTarget(r.facts)} — ${describeVerdict(v)}`;
}

/** Answer every good line of a batch; report each bad line with its number; exit 1 if any was bad or not as expected. */
function runBatch(profileFile: string, opts: QueryOptions, extra: RequestFacts, expectAll: ExpectedDecision | undefined, loadPlatform: PlatformLoader | undefined): void {
  const file = opts.requests!;
  const text = readTextFile(file, 'requests file', 'json');
  const { engine, vocab, layers } = loadEngine(profileFile, opts, loadPlatform);
  const { requests, errors } = parseRequestLines(text, vocab);
  const bad = new Map(errors.map((e) => [e.line, e.message]));
  const explain = opts.explain === true;
  const out: string[] = [];
  let unexpected = 0;
  const flush = (): void => {
    if (out.length) process.stdout.write(out.join('\n') + '\n');
    out.length = 0;
  };
  const reportBad = (line: number, message: string): void => {
    flush(); // keep stdout and stderr in line order for a reader of both
    process.stderr.write(`${file}:${line}: ${message}\n`);
    if (opts.json) out.push(JSON.stringify({ line, error: message }));
  };
  const lines = [...requests.map((r) => r.line), ...bad.keys()].sort((x, y) => x - y);
  const byLine = new Map(requests.map((r) => [r.line, r]));
  for (const line of lines) {
    const message = bad.get(line);
    if (message !== undefined) {
      reportBad(line, message);
      continue;
    }
    const { request, expect: lineExpect } = byLine.get(line)!;
    const expect = lineExpect ?? expectAll;
    const r: Request = { operation: request.operation, facts: { ...extra, ...request.facts } };
    let answer: { decision: 'allow' | 'deny'; json: Record<string, unknown>; text: string };
    try {
      answer = answerLine(engine, vocab.id, layers, r, explain, `${file}:${line}`);
    } catch (e) {
      if (!(e instanceof DecideError)) throw e;
      bad.set(line, e.message);
      reportBad(line, e.message);
      continue;
    }
    const asExpected = expect === undefined || answer.decision === expect;
    if (!asExpected) unexpected++;
    if (opts.json) out.push(JSON.stringify({ line, ...answer.json, ...(expect ? { expected: expect, asExpected } : {}) }));
    else out.push(answer.text + (asExpected ? '' : `   ← expected ${expect}`));
    if (out.length >= 1024) flush();
  }
  // text output names the vocabulary once, after the answers (JSON lines carry it in each object)
  if (!opts.json) out.push(`vocabulary: ${vocab.id}`);
  flush();
  const problems: string[] = [];
  if (bad.size) problems.push(`${bad.size} bad request line${bad.size === 1 ? '' : 's'} (the others were answered)`);
  if (unexpected) problems.push(`${unexpected} answer${unexpected === 1 ? '' : 's'} not as expected`);
  if (bad.size) throw new CommandFailure(`${file}: ${problems.join('; ')}`, 'input', 'query/bad-requests');
  if (unexpected) process.stderr.write(`sbpl: ${file}: ${problems.join('; ')}\n`);
  process.exitCode = unexpected ? EXIT_FAILED : EXIT_OK;
}

/** One batch line's answer: its decision, its JSON fields and its text. */
function answerLine(engine: DecisionEngine, os: string, layers: Layers | undefined, r: Request, explain: boolean, where: string): { decision: 'allow' | 'deny'; json: Record<string, unknown>; text: string } {
  const operation = engine.canonicalOperation(r.operation);
  if (layers) {
    const v = decideLayered(layers, r, explain);
    const target = describeTarget(r.facts);
    const text = explain ? `${where}:\n${formatLayered(layers, v, `${operation} ${target}`.trimEnd())}` : `${where}: ${v.decision} ${operation} ${target} — ${layeredLine(v)}`;
    return { decision: v.decision, json: { ...layeredJson(layers, v), operation, target, os }, text };
  }
  if (explain) {
    const ex = engine.explain(r);
    return { decision: ex.decision, json: { ...ex, os }, text: `${where}:\n${formatExplanation(ex)}` };
  }
  const v = engine.decide(r);
  return { decision: v.decision, json: { ...verdictJson(engine, v, r), os }, text: `${where}: ${verdictLine(engine, v, r)}` };
}

/** `--expect`: a verdict the answer must have (a one-line CI assertion). */
function expectOption(value: string | undefined): ExpectedDecision | undefined {
  if (value === undefined) return undefined;
  if (value !== 'allow' && value !== 'deny') throw new UsageError(`--expect expects allow or deny, got '${value}'`);
  return value;
}

/** After a single answer: exit 1, naming what was expected, when it is not as expected. */
function checkExpected(expect: ExpectedDecision | undefined, decision: 'allow' | 'deny', what: string): void {
  if (expect === undefined || decision === expect) {
    process.exitCode = EXIT_OK;
    return;
  }
  process.stderr.write(`sbpl: expected ${expect}, got ${decision}: ${what}\n`);
  process.exitCode = EXIT_FAILED;
}

// re-exported for tests of the explanation text
export { describeDecider };
export type { ProcessRelation };
