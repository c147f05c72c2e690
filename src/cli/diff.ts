// `sbpl diff A.sb B.sb`: the requests the two profiles decide differently, one witness per pair of deciding
// rules, grouped by operation (src/diff). Exit 0 when equivalent, 1 when they differ, 2 for bad usage or a
// profile that does not load (as diff(1) uses 2 for trouble).

import type { Command } from 'commander';
import {
  addEngineOptions,
  addProfileOptions,
  CommandFailure,
  engineOptionsFrom,
  EXIT_OK,
  loadProfileFile,
  maxFilterTestsOf,
  printDiagnostics,
  UsageError,
  writeJson,
  type EngineCliOptions,
  type ProfileCliOptions,
} from './common.js';
import { getVocab } from '../vocab/all.js';
import { diffProfiles, DIFF_COVERAGE, formatDiff, type DiffResult } from '../diff/index.js';
import { DecideError, type EngineOptions } from '../decide/engine.js';
import type { Profile } from '../sbpl/profile.js';

export const EXIT_DIFFERENT = 1;

interface DiffCliOptions extends ProfileCliOptions, EngineCliOptions {
  json?: boolean;
  operation?: string[];
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export const DIFF_HELP = [
  '',
  'How requests are compared (every witness is confirmed with the decision engine before it is shown):',
  '  symbolic:',
  ...DIFF_COVERAGE.symbolic.map((s) => `    - ${s}`),
  '  listed exhaustively:',
  ...DIFF_COVERAGE.listed.map((s) => `    - ${s}`),
  '  sampled or not compared:',
  ...DIFF_COVERAGE.sampled.map((s) => `    - ${s}`),
  '',
  'Exit status: 0 equivalent, 1 the profiles differ, 2 bad usage or a profile that does not load.',
  '--json prints {"equivalent": bool, "differences": [{"operation", "request", "a", "b", "ruleA", "ruleB"}], "complete", "incomplete", ...};',
  'each "request" is a line `sbpl query PROFILE --requests FILE.jsonl` accepts.',
].join('\n');

export function registerDiff(program: Command): void {
  const cmd = program
    .command('diff')
    .description('show the requests two profiles decide differently: a concrete witness per difference, grouped by operation, with the rule on each side that decided it')
    .argument('<a>', 'first SBPL profile (A)')
    .argument('<b>', 'second SBPL profile (B)')
    .option('--json', 'print the differences as JSON')
    .option('--operation <OP>', 'compare only this operation (repeatable; default: all)', collect);
  addEngineOptions(cmd);
  addProfileOptions(cmd);
  cmd.addHelpText('after', DIFF_HELP);
  cmd.action((a: string, b: string, opts: DiffCliOptions) => {
    const result = runDiff(a, b, opts);
    if (opts.json) writeJson(result);
    else process.stdout.write(formatDiff(result, { a, b }) + '\n');
    process.exitCode = result.equivalent ? EXIT_OK : EXIT_DIFFERENT;
  });
}

/** Load a profile for diff/learn: a profile with errors is trouble (exit 2), its diagnostics printed. */
export function loadForDiff(file: string, opts: ProfileCliOptions): Profile {
  const r = loadProfileFile(file, opts);
  if (!r.ok) {
    printDiagnostics(r.diagnostics);
    throw new CommandFailure(`${file}: the profile has errors; nothing was compared`);
  }
  return r.profile;
}

export function diffLoaded(a: Profile, b: Profile, engine: EngineOptions, operations: string[] | undefined, maxFilterTests: number): DiffResult {
  const vocab = getVocab(a.os);
  for (const op of operations ?? []) if (!vocab.operation(op)) throw new UsageError(`--operation: unknown operation '${op}' for ${vocab.id}`);
  try {
    return diffProfiles(a, b, { vocab, engine, operations, maxFilterTests });
  } catch (e) {
    if (e instanceof DecideError) throw new CommandFailure(`${e.message}; the kernel would refuse this profile`);
    throw e;
  }
}

function runDiff(a: string, b: string, opts: DiffCliOptions): DiffResult {
  const engine = engineOptionsFrom(opts);
  return diffLoaded(loadForDiff(a, opts), loadForDiff(b, opts), engine, opts.operation, maxFilterTestsOf(opts));
}
