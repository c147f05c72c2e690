// Transcripts: exactly what the macOS backend's spawn step returned for one probe. The macOS backend records
// them; the replay backend feeds recorded ones through the same classification, so the macOS code paths are
// exercised on any machine.

import { StageError } from '../diagnostics/diagnostic.js';
import { z } from 'zod';
import { formatJsonPath, locateJsonPath } from './json-location.js';
import { JsonInputError, parseJsonInput, tryParseJson } from './json-input.js';

export const TRANSCRIPT_FORMAT = 'sbpl-kit/runtime-transcript@1';

export const RUNNERS = ['helper', 'sandbox-exec'] as const;
export type RunnerKind = (typeof RUNNERS)[number];

export const TranscriptSchema = z.strictObject({
  /** Golden key of the case (`<profile key>/<probe id>`). */
  key: z.string().min(1),
  /** `helper`: sbpl_probe (one JSON line on stdout); `sandbox-exec`: /usr/bin/sandbox-exec running a command. */
  runner: z.enum(RUNNERS),
  argv: z.array(z.string()),
  /** Exit status; null when killed by a signal. A negative value -N means "killed by signal N" (Python's convention). */
  exitCode: z.int().nullable(),
  /** Signal name (`SIGABRT`) when the process was killed by one. */
  signal: z.string().nullable().default(null),
  stdout: z.string().default(''),
  stderr: z.string().default(''),
  timedOut: z.boolean().default(false),
  durationMs: z.number().min(0).default(0),
  startedAt: z.string().optional(),
  /** Unified-log lines captured around the probe (any form log-parse accepts). */
  logLines: z.array(z.string()).default([]),
  /** sha256 of the profile text (or blob) that was applied. */
  profileSha256: z.string().optional(),
  note: z.string().optional(),
});
export type Transcript = z.output<typeof TranscriptSchema>;
export type TranscriptInput = z.input<typeof TranscriptSchema>;

export const TranscriptFileSchema = z.strictObject({
  format: z.literal(TRANSCRIPT_FORMAT),
  /** Where and how the run was recorded (OS version, SIP, date, and for reconstructed fixtures their sources). */
  recorded: z.record(z.string(), z.unknown()).default({}),
  /** The preflight of the recorded run, if any. */
  preflight: z.record(z.string(), z.unknown()).optional(),
  transcripts: z.array(TranscriptSchema),
});
export type TranscriptFile = z.output<typeof TranscriptFileSchema>;

export class TranscriptError extends StageError {
  constructor(message: string) {
    super(message, 'runtime/transcript', 'input');
    this.name = 'TranscriptError';
  }
}

export function parseTranscriptFile(text: string, file = '<transcript>'): TranscriptFile {
  let data: unknown;
  try {
    data = parseJsonInput(text, file);
  } catch (e) {
    if (e instanceof JsonInputError) throw new TranscriptError(e.message);
    throw e;
  }
  const r = TranscriptFileSchema.safeParse(data);
  if (!r.success) {
    throw new TranscriptError(
      r.error.issues
        .map((i) => {
          const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
          const loc = locateJsonPath(text, path);
          return `${file}${loc ? `:${loc.line}:${loc.column}` : ''}: ${formatJsonPath(path)}: ${i.message}`;
        })
        .join('\n'),
    );
  }
  const seen = new Map<string, number>();
  r.data.transcripts.forEach((t, i) => {
    const first = seen.get(t.key);
    if (first !== undefined) {
      const path = ['transcripts', i, 'key'];
      const loc = locateJsonPath(text, path);
      throw new TranscriptError(`${file}${loc ? `:${loc.line}:${loc.column}` : ''}: ${formatJsonPath(path)}: two transcripts for '${t.key}' (the other is $.transcripts[${first}])`);
    }
    seen.set(t.key, i);
  });
  return r.data;
}

/** Transcripts journaled one per line during a macos run (the last per key; damaged lines are skipped). */
export function parseTranscriptLines(text: string): Transcript[] {
  const byKey = new Map<string, Transcript>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const r = TranscriptSchema.safeParse(tryParseJson(line));
    if (!r.success) continue;
    byKey.delete(r.data.key);
    byKey.set(r.data.key, r.data);
  }
  return [...byKey.values()];
}
