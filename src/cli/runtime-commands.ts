// Runtime-check commands: run, golden, log2matrix, matrix-schema, matrix-check.

import { existsSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { CommandFailure, EXIT_FAILED, UsageError, isStdio, readParamsFile, readTextFile, defaultImportPath, parseDefines, statusStream, writeJson, writeOutputFile } from './common.js';
import { MatrixError, parseMatrix } from '../runtime/matrix.js';
import { runMatrix } from '../runtime/run.js';
import { formatResults } from '../runtime/report.js';
import { checkGolden, formatGoldenCheck, freezeGolden, parseGolden, parseResults } from '../runtime/golden.js';
import { matrixJsonSchema } from '../runtime/schema.js';
import { parseLogText, recordToRequest } from '../runtime/log-parse.js';
import { draftMatrix } from '../runtime/log2matrix.js';
import { compileText } from '../runtime/profiles.js';
import { defaultPredictor, LayeredPredictor } from '../runtime/predictor.js';
import { loadPlatformLayer } from './query-platform.js';
import { DEFAULT_OS } from '../vocab/all.js';
import type { ProfileSpec } from '../runtime/matrix.js';

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number of milliseconds');
  return n;
}

interface RunCliOptions {
  out: string;
  backend: 'simulate' | 'macos' | 'replay';
  platform?: string;
  replay?: string;
  compare: 'expected' | 'predicted';
  timeout?: number;
  only?: string[];
  importPath?: string[];
  os?: string;
  standIns: boolean;
  runner: 'helper' | 'sandbox-exec';
  helper?: string;
  cacheDir?: string;
  captureLog?: boolean;
  allowNonDarwin?: boolean;
  allowSetupAnywhere?: boolean;
  resume?: boolean;
  force?: boolean;
  json?: boolean;
  allowMismatch?: boolean;
}

function registerRun(program: Command): void {
  program
    .command('run')
    .description('run an expected matrix and write runtime_results.json, run_manifest.json and run_preflight.json')
    .argument('<matrix>', 'expected matrix (JSON; see docs/runtime-matrix.md)')
    .requiredOption('-o, --out <dir>', 'output directory')
    .addOption(new Option('-b, --backend <name>', 'simulate (decision engine) | macos (kernel) | replay (recorded run)').choices(['simulate', 'macos', 'replay']).default('simulate'))
    .option('--replay <transcripts.json>', 'replay backend: transcripts recorded by a macos run (DIR/transcripts.json)')
    .addOption(new Option('--compare <what>', 'expected: compare outcomes with the matrix; predicted: also with the decision engine').choices(['expected', 'predicted']).default('expected'))
    .option('--timeout <ms>', 'time limit for every probe (overrides the matrix)', positiveInt)
    .option('--only <key>', 'run only this case or profile key (repeatable)', collect)
    .option('-I, --import-path <dir>', 'search DIR for system profiles and imports (repeatable; default on macOS: Apple profile folders)', collect)
    .option('--os <version>', `OS vocabulary (default: the matrix's, else ${DEFAULT_OS})`)
    .option('--no-stand-ins', 'report system profiles that are not found as profile-unavailable instead of using stand-ins')
    .addOption(new Option('--runner <kind>', 'helper (sbpl_probe: apply in-process, then one call) | sandbox-exec (run a command under sandbox-exec); simulate models the choice').choices(['helper', 'sandbox-exec']).default('helper'))
    .option('--helper <path>', 'macos: use this probe helper binary instead of building one')
    .option('--cache-dir <dir>', 'macos: where the probe helper is built (default: ~/Library/Caches/sbpl-kit)')
    .option('--capture-log', 'macos: collect Sandbox reports with `log stream` and attach them to results')
    .option('--allow-non-darwin', 'macos: run on a non-macOS host (tests the plumbing; profiles cannot be applied)')
    .option('--allow-setup-anywhere', "macos: let the matrix's setup create files outside the temporary directories")
    .option('--resume', 'keep the rows already in DIR and run only the missing probes (refused if the matrix, a profile or the backend changed)')
    .option('--force', '--resume: when inputs changed, rerun the changed probes instead of refusing')
    .option('--json', 'print the results summary as JSON instead of a table')
    .option('--platform <FILE|BLOB>', 'simulate: also hold every probe to this platform profile (SBPL or compiled; docs/platform.md)')
    .option('--allow-mismatch', 'exit 0 even when outcomes differ from the expectations')
    .action(async (matrixFile: string, o: RunCliOptions) => {
      if (matrixFile !== '-' && !existsSync(matrixFile)) throw new UsageError(`matrix not found: ${matrixFile}`);
      if (o.backend === 'replay' && !o.replay) throw new UsageError('--backend replay needs --replay TRANSCRIPTS.json');
      if (o.replay && o.backend !== 'replay') throw new UsageError('--replay is only used with --backend replay');
      for (const d of o.importPath ?? []) if (!existsSync(d)) throw new UsageError(`--import-path directory not found: ${d}`);
      if (o.force && !o.resume) throw new UsageError('--force is only used with --resume');
      if (o.platform !== undefined && o.backend !== 'simulate') throw new UsageError('--platform is only used with --backend simulate (on macOS the kernel applies the real platform profile)');
      const platform = o.platform !== undefined ? loadPlatformLayer({ platform: o.platform, os: o.os, importPath: o.importPath }, {}) : undefined;
      const basePredictor = platform ? defaultPredictor() : undefined;
      const controller = new AbortController();
      const onSignal = (sig: NodeJS.Signals) => controller.abort(`interrupted by ${sig}`);
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      let out;
      try {
        out = await runMatrix({
          matrixPath: matrixFile,
          outDir: o.out,
          backend: o.backend,
          replayFile: o.replay,
          compare: o.compare,
          timeoutMs: o.timeout,
          only: o.only,
          importPath: [...(o.importPath ?? []), ...defaultImportPath()],
          os: o.os,
          standIns: o.standIns,
          runner: o.runner,
          helperPath: o.helper,
          cacheDir: o.cacheDir,
          captureLog: o.captureLog,
          allowNonDarwin: o.allowNonDarwin,
          allowSetupAnywhere: o.allowSetupAnywhere,
          resume: o.resume,
          force: o.force,
          argv: process.argv.slice(2),
          signal: controller.signal,
          ...(platform && basePredictor ? { predictor: new LayeredPredictor(basePredictor, platform) } : {}),
        });
      } finally {
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
      }
      for (const w of out.warnings) process.stderr.write(`sbpl: warning: ${w}\n`);
      const doc = out.document;
      if (o.json) process.stdout.write(JSON.stringify({ results: out.resultsPath, run: doc.run, summary: doc.summary }, null, 2) + '\n');
      else process.stdout.write(formatResults(doc, o.compare) + `\nwrote ${out.resultsPath}, ${out.manifestPath}, ${out.preflightPath}\n`);
      if (!doc.run.complete) {
        process.exitCode = 130;
        return;
      }
      const disagree = o.compare === 'predicted' && (doc.summary.disagreeWithPrediction?.length ?? 0) > 0;
      if ((doc.summary.mismatched > 0 || disagree) && !o.allowMismatch) process.exitCode = EXIT_FAILED;
    });
}

