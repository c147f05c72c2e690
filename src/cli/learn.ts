// `sbpl learn LOG --profile P.sb`: the rules that would have allowed the denials a log reports (src/learn),
// each shown with the denials it covers, verified with the engine, and the diff of the old and new profile.
// `--write` appends them to the profile (atomic replace). Exit 0 when every denial is closed (or was already
// allowed), 1 when some denial stays open (not expressible, or still denied), 2 bad usage.

import type { Command } from 'commander';
import {
  addEngineOptions,
  addProfileOptions,
  CommandFailure,
  compileOptionsFrom,
  engineOptionsFrom,
  EXIT_FAILED,
  EXIT_OK,
  printDiagnostics,
  readTextFile,
  UsageError,
  writeJson,
  writeOutputFile,
  type EngineCliOptions,
  type ProfileCliOptions,
} from './common.js';
import { readProfile } from '../sbpl/index.js';
import { getVocab } from '../vocab/all.js';
import { formatDiff, type DeciderRef } from '../diff/index.js';
import { learnRules, type Denial, type LearnResult } from '../learn/index.js';
import { parseLogText, recordToRequest, NON_REQUEST_OPERATIONS, type DenialRecord } from '../runtime/log-parse.js';

interface LearnCliOptions extends ProfileCliOptions, EngineCliOptions {
  profile?: string;
  generalize?: string;
  write?: boolean;
  json?: boolean;
}

export const LEARN_HELP = `
LOG is unified-log text (\`log stream\` / \`log show\`, any --style: default, compact, syslog, ndjson, json),
Codex's "=== Sandbox denials ===" summary, or any text with "Sandbox: proc(pid) deny(1) op target" lines
(the forms \`sbpl log2matrix\` reads); - reads standard input.

Each learned rule names the operation denied and the exact target (--generalize subpath widens a file path
to its directory); rules are appended at the end of the profile, where they are consulted first. After
learning, every covered denial is decided again (it must now be allowed) and the old and new profiles are
compared with \`sbpl diff\`, so everything else the new rules allow is shown.

--json prints {"profile", "log", "rules": [{"rule", "operations", "covers": [denial], "note"?}],
"alreadyAllowed": [{"denial", "by"}], "unexpressible": [{"denial", "reason"}], "stillDenied": [{"denial", "by"}],
"skipped": [{"line", "reason"}], "diff": <sbpl diff --json> | null, "written": bool}; a denial is
{"operation", "target", "lines", "count", "assumptions"}.

Exit status: 0 every denial is closed (or was already allowed), 1 some denial stays open (it cannot be
expressed, or is still denied with the rules added), 2 bad usage or a profile that does not load.`;

export function registerLearn(program: Command): void {
  const cmd = program
    .command('learn')
    .description('turn denial reports into the smallest set of rules to add to a profile, verify them, and show what else they allow')
    .argument('<log>', 'log text with Sandbox denial reports (- for standard input)')
    .requiredOption('--profile <FILE.sb>', 'the profile the process ran under')
    .option('--generalize <MODE>', 'none (default: exact targets) or subpath (file paths widen to their directory)', 'none')
    .option('--write', 'append the learned rules to the profile (atomic replace)')
    .option('--json', 'print the result as JSON');
  addEngineOptions(cmd);
  addProfileOptions(cmd);
  cmd.addHelpText('after', LEARN_HELP);
  cmd.action((log: string, opts: LearnCliOptions) => runLearn(log, opts));
}

interface Skipped {
  line: number;
  reason: string;
}

/** Distinct denials of a parsed log (duplicates merged), and the reports that are not denials to learn from. */
export function denialsOf(records: DenialRecord[]): { denials: Denial[]; skipped: Skipped[]; notRequests: Denial[] } {
  const byKey = new Map<string, Denial>();
  const skipped: Skipped[] = [];
  const notRequests: Denial[] = [];
  for (const r of records) {
    if (r.action !== 'deny') {
      skipped.push({ line: r.line, reason: `${r.action} report: nothing to learn` });
      continue;
    }
    const occurrences = r.duplicates > 0 ? r.duplicates : 1;
    const key = `${r.operation}\u0000${r.target}`;
    const hit = byKey.get(key);
    if (hit) {
      hit.lines.push(r.line);
      hit.count += occurrences;
      continue;
    }
    const req = recordToRequest(r);
    const denial: Denial = { operation: r.operation, target: r.target, facts: req?.request.facts ?? {}, lines: [r.line], count: occurrences, assumptions: req?.assumptions ?? [] };
    byKey.set(key, denial);
    if (!req || NON_REQUEST_OPERATIONS.has(r.operation)) notRequests.push(denial);
  }
  return { denials: [...byKey.values()].filter((d) => !notRequests.includes(d)), skipped, notRequests };
}

