// macos: real enforcement. For each probe one process is spawned (the sbpl_probe helper, or sandbox-exec
// running a standard command); everything after the spawn — classification, results — is shared with replay,
// and the spawn's output is recorded as a transcript that replay can feed back.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import type { MatrixCase, ProbeSpec, SetupSpec } from '../matrix.js';
import { classify } from '../classify.js';
import type { LoadedProfile } from '../profiles.js';
import { spawnWithTimeout, type SpawnResult } from '../spawn.js';
import type { RunnerKind, Transcript } from '../transcript.js';
import { buildHelper, defaultCacheDir, helperFromPath, HelperBuildError, type HelperBuild } from '../native/build.js';
import { LogCollector } from '../log-stream.js';
import { sha256 } from '../hash.js';
import { syntheticObservation, type Backend, type CaseRun, type RunContext } from './types.js';

export interface MacosOptions {
  runner: RunnerKind;
  helperPath?: string;
  cacheDir?: string;
  /** Run on a non-macOS host (the helper cannot apply profiles there; used to test the plumbing). */
  allowNonDarwin?: boolean;
  captureLog?: boolean;
  /** Let `setup` create files outside the temporary directories. */
  allowSetupAnywhere?: boolean;
}

const SANDBOX_EXEC = '/usr/bin/sandbox-exec';

/** The standard command the sandbox-exec runner uses to perform a probe's operation. */
export function sandboxExecCommand(p: ProbeSpec): string[] | { error: string } {
  const t = p.target;
  switch (p.exercise) {
    case 'read':
      return ['/bin/cat', t.path!];
    case 'write':
      return ['/bin/sh', '-c', 'exec 3>>"$1"', 'sh', t.path!];
    case 'create':
      return ['/bin/sh', '-c', 'set -C; : > "$1"', 'sh', t.path!];
    case 'stat':
      return ['/usr/bin/stat', t.path!];
    case 'exec':
      return [t.path!, ...(p.args ?? [])];
    case 'sysctl-read':
      return ['/usr/sbin/sysctl', t.sysctl!];
    case 'connect':
      if (!t.remote) return { error: 'the sandbox-exec runner connects to host:port only' };
      return ['/usr/bin/nc', '-z', '-w', '3', ...(t.remote.proto === 'udp' ? ['-u'] : []), t.remote.host, String(t.remote.port)];
    default:
      return { error: `exercise '${p.exercise}' has no standard command; use the helper runner` };
  }
}

/** Where setup may create fixtures unless --allow-setup-anywhere. */
function setupAllowed(p: string, outDir: string): boolean {
  const darwinRoots = process.platform === 'darwin' ? ['/private/tmp/', '/var/folders/', '/private/var/folders/'] : [];
  const roots = ['/tmp/', ...darwinRoots, resolve(tmpdir()) + '/', resolve(outDir) + '/'];
  return roots.some((r) => p.startsWith(r));
}

export class MacosBackend implements Backend {
  readonly name = 'macos' as const;
  helper?: HelperBuild;
  private helperError?: string;
  private readonly problems: string[] = [];
  private log?: LogCollector;
  readonly setupDone: string[] = [];

  constructor(private readonly opts: MacosOptions) {}

  async prepare(ctx: RunContext): Promise<void> {
    if (process.platform !== 'darwin' && !this.opts.allowNonDarwin) {
      throw new HelperBuildError(`the macos backend enforces profiles with the macOS kernel; this is ${process.platform}. Use --backend simulate, or replay a recorded run`);
    }
    if (process.platform !== 'darwin') this.problems.push(`running on ${process.platform}: profiles cannot be applied here; only mode "none" probes exercise anything`);
    // The helper runs the probes (helper runner) and, on macOS, preflight's "already sandboxed?" self-check.
    if (this.opts.runner === 'helper' || process.platform === 'darwin') {
      try {
        this.helper = this.opts.helperPath ? helperFromPath(this.opts.helperPath) : buildHelper(this.opts.cacheDir ?? defaultCacheDir());
      } catch (e) {
        this.helperError = (e as Error).message;
        this.problems.push(`probe helper unavailable: ${this.helperError}`);
      }
    }
    if (this.opts.runner === 'sandbox-exec' && !existsSync(SANDBOX_EXEC)) this.problems.push(`${SANDBOX_EXEC} not found`);
    this.setup(ctx.matrix.setup, ctx.outDir);
    if (this.opts.captureLog) {
      this.log = new LogCollector();
      await this.log.start();
      if (this.log.error) this.problems.push(`log stream: ${this.log.error.trim()}`);
    }
  }

