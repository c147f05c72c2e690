// `--limit NAME=N`: raise (or lower) one of the front end's Limits from the command line; every limit error
// names the limit it hit, so the message says what to pass here.

import type { Command } from 'commander';
import { DEFAULT_LIMITS, type Limits } from '../sbpl/index.js';
import { StageError } from '../diagnostics/diagnostic.js';

const usage = (message: string) => new StageError(message, 'cli/usage', 'usage');

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function addLimitOption(cmd: Command): Command {
  return cmd.option('--limit <NAME=N>', `set an evaluation limit (repeatable): ${Object.keys(DEFAULT_LIMITS).join(', ')}`, collect);
}

/** `--limit` values as Limits; a bad name or number is a usage error. */
export function parseLimitOptions(values: string[] | undefined): Partial<Limits> {
  const out: Partial<Limits> = {};
  for (const v of values ?? []) {
    const m = /^([A-Za-z]+)=(\d[\d_]*)$/.exec(v);
    if (!m) throw usage(`--limit expects NAME=N (a whole number), got '${v}'`);
    const name = m[1] as keyof Limits;
    if (!Object.prototype.hasOwnProperty.call(DEFAULT_LIMITS, name)) throw usage(`--limit: unknown limit '${m[1]}' (known: ${Object.keys(DEFAULT_LIMITS).join(', ')})`);
    const n = Number(m[2].replace(/_/g, ''));
    if (!Number.isSafeInteger(n) || n < 1) throw usage(`--limit ${name}: expected a positive whole number, got '${m[2]}'`);
    out[name] = n;
  }
  return out;
}
