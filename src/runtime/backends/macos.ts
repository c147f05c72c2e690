// macos: real enforcement. For each probe one process is spawned (the sbpl_probe helper, or sandbox-exec
// running a standard command); everything after the spawn — classification, results — is shared with replay,
// and the spawn's output is recorded as a transcript that replay can feed back.

import { closeSync, constants, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { tmpdir } from 'node:os';
import type { MatrixCase, SetupSpec } from '../matrix.js';
import { classify } from '../classify.js';
import { syntheticObservation } from '../observation.js';
import { insideRoots, PathResolveError } from '../resolve-path.js';
import { paramKeyProblem, paramValueProblem, sysctlNameProblem } from '../names.js';
import { SANDBOX_EXEC, sandboxExecCommand } from './sandbox-exec.js';
import type { LoadedProfile } from '../profiles.js';
import { spawnWithTimeout, type SpawnResult } from '../spawn.js';
import type { RunnerKind, Transcript } from '../transcript.js';
import { buildHelper, defaultCacheDir, helperFromPath, HelperBuildError, type HelperBuild } from '../native/build.js';
import { LogCollector } from '../log-stream.js';
import { sha256 } from '../hash.js';
import type { Backend, BackendReadiness, CaseRun, RunContext } from './types.js';

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

/** Where setup may create fixtures unless --allow-setup-anywhere (compared after resolving, see resolve-path.ts). */
function setupRoots(outDir: string): string[] {
  const darwinRoots = process.platform === 'darwin' ? ['/private/tmp', '/var/folders', '/private/var/folders'] : [];
  return ['/tmp', ...darwinRoots, tmpdir(), outDir];
}

/** Create one setup entry at its resolved path; the last component is never followed if it is a symlink. */
function createEntry(s: SetupSpec, resolved: string): void {
  if (s.kind === 'dir') {
    mkdirSync(resolved, { recursive: true });
    return;
  }
  mkdirSync(dirname(resolved), { recursive: true });
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | (s.content !== undefined ? constants.O_TRUNC : 0);
  const fd = openSync(resolved, flags, 0o644);
  try {
    if (s.content !== undefined) writeFileSync(fd, s.content);
  } finally {
    closeSync(fd);
  }
}

/** Why an argv built for a probe must not run (a value that would change the command's meaning), if any. */
function argvProblems(c: MatrixCase, lp: LoadedProfile): string | undefined {
  for (const [k, v] of Object.entries(lp.spec.params)) {
    const p = paramKeyProblem(k) ?? paramValueProblem(v);
    if (p) return `profile parameter: ${p}`;
  }
  const t = c.probe.target;
  if (t.sysctl !== undefined) {
    const p = sysctlNameProblem(t.sysctl);
    if (p) return p;
  }
  return undefined;
}

export class MacosBackend implements Backend {
  readonly name = 'macos' as const;
  readonly recordsTranscripts = true;
  helper?: HelperBuild;
  private helperError?: string;
  private readonly problems: string[] = [];
  private log?: LogCollector;
  readonly setupDone: string[] = [];

  constructor(private readonly opts: MacosOptions) {}

  get runner(): RunnerKind {
    return this.opts.runner;
  }

  async prepare(ctx: RunContext): Promise<BackendReadiness> {
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
    const h = this.helper;
    return {
      helper: h,
      inputs: h ? [{ role: 'probe helper', path: h.path, sha256: h.sha256, source: h.source, compiler: h.compiler }] : [],
    };
  }

  private setup(entries: SetupSpec[], outDir: string): void {
    const roots = setupRoots(outDir);
    for (const s of entries) {
      let resolved: string;
      try {
        const where = insideRoots(s.path, roots);
        resolved = where.resolved;
        if (!this.opts.allowSetupAnywhere && !where.root) {
          const via = resolved !== s.path ? ` (it resolves to ${resolved})` : '';
          this.problems.push(`setup: refused to create ${s.path}${via} outside the temporary directories (use --allow-setup-anywhere)`);
          continue;
        }
      } catch (e) {
        if (!(e instanceof PathResolveError)) throw e;
        this.problems.push(`setup: refused to create ${s.path}: ${e.message}`);
        continue;
      }
      try {
        createEntry(s, resolved);
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
    const bad = argvProblems(c, lp);
    if (bad) return { error: `refused to run: ${bad}` };
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
