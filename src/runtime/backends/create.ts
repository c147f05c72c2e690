// The one place that knows the concrete backends: a backend from the run options.

import { StageError } from '../../diagnostics/diagnostic.js';
import type { Predictor } from '../predictor.js';
import type { RunnerKind } from '../transcript.js';
import { MacosBackend, type MacosOptions } from './macos.js';
import { ReplayBackend } from './replay.js';
import { SimulateBackend } from './simulate.js';
import type { Backend, BackendName } from './types.js';

export interface BackendOptions extends Omit<MacosOptions, 'runner'> {
  backend: BackendName;
  runner?: RunnerKind;
  /** replay: the transcripts file. */
  replayFile?: string;
  predictor?: Predictor;
}

export class BackendOptionsError extends StageError {
  constructor(message: string) {
    super(message, 'cli/backend-options', 'usage');
    this.name = 'BackendOptionsError';
  }
}

export function createBackend(o: BackendOptions): Backend {
  switch (o.backend) {
    case 'simulate':
      return new SimulateBackend(o.predictor, o.runner ?? 'helper');
    case 'replay':
      if (!o.replayFile) throw new BackendOptionsError('the replay backend needs a transcripts file (--replay FILE)');
      return new ReplayBackend(o.replayFile);
    case 'macos':
      return new MacosBackend({
        runner: o.runner ?? 'helper',
        helperPath: o.helperPath,
        cacheDir: o.cacheDir,
        allowNonDarwin: o.allowNonDarwin,
        captureLog: o.captureLog,
        allowSetupAnywhere: o.allowSetupAnywhere,
      });
  }
}
