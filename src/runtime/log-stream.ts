// Capture Seatbelt reports from the unified log while probes run (macOS only, `--capture-log`).
// Predicate and NDJSON style as used by Codex's DenialLogger and Chromium's sandbox debugging docs
// (docs/semantics.md §6.2): kernel (pid 0) messages from the Sandbox kext, or the com.apple.sandbox.reporting subsystem.
// `log` refuses to run inside a sandbox ("Cannot run while sandboxed"), which preflight reports.

import { spawn, type ChildProcess } from 'node:child_process';

export const SANDBOX_LOG_PREDICATE = '((processID == 0) AND (senderImagePath CONTAINS "/Sandbox")) OR (subsystem == "com.apple.sandbox.reporting")';

interface Line {
  at: number;
  text: string;
}

export class LogCollector {
  private child?: ChildProcess;
  private lines: Line[] = [];
  private buf = '';
  error?: string;

  /** Start `log stream`; resolves when it is streaming (or after `readyMs`). */
  async start(readyMs = 2000): Promise<void> {
    await new Promise<void>((resolveStart) => {
      const child = spawn('/usr/bin/log', ['stream', '--style', 'ndjson', '--predicate', SANDBOX_LOG_PREDICATE], { stdio: ['ignore', 'pipe', 'pipe'] });
      this.child = child;
      const timer = setTimeout(resolveStart, readyMs);
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (d: string) => {
        this.buf += d;
        const parts = this.buf.split('\n');
        this.buf = parts.pop() ?? '';
        for (const p of parts) {
          if (p.startsWith('Filtering the log data')) {
            clearTimeout(timer);
            resolveStart();
            continue;
          }
          if (p.trim()) this.lines.push({ at: Date.now(), text: p });
        }
      });
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (d: string) => {
        this.error = (this.error ?? '') + d;
      });
      child.on('error', (e) => {
        this.error = e.message;
        clearTimeout(timer);
        resolveStart();
      });
      child.on('exit', () => {
        clearTimeout(timer);
        resolveStart();
      });
    });
  }

  /** Lines received between `from` and now, after waiting `graceMs` for late reports. */
  async linesSince(from: number, graceMs = 300): Promise<string[]> {
    await new Promise((r) => setTimeout(r, graceMs));
    return this.lines.filter((l) => l.at >= from).map((l) => l.text);
  }

  async stop(): Promise<void> {
    this.child?.kill('SIGTERM');
  }
}