function runLearn(log: string, opts: LearnCliOptions): void {
  const profileFile = opts.profile!;
  const generalize = opts.generalize ?? 'none';
  if (generalize !== 'none' && generalize !== 'subpath') throw new UsageError(`--generalize expects none or subpath, got '${generalize}'`);
  if (opts.write && profileFile === '-') throw new UsageError('--write needs a profile file, not standard input');
  const engine = engineOptionsFrom(opts);
  const logText = readTextFile(log, 'log', 'log');
  const text = readTextFile(profileFile, 'profile');
  const compileOptions = compileOptionsFrom(opts, profileFile);
  const compile = (t: string) => readProfile(t, compileOptions);
  const loaded = compile(text);
  if (!loaded.ok) {
    printDiagnostics(loaded.diagnostics);
    throw new CommandFailure(`${profileFile}: the profile has errors; nothing was learned`);
  }
  const parsed = parseLogText(logText);
  const { denials, skipped, notRequests } = denialsOf(parsed.records);
  for (const u of parsed.unparsed) skipped.push({ line: u.line, reason: u.reason ?? `a Sandbox report that could not be read: ${u.text.slice(0, 120)}` });
  if (parsed.records.length === 0 && parsed.unparsed.length === 0) throw new UsageError(`${log}: no Sandbox denial reports found (expected lines like "Sandbox: proc(123) deny(1) file-read-data /path")`);
  const result: LearnResult = learnRules({ profile: loaded.profile, text, denials, compile }, { generalize, engine, vocab: getVocab(loaded.profile.os), header: `sbpl learn: rules for the denials in ${log === '-' ? 'standard input' : log}` });
  for (const d of notRequests) result.unexpressible.push({ denial: d, reason: `${d.operation}: a report about the sandbox itself (the process was already sandboxed), not a decision of the profile` });
  result.unexpressible.sort((x, y) => x.denial.lines[0] - y.denial.lines[0]);
  const written = Boolean(opts.write && result.rules.length > 0);
  if (written) writeOutputFile(profileFile, result.text);
  if (opts.json) {
    writeJson({
      profile: profileFile,
      log,
      rules: result.rules.map((r) => ({ ...r, covers: r.covers.map(denialJson) })),
      alreadyAllowed: result.alreadyAllowed.map((a) => ({ denial: denialJson(a.denial), by: a.by })),
      unexpressible: result.unexpressible.map((u) => ({ denial: denialJson(u.denial), reason: u.reason })),
      stillDenied: result.stillDenied.map((s) => ({ denial: denialJson(s.denial), by: s.by })),
      skipped,
      diff: result.diff,
      written,
    });
  } else {
    process.stdout.write(formatLearn(result, profileFile, skipped, written) + '\n');
  }
  process.exitCode = result.unexpressible.length || result.stillDenied.length ? EXIT_FAILED : EXIT_OK;
}

function denialJson(d: Denial): Record<string, unknown> {
  return { operation: d.operation, target: d.target, lines: d.lines, count: d.count, assumptions: d.assumptions };
}

function denialText(d: Denial): string {
  const reports = d.count > 1 ? `; ${d.count} reports` : '';
  return `${d.operation}${d.target ? ' ' + d.target : ''} (line${d.lines.length > 1 ? 's' : ''} ${d.lines.join(', ')}${reports})`;
}

function byText(r: DeciderRef): string {
  return r.rule ? `${r.rule} at ${r.location}` : `the fixed decision of '${r.operation}'`;
}

export function formatLearn(r: LearnResult, profileFile: string, skipped: Skipped[], written: boolean): string {
  const out: string[] = [];
  const covered = r.rules.reduce((n, x) => n + x.covers.length, 0);
  out.push(r.rules.length ? `${r.rules.length} rule${r.rules.length === 1 ? '' : 's'} for ${covered} denial${covered === 1 ? '' : 's'}:` : 'no rule to add');
  for (const rule of r.rules) {
    out.push('', rule.rule);
    if (rule.note) out.push(`  note: ${rule.note}`);
    for (const d of rule.covers) out.push(`  covers ${denialText(d)}${d.assumptions.length ? ` [assumed: ${d.assumptions.join('; ')}]` : ''}`);
  }
  if (r.alreadyAllowed.length) {
    out.push('', 'already allowed by the profile (nothing added):');
    for (const a of r.alreadyAllowed) out.push(`  ${denialText(a.denial)}: ${byText(a.by)}`);
  }
  if (r.unexpressible.length) {
    out.push('', 'not closed: no rule can express these (add them by hand, or check the operation names):');
    for (const u of r.unexpressible) out.push(`  ${denialText(u.denial)}: ${u.reason}`);
  }
  if (r.rules.length) {
    if (r.stillDenied.length) {
      out.push('', 'NOT verified: still denied with the rules added:');
      for (const s of r.stillDenied) out.push(`  ${denialText(s.denial)}: ${byText(s.by)}`);
    } else {
      out.push('', `verified: all ${covered} denial${covered === 1 ? ' is' : 's are'} allowed with the rules added`);
    }
  }
  if (skipped.length) out.push('', `${skipped.length} report${skipped.length === 1 ? '' : 's'} skipped (${[...new Set(skipped.map((s) => s.reason))].slice(0, 3).join('; ')})`);
  if (r.diff) {
    out.push('', `what the new rules allow that ${profileFile} did not (sbpl diff, A = before, B = after):`);
    out.push(formatDiff(r.diff, { a: profileFile, b: `${profileFile} + learned rules` }).split('\n').slice(1).map((l) => (l ? '  ' + l : l)).join('\n'));
  }
  if (r.rules.length) out.push('', written ? `wrote ${profileFile}` : `(run with --write to append the rules to ${profileFile})`);
  return out.join('\n');
}