function registerGolden(program: Command): void {
  program
    .command('golden')
    .description('freeze a results file as a golden set (-o), or check results against one (--check)')
    .argument('<results>', 'runtime_results.json')
    .option('-o, --output <golden.json>', 'write the golden set here')
    .option('--check <golden.json>', 'compare <results> with this golden set; exit 1 on differences')
    .option('--strict', '--check: also compare errno names and observed paths')
    .option('--fail-on-added', '--check: results absent from the golden set fail the check')
    .option('--allow-incomplete', 'freeze a run that did not complete')
    .option('--json', 'print the outcome as JSON: {"frozen", "output"} or the check {"ok", "changed", "missing", "added", "notes"}')
    .action((resultsFile: string, o: { output?: string; check?: string; strict?: boolean; failOnAdded?: boolean; allowIncomplete?: boolean; json?: boolean }) => {
      if (!!o.output === !!o.check) throw new UsageError('give either -o GOLDEN.json (freeze) or --check GOLDEN.json (check)');
      const doc = parseResults(readTextFile(resultsFile, 'results file', 'json'), resultsFile);
      if (o.output) {
        const g = freezeGolden(doc, { allowIncomplete: o.allowIncomplete });
        writeOutputFile(o.output, JSON.stringify(g, null, 2) + '\n');
        if (o.json && !isStdio(o.output)) writeJson({ results: resultsFile, output: o.output, frozen: Object.keys(g.entries).length });
        else statusStream(o.output).write(`froze ${Object.keys(g.entries).length} entries from ${resultsFile} into ${o.output}\n`);
        return;
      }
      const g = parseGolden(readTextFile(o.check!, 'golden file', 'json'), o.check);
      const c = checkGolden(g, doc, { strict: o.strict, failOnAdded: o.failOnAdded });
      if (o.json) writeJson({ results: resultsFile, golden: o.check, ...c });
      else process.stdout.write(formatGoldenCheck(c) + '\n');
      if (!c.ok) process.exitCode = EXIT_FAILED;
    });
}

