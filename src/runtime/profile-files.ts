// DIR/profiles/: the exact text (or blob) each profile was decided and applied with. File names come from
// profile keys, which may be long or differ only in characters a file name cannot carry (`a/b` vs `a_b`), or
// only in case (macOS volumes ignore case): each name is a readable part of the key plus a hash of the whole
// key, bounded in length and unique among the run's profiles even when compared without case.

import { join } from 'node:path';
import { sha256 } from './hash.js';

/** Characters of the key kept in the name (the rest of the name is the hash and a suffix). */
const READABLE_CHARS = 48;
const HASH_CHARS = 12;

function readable(key: string): string {
  const s = key.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, READABLE_CHARS);
  // never a hidden file, `.` or `..`
  return s.replace(/^\.+/, (dots) => '_'.repeat(dots.length)) || '_';
}

/**
 * File name stems (`<readable>-<hash>`) for `keys`, collision-free: a clash of the short hash (compared
 * without case) takes the full hash instead.
 */
export function profileFileStems(keys: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const key of keys) {
    if (out.has(key)) continue;
    const h = sha256(key);
    let stem = `${readable(key)}-${h.slice(0, HASH_CHARS)}`;
    if (taken.has(stem.toLowerCase())) stem = `${readable(key)}-${h}`;
    taken.add(stem.toLowerCase());
    out.set(key, stem);
  }
  return out;
}

export interface ProfilePaths {
  /** The text decided/applied (after shims). */
  sbpl: string;
  /** The text as written, when shims changed it. */
  original: string;
  /** The blob applied (blob sources). */
  blob: string;
}

export function profilePaths(outDir: string, stem: string): ProfilePaths {
  const dir = join(outDir, 'profiles');
  return { sbpl: join(dir, `${stem}.sb`), original: join(dir, `${stem}.original.sb`), blob: join(dir, `${stem}.sb.bin`) };
}
