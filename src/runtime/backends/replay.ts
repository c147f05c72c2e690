// replay: outcomes from a recorded run. Each transcript is exactly what the macOS backend's spawn step
// returned, and goes through the same classification, so the macOS code paths run on any machine.

import { resolve } from 'node:path';
import type { MatrixCase } from '../matrix.js';
import { classify } from '../classify.js';
import { syntheticObservation } from '../observation.js';
import { readInputText } from '../file-input.js';
import type { LoadedProfile } from '../profiles.js';
import { sha256 } from '../hash.js';
import { parseTranscriptFile, type Transcript, type TranscriptFile } from '../transcript.js';
import type { Backend, BackendReadiness, CaseRun } from './types.js';

export class ReplayBackend implements Backend {
  readonly name = 'replay' as const;
  /** Nothing is executed: recorded spawns are classified. */
  readonly runner = null;
  readonly recordsTranscripts = false;
  private file?: TranscriptFile;
  private byKey = new Map<string, Transcript>();
  private fileSha = '';
  private readonly problems: string[] = [];

  constructor(private readonly transcriptPath: string) {}

  async prepare(): Promise<BackendReadiness> {
    const text = readInputText(this.transcriptPath, { what: 'transcripts file', kind: 'json' });
    this.fileSha = sha256(text);
    this.file = parseTranscriptFile(text, this.transcriptPath);
    for (const t of this.file.transcripts) this.byKey.set(t.key, t);
    return {
      recordedPreflight: this.file.preflight,
      inputs: [{ role: 'replay transcripts', path: resolve(this.transcriptPath), sha256: this.fileSha }],
    };
  }

  async runCase(c: MatrixCase, lp: LoadedProfile): Promise<CaseRun> {
    const t = this.byKey.get(c.key);
    const startedAt = t?.startedAt ?? new Date().toISOString();
    if (!t) {
      return {
        observation: syntheticObservation('inconclusive', `no transcript recorded for '${c.key}' in ${this.transcriptPath}`),
        predicted: false,
        runner: null,
        startedAt,
        durationMs: 0,
      };
    }
    const obs = classify(t, c);
    const applied = lp.blob ? lp.source?.sha256 : lp.appliedText !== undefined ? sha256(lp.appliedText) : undefined;
    if (t.profileSha256 && applied && t.profileSha256 !== applied) {
      obs.reason += ` [note: recorded with a different profile text (sha256 ${t.profileSha256.slice(0, 12)}…, now ${applied.slice(0, 12)}…)]`;
    }
    return { observation: obs, predicted: false, runner: t.runner, transcript: t, startedAt, durationMs: t.durationMs };
  }

  describe(): Record<string, unknown> {
    return { transcripts: this.transcriptPath, sha256: this.fileSha, recorded: this.file?.recorded ?? {} };
  }

  notes(): string[] {
    return this.problems;
  }
}