function registerLog2Matrix(program: Command): void {
  program
    .command('log2matrix')
    .description('turn Sandbox denial reports (log show/stream output, ndjson, compact) into a draft expected matrix')
    .argument('<log>', 'log text ("-" reads stdin)')
    .requiredOption('--profile <file.sb>', 'the profile the logged process ran under')
    .option('-o, --output <matrix.json>', 'write the draft here (default: stdout)')
    .option('--key <key>', 'profile key in the matrix (default: the profile file name)')
    .option('--name <name>', 'matrix name')
    .option('-D, --define <KEY=VALUE>', 'profile parameter, recorded in the draft (repeatable)', collect)
    .option('--params <FILE.json>', 'read parameters from a JSON object of strings (recorded in the draft)')
    .option('-I, --import-path <dir>', 'search DIR for imports; recorded in the draft (repeatable)', collect)
    .option('--os <version>', 'OS vocabulary', DEFAULT_OS)
    .action((logFile: string, o: { profile: string; output?: string; key?: string; name?: string; define?: string[]; params?: string; importPath?: string[]; os: string }) => {
      for (const d of o.importPath ?? []) if (!existsSync(d)) throw new UsageError(`--import-path directory not found: ${d}`);
      const text = readTextFile(logFile, 'log file', 'log');
      const profileText = readTextFile(o.profile, 'profile');
      const parsed = parseLogText(text);
      if (!parsed.records.length) {
        throw new CommandFailure(`no Sandbox reports found in ${logFile}${parsed.unparsed.length ? ` (${parsed.unparsed.length} line(s) mention Sandbox but do not parse, first at line ${parsed.unparsed[0].line})` : ''}`);
      }
      const params = parseDefines(o.define, o.params ? readParamsFile(o.params) : {});
      // Annotate with the engine's prediction where it disagrees with the kernel.
      const spec = { key: 'x', source: { file: o.profile }, mode: 'sbpl', params, shims: [], expect: {} } as ProfileSpec;
      const compiled = compileText(profileText, o.profile, spec, o.os, [...(o.importPath ?? []), ...defaultImportPath(), dirname(resolve(o.profile))]);
      const predictor = defaultPredictor();
      const outDir = o.output ? dirname(resolve(o.output)) : process.cwd();
      const draft = draftMatrix(parsed.records, {
        profilePath: relative(outDir, resolve(o.profile)) || basename(o.profile),
        profileKey: o.key ?? basename(o.profile).replace(/\.sb$/, ''),
        params,
        importPath: (o.importPath ?? []).map((d) => relative(outDir, resolve(d)) || '.'),
        name: o.name,
        logName: logFile === '-' ? 'stdin' : basename(logFile),
        os: o.os,
        predict:
          compiled.ok && compiled.profile && predictor
            ? (r) => {
                const rr = recordToRequest(r);
                if (!rr) return undefined;
                try {
                  return predictor.decide(compiled.profile!, rr.request).decision;
                } catch {
                  return undefined;
                }
              }
            : undefined,
        });
      const json = JSON.stringify(draft.matrix, null, 2) + '\n';
      if (o.output) {
        writeOutputFile(o.output, JSON.stringify(draft.matrix, null, 2) + '\n');
        process.stderr.write(`wrote ${o.output}: ${Object.keys(draft.matrix.probes ?? {}).length} probe(s) from ${draft.records} report(s)\n`);
      } else process.stdout.write(json);
      for (const s of draft.skipped) process.stderr.write(`sbpl: note: line ${s.line}: ${s.reason}\n`);
      for (const u of parsed.unparsed) process.stderr.write(`sbpl: warning: line ${u.line}: ${u.reason ? `event refused: ${u.reason}` : 'mentions Sandbox but does not parse'}: ${u.text.slice(0, 160)}\n`);
      if (!compiled.ok) process.stderr.write(`sbpl: note: ${o.profile} did not compile here, so the draft carries no engine predictions\n`);
    });
}

function registerSchemaCommands(program: Command): void {
  program
    .command('matrix-schema')
    .description('print the JSON Schema of the expected matrix')
    .option('-o, --output <file>', 'write it to a file')
    .action((o: { output?: string }) => {
      const text = JSON.stringify(matrixJsonSchema(), null, 2) + '\n';
      if (o.output) writeOutputFile(o.output, text);
      else process.stdout.write(text);
    });
  program
    .command('matrix-check')
    .description('validate an expected matrix (schema, probe references, operation names)')
    .argument('<matrix>', 'expected matrix (JSON; - reads stdin)')
    .option('--json', 'print {"file", "ok", "profiles", "probes", "cases"}, or {"file", "ok": false, "issues"} for an invalid matrix')
    .action((file: string, o: { json?: boolean }) => {
      let m;
      try {
        m = parseMatrix(readTextFile(file, 'matrix', 'json'), file);
      } catch (e) {
        // the JSON answer on stdout, the diagnostic (and exit status) as for any input error
        if (o.json && e instanceof MatrixError) writeJson({ file, ok: false, issues: e.issues });
        throw e;
      }
      if (o.json) return writeJson({ file, ok: true, profiles: m.profiles.length, probes: Object.keys(m.probes).length, cases: m.cases.length });
      process.stdout.write(`${file}: ok — ${m.profiles.length} profile(s), ${Object.keys(m.probes).length} probe(s), ${m.cases.length} case(s)\n`);
    });
}

export function registerRuntimeCommands(program: Command): void {
  registerRun(program);
  registerGolden(program);
  registerLog2Matrix(program);
  registerSchemaCommands(program);
}
