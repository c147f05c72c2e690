// `sbpl run --resume`: keep the journal's rows whose inputs are unchanged and run the rest. A resume is refused
// (ResumeError, naming every change) when the matrix, a profile's content, the backend, its runner or its input
// files changed since the journal was written; `--force` then keeps only the rows whose case fingerprint still
// matches, so exactly the changed probes run again.

import { StageError } from '../diagnostics/diagnostic.js';
import { existsSync } from 'node:fs';
import type { MatrixCase } from './matrix.js';
import { profileContentHash, type LoadedProfile } from './profiles.js';
import { readJournalFile, type JournalHeader, type JournalRow } from './journal.js';
import { sha256 } from './hash.js';

export class ResumeError extends StageError {
  constructor(message: string) {
    super(message, 'runtime/resume-refused', 'input');
    this.name = 'ResumeError';
  }
}

/** What a row's validity depends on besides its case: the backend and what it ran. */
export interface RunIdentity {
  backend: JournalHeader['backend'];
  runner: JournalHeader['runner'];
  compare: JournalHeader['compare'];
  /** Files the backend read (replay transcripts, the probe helper), by role and hash. */
  inputs: Array<{ role: string; sha256: string }>;
}

/**
 * Fingerprint of a case as run: its definition in the matrix, its profile's definition and content, and the
 * run identity. The probe's time limit is left out (a resume may shorten it).
 */
export function caseFingerprint(c: MatrixCase, lp: LoadedProfile, id: RunIdentity): string {
  const { expect: _expect, ...profileSpec } = lp.spec;
  void _expect;
  return sha256(
    JSON.stringify({
      key: c.key,
      profileKey: c.profileKey,
      probeId: c.probeId,
      probe: { ...c.probe, timeoutMs: undefined },
      expected: c.expected,
      note: c.note ?? null,
      operation: c.operation,
      checkedOperation: c.checkedOperation,
      profile: profileSpec,
      content: profileContentHash(lp),
      run: id,
    }),
  );
}

export interface ResumePlan {
  /** Journal rows to keep (their cases are not run again). */
  kept: JournalRow[];
  /** Profile hashes of the old header for profiles this run does not load (their rows are carried over). */
  carriedProfiles: JournalHeader['profiles'];
  /** What changed (empty when nothing did); with --force these were accepted. */
  changes: string[];
}

const short = (h: string | null | undefined) => (h ? `${h.slice(0, 12)}…` : 'none');

function changesBetween(old: JournalHeader | undefined, rows: number, now: JournalHeader): string[] {
  if (!old) return rows ? ['the journal has no header (written by an older sbpl-kit), so what its rows were measured against is unknown'] : [];
  const out: string[] = [];
  if (old.matrix.sha256 !== now.matrix.sha256) out.push(`the matrix changed (sha256 ${short(old.matrix.sha256)} → ${short(now.matrix.sha256)})`);
  if (old.backend !== now.backend) out.push(`the backend changed (${old.backend} → ${now.backend})`);
  if (old.runner !== now.runner) out.push(`the runner changed (${old.runner ?? 'none'} → ${now.runner ?? 'none'})`);
  if (old.compare !== now.compare) out.push(`--compare changed (${old.compare} → ${now.compare})`);
  const oldProfiles = new Map(old.profiles.map((p) => [p.key, p.sha256]));
  for (const p of now.profiles) {
    const before = oldProfiles.get(p.key);
    if (before !== undefined && before !== p.sha256) out.push(`profile '${p.key}' changed (content sha256 ${short(before)} → ${short(p.sha256)})`);
  }
  const oldInputs = new Map((old.inputs ?? []).map((i) => [i.role, i.sha256]));
  for (const i of now.inputs ?? []) {
    const before = oldInputs.get(i.role);
    if (before !== i.sha256) out.push(`the ${i.role} changed (sha256 ${short(before)} → ${short(i.sha256)})`);
  }
  return out;
}

/**
 * Decide what a resumed run keeps from the journal at `journalPath`. `fingerprints` holds the cases this run
 * selects; `matrixKeys` every case key of the matrix (rows of cases outside the selection are carried over).
 */
export function planResume(journalPath: string, now: JournalHeader, fingerprints: Map<string, string>, matrixKeys: Set<string>, profileKeys: Set<string>, force: boolean): ResumePlan {
  if (!existsSync(journalPath)) return { kept: [], carriedProfiles: [], changes: [] };
  const journal = readJournalFile(journalPath);
  const changes = changesBetween(journal.header, journal.rows.length, now);
  if (changes.length && !force) {
    throw new ResumeError(
      `cannot resume from ${journalPath}: ${changes.join('; ')}. Run without --resume to start over, or add --force to keep the unchanged rows and rerun the changed probes`,
    );
  }
  const kept = journal.rows.filter((r) => {
    const fp = fingerprints.get(r.row.key);
    if (fp !== undefined) return r.case === fp;
    return matrixKeys.has(r.row.key) && r.case !== '';
  });
  const loaded = new Set(now.profiles.map((p) => p.key));
  const carriedProfiles = (journal.header?.profiles ?? []).filter((p) => !loaded.has(p.key) && profileKeys.has(p.key));
  return { kept, carriedProfiles, changes };
}
