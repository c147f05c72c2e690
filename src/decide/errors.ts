// The decision stage's error: a request it cannot decide (unknown operation, unresolvable path) or a profile
// it refuses (an invalid regex in a rule).

export class DecideError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecideError';
  }
}
