// Run one probe process with a hard time limit. The process gets its own process group so that a timeout
// kills it and anything it forked (the exec probe's child) together.

import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface SpawnResult {
  argv: string[];
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
  startedAt: string;
  pid: number | null;
  /** Set when the program could not be started at all (ENOENT ...). */
  spawnError?: string;
}

const MAX_OUTPUT = 1 << 20;

export function spawnWithTimeout(argv: string[], timeoutMs: number, opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<SpawnResult> {
  return new Promise((resolvePromise) => {
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: opts.env, cwd: opts.cwd });
    const finish = (exitCode: number | null, signal: string | null, spawnError?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolvePromise({ argv, exitCode, signal, stdout, stderr, timedOut, durationMs: performance.now() - t0, startedAt, pid: child.pid ?? null, spawnError });
    };
    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        try {
          child.kill('SIGKILL');
        } catch {
          // already gone
        }
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    child.stdout!.setEncoding('utf8');
    child.stderr!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += d;
    });
    child.stderr!.on('data', (d: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += d;
    });
    child.on('error', (e) => finish(null, null, e.message));
    child.on('exit', (code, signal) => {
      // Output may still be buffered; wait for the pipes briefly (a forked grandchild may hold them open).
      const grace = setTimeout(() => {
        killGroup();
        finish(code, signal);
      }, 500);
      child.on('close', () => {
        clearTimeout(grace);
        finish(code, signal);
      });
    });
  });
}
