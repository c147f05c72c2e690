// Every file the toolkit reads as input goes through here: it must be a regular file (or standard input) and
// no larger than the limit for its kind, checked before anything is read. A FIFO, a device (/dev/zero) or a
// socket is refused at once instead of blocking forever or growing without bound.
//
// The limits, in one place. One environment variable raises them all (a command-line option would have to
// exist on every command; a library caller passes `limit` instead).

import { StageError } from '../diagnostics/diagnostic.js';
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

export type InputKind = 'sbpl' | 'blob' | 'json' | 'log';

const MiB = 1 << 20;

/** Default size limits by kind of input, in bytes. */
export const INPUT_LIMITS: Readonly<Record<InputKind, { bytes: number; covers: string }>> = {
  sbpl: { bytes: 16 * MiB, covers: 'SBPL text (profiles, preludes, stand-ins, imports)' },
  blob: { bytes: 64 * MiB, covers: 'compiled profile blobs' },
  json: { bytes: 256 * MiB, covers: 'JSON inputs (matrices, parameters, golden sets, results, transcripts, journals, requests)' },
  log: { bytes: 256 * MiB, covers: 'log text' },
};

/** Set to a byte count (suffix K, M or G allowed) to raise or lower every input limit. */
export const INPUT_LIMIT_ENV = 'SBPL_KIT_MAX_INPUT_BYTES';

/** An input that cannot be read: `message` names the file, what was expected and, for size, how to raise the limit. */
export class InputFileError extends StageError {
  constructor(
    readonly path: string,
    message: string,
    readonly reason: 'not-found' | 'directory' | 'not-regular' | 'too-large' | 'unreadable',
  ) {
    super(message, 'input/file', 'usage');
    this.name = 'InputFileError';
  }
}

function parseByteCount(s: string): number | undefined {
  const m = /^\s*(\d+)\s*([KMG]?)i?B?\s*$/i.exec(s);
  if (!m) return undefined;
  const unit = { '': 1, K: 1 << 10, M: MiB, G: 1 << 30 }[m[2].toUpperCase() as '' | 'K' | 'M' | 'G'];
  return Number(m[1]) * unit;
}

/** The limit for `kind` in bytes, after the environment override. */
export function inputLimit(kind: InputKind): number {
  const env = process.env[INPUT_LIMIT_ENV];
  if (env !== undefined && env !== '') {
    const n = parseByteCount(env);
    if (n === undefined) throw new InputFileError('', `${INPUT_LIMIT_ENV}=${env}: expected a byte count such as 536870912 or 512M`, 'unreadable');
    return n;
  }
  return INPUT_LIMITS[kind].bytes;
}

function formatBytes(n: number): string {
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

function fileType(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a directory';
  return 'not a regular file';
}

export interface ReadInputOptions {
  /** What the file is, for messages ("matrix", "profile", "golden file"). */
  what: string;
  kind: InputKind;
  /** `-` means standard input (read up to the same limit). */
  allowStdin?: boolean;
  /** Override the limit (bytes). */
  limit?: number;
}

function tooLarge(path: string, what: string, kind: InputKind, limit: number, size?: number): InputFileError {
  const got = size === undefined ? `more than ${formatBytes(limit)}` : `${size} bytes`;
  return new InputFileError(
    path,
    `${what} ${path}: ${got}, over the ${formatBytes(limit)} limit for ${INPUT_LIMITS[kind].covers}; set ${INPUT_LIMIT_ENV} to raise it`,
    'too-large',
  );
}

/** Read from `fd` until end of file, failing once more than `limit` bytes arrive. */
function readBounded(fd: number, limit: number, sizeHint: number, onTooLarge: () => InputFileError): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let buf = Buffer.allocUnsafe(Math.min(Math.max(sizeHint + 1, 64 * 1024), limit + 1));
  let at = 0;
  for (;;) {
    if (at === buf.length) {
      chunks.push(buf);
      buf = Buffer.allocUnsafe(Math.min(Math.max(64 * 1024, total), limit + 1 - total) || 1);
      at = 0;
    }
    let n: number;
    try {
      n = readSync(fd, buf, at, buf.length - at, null);
    } catch (e) {
      // A non-blocking pipe with nothing to read yet: wait a little (synchronously) and try again.
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      throw e;
    }
    if (n === 0) break;
    at += n;
    total += n;
    if (total > limit) throw onTooLarge();
  }
  chunks.push(buf.subarray(0, at));
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

/** The bytes of an input file (or standard input), checked as described at the top. */
export function readInputBytes(path: string, opts: ReadInputOptions): Uint8Array {
  const limit = opts.limit ?? inputLimit(opts.kind);
  const what = opts.what;
  if (path === '-' && opts.allowStdin) {
    try {
      const st = fstatSync(0);
      if (st.isFile() && st.size > limit) throw tooLarge('<stdin>', what, opts.kind, limit, st.size);
      return readBounded(0, limit, st.isFile() ? st.size : 0, () => tooLarge('<stdin>', what, opts.kind, limit));
    } catch (e) {
      if (e instanceof InputFileError) throw e;
      throw new InputFileError('-', `cannot read ${what} from standard input: ${(e as Error).message}`, 'unreadable');
    }
  }
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer before we can look at it.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputFileError(path, `${what} not found: ${path}`, 'not-found');
    if (code === 'EISDIR') throw new InputFileError(path, `${what} is a directory: ${path}`, 'directory');
    if (code === 'ENXIO') throw new InputFileError(path, `${what} ${path} is not a regular file (a socket or a device without a reader); give a regular file`, 'not-regular');
    throw new InputFileError(path, `cannot read ${what} ${path}: ${(e as Error).message}`, 'unreadable');
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputFileError(path, `${what} is a directory: ${path}`, 'directory');
    if (!st.isFile()) {
      throw new InputFileError(path, `${what} ${path} is ${fileType(st)}, not a regular file; give a regular file${opts.allowStdin ? " (or '-' for standard input)" : ''}`, 'not-regular');
    }
    if (st.size > limit) throw tooLarge(path, what, opts.kind, limit, st.size);
    return readBounded(fd, limit, st.size, () => tooLarge(path, what, opts.kind, limit));
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(path, `cannot read ${what} ${path}: ${(e as Error).message}`, 'unreadable');
  } finally {
    closeSync(fd);
  }
}

/** The text of an input file (UTF-8, as `readFileSync(path, 'utf8')` decodes it). */
export function readInputText(path: string, opts: ReadInputOptions): string {
  const bytes = readInputBytes(path, opts);
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return buf.toString('utf8');
  } catch (e) {
    throw new InputFileError(path, `cannot read ${opts.what} ${path}: ${(e as Error).message}`, 'too-large');
  }
}
