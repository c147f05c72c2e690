// The decision stage's error: a request it cannot decide (unknown operation, unresolvable path) or a profile
// it refuses (an invalid regex in a rule).

import { StageError } from '../diagnostics/diagnostic.js';

export class DecideError extends StageError {
  constructor(message: string) {
    super(message, 'decide/error', 'input');
    this.name = 'DecideError';
  }
}