  private setup(entries: SetupSpec[], outDir: string): void {
    for (const s of entries) {
      if (!this.opts.allowSetupAnywhere && !setupAllowed(s.path, outDir)) {
        this.problems.push(`setup: refused to create ${s.path} outside the temporary directories (use --allow-setup-anywhere)`);
        continue;
      }
      try {
        if (s.kind === 'dir') mkdirSync(s.path, { recursive: true });
        else {
          mkdirSync(dirname(s.path), { recursive: true });
          if (s.content !== undefined || !existsSync(s.path)) writeFileSync(s.path, s.content ?? '');
        }
        this.setupDone.push(s.path);
      } catch (e) {
        this.problems.push(`setup: cannot create ${s.path}: ${(e as Error).message}`);
      }
    }
  }

  /** The argv that runs `c`, or a reason it cannot be run with this runner. */
  argv(c: MatrixCase, lp: LoadedProfile, ctx: RunContext): string[] | { error: string } {
    const files = ctx.profileFiles.get(lp.key) ?? {};
    const p = c.probe;
    const t = p.target;
    if (this.opts.runner === 'helper') {
      if (!this.helper) return { error: `probe helper unavailable: ${this.helperError ?? 'not built'}` };
      const a = [this.helper.path];
      if (lp.spec.mode === 'none') a.push('--mode', 'none');
      else if (lp.spec.mode === 'blob') {
        if (files.blob) a.push('--mode', 'blob', '--profile', files.blob);
        else if (files.sbpl) a.push('--mode', 'compile-blob', '--profile', files.sbpl);
        else return { error: 'no profile file to apply' };
      } else {
        if (!files.sbpl) return { error: 'no profile text to apply' };
        a.push('--mode', 'sbpl', '--profile', files.sbpl);
      }
      for (const [k, v] of Object.entries(lp.spec.params)) a.push('--param', `${k}=${v}`);
      a.push('--exercise', p.exercise, '--deadline-ms', String(c.timeoutMs + 2000));
      if (t.path) a.push('--path', t.path);
      for (const x of p.args ?? []) a.push('--arg', x);
      if (t.service) a.push('--service', t.service);
      if (t.sysctl) a.push('--sysctl', t.sysctl);
      const ep = p.exercise === 'bind' ? t.local : t.remote;
      if (t.socketPath && (p.exercise === 'connect' || p.exercise === 'bind')) a.push('--unix', t.socketPath);
      else if (ep) a.push('--proto', ep.proto, '--host', ep.host, '--port', String(ep.port));
      if (p.exercise === 'none') return { error: "exercise 'none' is decide-only; nothing to run" };
      return a;
    }
    // sandbox-exec runner: a standard command performs the operation (exit 71 / 65 / signals are classified).
    const cmd = sandboxExecCommand(p);
    if (!Array.isArray(cmd)) return cmd;
    if (lp.spec.mode === 'none') return cmd;
    if (lp.spec.mode === 'blob') return { error: 'sandbox-exec cannot apply a compiled blob; use the helper runner' };
    if (!files.sbpl) return { error: 'no profile text to apply' };
    const a = [SANDBOX_EXEC, '-f', files.sbpl];
    for (const [k, v] of Object.entries(lp.spec.params)) a.push('-D', `${k}=${v}`);
    return [...a, ...cmd];
  }

  async runCase(c: MatrixCase, lp: LoadedProfile, ctx: RunContext): Promise<CaseRun> {
    const startedAt = new Date().toISOString();
    if (lp.unavailable) {
      return { observation: syntheticObservation('profile-unavailable', lp.unavailable), predicted: false, runner: this.opts.runner, startedAt, durationMs: 0 };
    }
    const argv = this.argv(c, lp, ctx);
    if (!Array.isArray(argv)) {
      return { observation: syntheticObservation('helper-error', argv.error), predicted: false, runner: this.opts.runner, startedAt, durationMs: 0 };
    }
    const from = Date.now();
    const r: SpawnResult = await spawnWithTimeout(argv, c.timeoutMs);
    const logLines = this.log ? await this.log.linesSince(from) : [];
    const transcript: Transcript = {
      key: c.key,
      runner: this.opts.runner,
      argv,
      exitCode: r.exitCode,
      signal: r.signal,
      stdout: r.stdout,
      stderr: r.spawnError ? `${r.stderr}\nspawn failed: ${r.spawnError}` : r.stderr,
      timedOut: r.timedOut,
      durationMs: r.durationMs,
      startedAt: r.startedAt,
      logLines,
      profileSha256: lp.blob ? lp.source?.sha256 : lp.appliedText !== undefined ? sha256(lp.appliedText) : undefined,
    };
    const observation = r.spawnError
      ? syntheticObservation('helper-error', `cannot start ${argv[0]}: ${r.spawnError}`)
      : classify(transcript, c);
    return { observation, predicted: false, runner: this.opts.runner, transcript, startedAt: r.startedAt, durationMs: r.durationMs };
  }

  describe(): Record<string, unknown> {
    return {
      runner: this.opts.runner,
      helper: this.helper ?? null,
      helperError: this.helperError ?? null,
      captureLog: !!this.opts.captureLog,
      setupCreated: this.setupDone,
    };
  }

  notes(): string[] {
    return this.problems;
  }

  async close(): Promise<void> {
    await this.log?.stop();
  }
}
