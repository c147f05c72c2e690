// simulate: the decision engine gives `actual` (marked predicted), deciding each probe as the list of kernel checks
// its system call makes (src/decide/calls.ts, docs/probes.md). Nothing is executed.
// The per-probe time limit cannot interrupt an in-process decision; a decision that took longer than the
// limit is reported as `timeout` after the fact (the engine has its own step limits).

import { performance } from 'node:perf_hooks';
import type { MatrixCase } from '../matrix.js';
import { predictCase } from '../predict.js';
import type { Predictor } from '../predictor.js';
import type { LoadedProfile } from '../profiles.js';
import { syntheticObservation } from '../observation.js';
import type { Backend, BackendReadiness, CaseRun } from './types.js';
import { launchedProgram } from './sandbox-exec.js';
import type { RunnerKind } from '../transcript.js';

export class SimulateBackend implements Backend {
  readonly name = 'simulate' as const;
  /** Nothing is executed: the runner is only modelled. */
  readonly runner = null;
  readonly recordsTranscripts = false;

  /** `sandbox-exec`: predict as if each probe ran as a command under sandbox-exec (exec + dyld first). */
  constructor(
    private readonly predictor: Predictor | undefined,
    private readonly modelledRunner: RunnerKind = 'helper',
  ) {}

  async prepare(): Promise<BackendReadiness> {
    return { inputs: [] };
  }

  async runCase(c: MatrixCase, lp: LoadedProfile): Promise<CaseRun> {
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    const p = predictCase(c, lp, this.predictor, 'shimmed', launchedProgram(this.modelledRunner, c.probe));
    const durationMs = performance.now() - t0;
    const obs =
      durationMs > c.timeoutMs
        ? syntheticObservation('timeout', `the prediction took ${Math.round(durationMs)} ms, over the ${c.timeoutMs} ms limit (it was ${p.outcome})`)
        : syntheticObservation(p.outcome, p.reason);
    return { observation: obs, predicted: true, runner: this.modelledRunner === 'sandbox-exec' ? 'sandbox-exec' : null, decision: p.decision, startedAt, durationMs };
  }

  describe(): Record<string, unknown> {
    return { predictor: this.predictor?.name ?? null, runnerModelled: this.modelledRunner };
  }

  notes(): string[] {
    return this.predictor ? [] : ['no decision engine is available: every prediction will be inconclusive'];
  }
}
