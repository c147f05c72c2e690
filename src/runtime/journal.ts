// The run journal (DIR/runtime_results.journal.ndjson): the durable record of a run, one JSON object per line.
//
//   {"kind":"header","format":"sbpl-kit/runtime-journal@2","runId":..,"startedAt":..,"backend":..,"runner":..,
//    "compare":..,"matrix":{"path":..,"sha256":..},"profiles":[{"key":..,"sha256":..}, ...]}
//   {"kind":"row","case":"<fingerprint>","row":{...one result row...}}
//   ...
//
// The first line says what the rows were measured against; each row carries the fingerprint of its case (the
// probe, the expectation, the profile's content hash, the backend), so a resumed run keeps exactly the rows
// whose inputs are unchanged. Rows are appended as probes finish (one write each: a kill loses at most a
// cut-short last line, which readers skip). A run starts by replacing the journal atomically with a header
// and the rows it keeps, so the file stays linear in the number of cases however often a run is resumed.

import { StageError } from '../diagnostics/diagnostic.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendName } from './backends/types.js';
import type { ResultRow } from './results.js';
import type { RunnerKind } from './transcript.js';
import { AppendOnlyFile, writeFileAtomic } from './atomic.js';
import { readInputText } from './file-input.js';
import { JsonInputError, parseJsonInput } from './json-input.js';

export const JOURNAL_FORMAT = 'sbpl-kit/runtime-journal@2';
export const JOURNAL_FILE = 'runtime_results.journal.ndjson';

export interface JournalHeader {
  kind: 'header';
  format: typeof JOURNAL_FORMAT;
  runId: string;
  startedAt: string;
  backend: BackendName;
  /** The runner used (macos) or modelled (simulate). */
  runner: RunnerKind | null;
  compare: 'expected' | 'predicted';
  matrix: { path: string; sha256: string };
  /** Every profile's content hash (text as applied, blob, imports): see profileContentHash. */
  profiles: Array<{ key: string; sha256: string }>;
  /** Files the backend read (replay transcripts, the probe helper), by role and hash. */
  inputs: Array<{ role: string; sha256: string }>;
}

export interface JournalRow {
  kind: 'row';
  /** Fingerprint of the case the row answers (caseFingerprint). */
  case: string;
  row: ResultRow;
}

export interface JournalContents {
  /** Undefined for a journal without a header (written by sbpl-kit before journal@2). */
  header?: JournalHeader;
  /** Rows in file order, the last one per key kept. */
  rows: JournalRow[];
  /** A cut-short last line was skipped (the run was killed while writing it). */
  truncatedTail: boolean;
}

export class JournalError extends StageError {
  constructor(message: string) {
    super(message, 'runtime/journal', 'input');
    this.name = 'JournalError';
  }
}

function isRow(v: unknown): v is ResultRow {
  const r = v as ResultRow | null;
  return !!r && typeof r === 'object' && typeof r.key === 'string' && typeof r.actual === 'string';
}

/** Read the journal at `path`. A damaged line other than the last one is an error naming its line. */
export function readJournalFile(path: string): JournalContents {
  const text = readInputText(path, { what: 'run journal', kind: 'json' });
  const lines = text.split('\n');
  const byKey = new Map<string, JournalRow>();
  let header: JournalHeader | undefined;
  let truncatedTail = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) continue;
    let v: unknown;
    try {
      v = parseJsonInput(line, `${path}:${i + 1}`);
    } catch (e) {
      const last = lines.slice(i + 1).every((l) => !l.trim());
      if (last && !text.endsWith('\n')) {
        truncatedTail = true;
        break;
      }
      throw new JournalError(`${path}:${i + 1}: damaged journal line (${e instanceof JsonInputError ? e.detail : (e as Error).message}); remove the line or run without --resume`);
    }
    const o = v as { kind?: unknown; format?: unknown; case?: unknown; row?: unknown } | null;
    let entry: JournalRow;
    if (o && o.kind === 'header' && o.format === JOURNAL_FORMAT && !header && byKey.size === 0) {
      header = o as unknown as JournalHeader;
      continue;
    } else if (o && o.kind === 'row' && typeof o.case === 'string' && isRow(o.row)) entry = o as unknown as JournalRow;
    else if (isRow(o) && !header) entry = { kind: 'row', case: '', row: o }; // journal@1: bare rows, no fingerprint
    else throw new JournalError(`${path}:${i + 1}: not a journal line (expected a header first, then {"kind": "row", ...} lines)`);
    // The last entry per key wins, in the position it was written.
    byKey.delete(entry.row.key);
    byKey.set(entry.row.key, entry);
  }
  return { header, rows: [...byKey.values()], truncatedTail };
}

/** Rows recorded in the journal of output directory `outDir` (a line cut short by a kill is skipped). */
export function readJournal(outDir: string): ResultRow[] {
  const p = join(outDir, JOURNAL_FILE);
  if (!existsSync(p)) return [];
  return readJournalFile(p).rows.map((r) => r.row);
}

/** The journal of a run in progress: started (header + kept rows, atomically), then appended to. */
export class JournalWriter {
  private readonly file: AppendOnlyFile;

  constructor(readonly path: string, header: JournalHeader, kept: JournalRow[]) {
    writeFileAtomic(path, [header, ...kept].map((x) => JSON.stringify(x) + '\n').join(''));
    this.file = new AppendOnlyFile(path);
  }

  append(fingerprint: string, row: ResultRow): void {
    this.file.append(JSON.stringify({ kind: 'row', case: fingerprint, row } satisfies JournalRow));
  }

  /** Flush to disk (called with each compact rewrite of the results file). */
  sync(): void {
    this.file.sync();
  }

  close(): void {
    this.file.close();
  }
}
