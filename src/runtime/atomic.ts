// Crash-safe file output: a file is either its old version or its new one, never half written; an append-only
// log loses at most the line being written when the process is killed.

import { closeSync, fsyncSync, openSync, readdirSync, renameSync, unlinkSync, writeSync, mkdirSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

/** Temporary files of writeFileAtomic: `.NAME.tmp-PID-RANDOM` (unpredictable, created exclusively). */
const TEMP_FILE = /^\..+\.tmp-(\d+)-[0-9a-f]+$/;

function writeAll(fd: number, data: Uint8Array): void {
  for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
}

/**
 * The random part of a temporary name, from the Web Crypto global: importing node:crypto would load its ~20
 * internal modules at start-up of every command that can write a file (most of them), written or not.
 */
function randomHex(n: number): string {
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(n)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function bytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

/** Write `data` to a temporary file next to `path`, flush it, then rename it over `path`. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomHex(6)}`);
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    writeAll(fd, bytes(data));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove temporary files a killed writer left in `dir` (those of live processes are kept). Returns their names. */
export function removeStaleTempFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const n of names) {
    const m = TEMP_FILE.exec(n);
    if (!m || alive(Number(m[1]))) continue;
    try {
      unlinkSync(join(dir, n));
      removed.push(n);
    } catch {
      // gone meanwhile
    }
  }
  return removed;
}

/**
 * An append-only file kept open while it grows. Each line is one write(2): a kill leaves every line written
 * before it, and at most a cut-short last line (readers skip it). `sync()` flushes to disk for power loss.
 */
export class AppendOnlyFile {
  private fd: number | undefined;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a');
  }

  append(line: string): void {
    if (this.fd === undefined) throw new Error(`${this.path}: already closed`);
    writeAll(this.fd, bytes(line.endsWith('\n') ? line : line + '\n'));
  }

  sync(): void {
    if (this.fd !== undefined) fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd === undefined) return;
    try {
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }
}
