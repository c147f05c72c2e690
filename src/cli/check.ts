// `sbpl check PROFILE...`: read, evaluate and validate profiles; print diagnostics like a compiler,
// or the profile model with --json. Exit 0 accepted (warnings allowed), 1 errors, 2 bad usage.

import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { addProfileOptions, compileOptionsFrom, maxFilterTestsOf, readTextFile, EXIT_FAILED, EXIT_OK, UsageError, type ProfileCliOptions } from './common.js';
import { writeJsonStdout } from './json-stream.js';
import { formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { readProfile, type ReadResult } from '../sbpl/index.js';
import { rulesWithSharedFilters } from '../sbpl/shared-filters.js';
import { lintProfile } from '../decide/lint.js';
import { selectFindings } from '../decide/lint-control.js';
import { colorize, githubAnnotations, REPORT_FORMATS, sarifLog, useColor, type FileFindings, type ReportFormat } from './report-formats.js';
import { getVocab } from '../vocab/all.js';

interface CheckOptions extends ProfileCliOptions {
  json?: boolean;
  lint?: boolean;
  werror?: boolean;
  quiet?: boolean;
  limit?: string[];
  disable?: string[];
  enable?: string[];
  format?: string;
  color?: string;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function registerCheck(program: Command): void {
  const cmd = program
    .command('check')
    .description('read, evaluate and validate SBPL profiles; print diagnostics (file:line:col: error: ...) or the profile model (--json)')
    .argument('<profile...>', 'SBPL profile file(s); - reads standard input')
    .option('--json', 'print a JSON array with one object per file: the profile model (rules, params, imports) and diagnostics; filters that would be more than maxFilterTests tests written out list their shared parts once, in sharedFilters')
    .option('--no-lint', 'only report errors and front-end warnings, not lint findings')
    .option('--werror', 'treat warnings as errors (exit 1)')
    .option('--disable <CODE>', 'do not report warnings with this code (lint/shadowed-rule or shadowed-rule; all for every one) (repeatable)', collect)
    .option('--enable <CODE>', 'report this code even if --disable names it or all (repeatable)', collect)
    .option('-q, --quiet', 'print only errors')
    .option('--format <FORMAT>', `report format: ${REPORT_FORMATS.join(', ')} (sarif: SARIF 2.1.0 for code scanning; github: workflow annotations); all but text on stdout`, 'text')
    .option('--color <WHEN>', 'colour the text report: auto (a terminal, unless NO_COLOR is set), always, never', 'auto');
  addProfileOptions(cmd);
  cmd.action(async (files: string[], opts: CheckOptions) => {
    let failed = false;
    const jsonOut: unknown[] = [];
    const findings: FileFindings[] = [];
    const format = (opts.json ? 'json' : opts.format ?? 'text') as ReportFormat;
    if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format expects ${REPORT_FORMATS.join(', ')}, got '${opts.format}'`);
    if (opts.json && opts.format !== undefined && opts.format !== 'text' && opts.format !== 'json') throw new UsageError('--json is --format json; give one of them');
    const color = opts.color ?? 'auto';
    if (color !== 'auto' && color !== 'always' && color !== 'never') throw new UsageError(`--color expects auto, always or never, got '${color}'`);
    const colored = useColor(color, process.stderr);
    for (const file of files) {
      const text = readTextFile(file, 'profile');
      const options = compileOptionsFrom(opts, file);
      const result = readProfile(text, options);
      const found = [...result.diagnostics];
      if (result.ok && opts.lint !== false) found.push(...lintProfile(result.profile, getVocab(result.profile.os)));
      // inline `; sbpl-lint-disable-next-form CODE` comments are read from the profile and the files it imports
      const diags = selectFindings(found, { disable: opts.disable, enable: opts.enable }, (name) => (name === options.fileName ? text : sourceText(name)));
      const errors = diags.filter((d) => d.severity === 'error').length;
      const warnings = diags.filter((d) => d.severity === 'warning').length;
      const bad = errors > 0 || (opts.werror === true && warnings > 0);
      failed ||= bad;
      if (format === 'json') {
        jsonOut.push(profileJson(file, result, diags, maxFilterTestsOf(opts)));
        continue;
      }
      if (format !== 'text') {
        findings.push({ file, diagnostics: opts.quiet ? diags.filter((d) => d.severity === 'error') : diags });
        continue;
      }
      for (const d of diags) {
        if (opts.quiet && d.severity !== 'error') continue;
        process.stderr.write(colorize(renderDiagnostic(d), d.severity, colored) + '\n');
      }
      if (!opts.quiet) process.stdout.write(summary(file, result, errors, warnings) + '\n');
    }
    // streamed: the model of a large profile is longer than any one string can be
    // always an array, one object per file, so a reader needs no case for "one file"
    if (format === 'json') await writeJsonStdout(jsonOut);
    else if (format === 'sarif') await writeJsonStdout(sarifLog(findings));
    else if (format === 'github') process.stdout.write(githubAnnotations(findings).map((l) => l + '\n').join(''));
    process.exitCode = failed ? EXIT_FAILED : EXIT_OK;
  });
}

function summary(file: string, result: ReadResult, errors: number, warnings: number): string {
  const rules = result.profile.rules;
  const std = rules.filter((r) => r.origin === 'standard-policy').length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (errors) return `${file}: rejected: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  const parts = [plural(rules.length - std, 'rule')];
  if (std) parts.push(`+${std} from the standard policy`);
  if (result.profile.imports.length) parts.push(plural(result.profile.imports.length, 'import'));
  parts.push(plural(warnings, 'warning'));
  return `${file}: ok (${result.profile.os}): ${parts.join(', ')}`;
}

function profileJson(file: string, result: ReadResult, diags: Diagnostic[], maxFilterTests: number): unknown {
  const { rules, sharedFilters } = rulesWithSharedFilters(result.profile.rules, maxFilterTests);
  return {
    file,
    ok: !diags.some((d) => d.severity === 'error'),
    os: result.profile.os,
    version: result.profile.version,
    rules,
    sharedFilters,
    params: result.profile.params,
    imports: result.profile.imports,
    files: result.profile.files,
    trace: result.profile.trace,
    diagnostics: diags,
  };
}

/** An imported file's text for inline silences (undefined if it cannot be read: then nothing is silenced). */
function sourceText(file: string): string | undefined {
  try {
    return existsSync(file) ? readTextFile(file, 'imported profile') : undefined;
  } catch {
    return undefined;
  }
}

const sourceCache = new Map<string, string[] | null>();

/** Compiler-style diagnostic with the offending line and a caret under the column. */
export function renderDiagnostic(d: Diagnostic): string {
  let text = formatDiagnostic(d);
  const span = d.span;
  if (!span) return text;
  let lines = sourceCache.get(span.file);
  if (lines === undefined) {
    lines = existsSync(span.file) ? readFileSync(span.file, 'utf8').split(/\r\n|\n|\r/) : null;
    sourceCache.set(span.file, lines);
  }
  const line = lines?.[span.line - 1];
  if (line === undefined) return text;
  const shown = line.replace(/\t/g, ' ');
  if (shown.length > 200) return text;
  const width = span.endLine === span.line ? Math.max(1, Math.min(span.endColumn - span.column, shown.length - span.column + 1)) : 1;
  const caret = ' '.repeat(Math.max(0, span.column - 1)) + '^' + '~'.repeat(Math.max(0, width - 1));
  const [first, ...rest] = text.split('\n');
  text = [first, `  ${shown}`, `  ${caret}`, ...rest].join('\n');
  return text;
}
