// Environments: frames of variable bindings, chained to their parent.

import type { Value } from './values.js';

export class Env {
  readonly vars = new Map<string, Value>();
  /**
   * A frozen frame is shared by many compiles (builtins and SBPL natives, built once per vocabulary):
   * `define` never reaches it and `set!` of one of its names shadows it in the nearest unfrozen frame.
   */
  frozen = false;
  constructor(readonly parent: Env | null) {}

  lookup(name: string): Value | undefined {
    let e: Env | null = this;
    while (e) {
      const v = e.vars.get(name);
      if (v !== undefined) return v;
      e = e.parent;
    }
    return undefined;
  }

  define(name: string, v: Value): void {
    this.vars.set(name, v);
  }

  set(name: string, v: Value): boolean {
    let e: Env | null = this;
    let lastOpen: Env = this;
    while (e) {
      if (!e.frozen) lastOpen = e;
      if (e.vars.has(name)) {
        (e.frozen ? lastOpen : e).vars.set(name, v);
        return true;
      }
      e = e.parent;
    }
    return false;
  }

  /** Every name visible from here (for "did you mean"). */
  *names(): Generator<string> {
    let e: Env | null = this;
    while (e) {
      yield* e.vars.keys();
      e = e.parent;
    }
  }
}
