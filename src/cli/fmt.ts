// `sbpl fmt FILE...`: print profiles in the canonical style (src/sbpl/fmt/), rewrite them in place (--write,
// atomically), or list the files that are not formatted (--check, for CI). `-` formats standard input to
// standard output. Exit 0 done / all formatted, 1 a file has errors or (--check) would change, 2 bad usage.

import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { formatDiagnostic, SbplError } from '../diagnostics/diagnostic.js';
import { DEFAULT_FORMAT_WIDTH, formatSbpl } from '../sbpl/fmt/format.js';
import { CommandFailure, EXIT_FAILED, EXIT_OK, readTextFile, UsageError, writeJson } from './common.js';

interface FmtOptions {
  write?: boolean;
  check?: boolean;
  width?: string;
  json?: boolean;
}

export function registerFmt(program: Command): void {
  program
    .command('fmt')
    .description('format SBPL profiles in the canonical style (comments kept, meaning unchanged); prints to standard output unless --write or --check')
    .argument('<file...>', 'SBPL files; - reads standard input and prints to standard output')
    .option('-w, --write', 'rewrite each file in place (atomically) when its formatting changes')
    .option('--check', 'print nothing but the names of files that are not formatted; exit 1 if there are any')
    .option('--json', 'with --check or --write: print [{"file", "formatted", "diagnostics"}], one object per file')
    .option('--width <N>', `line width to fit lists to (default ${DEFAULT_FORMAT_WIDTH})`)
    .action((files: string[], opts: FmtOptions) => {
      if (opts.write && opts.check) throw new UsageError('--write and --check cannot be used together');
      if (opts.write && files.includes('-')) throw new UsageError('--write cannot rewrite standard input (-)');
      const width = opts.width === undefined ? DEFAULT_FORMAT_WIDTH : Number(opts.width);
      if (!Number.isInteger(width) || width < 20 || width > 1000) throw new UsageError(`--width expects a whole number from 20 to 1000, got '${opts.width}'`);
      if (opts.json && !opts.check && !opts.write) throw new UsageError('--json reports on --check or --write; without them fmt prints the formatted text');
      let failed = false;
      const report: Array<{ file: string; formatted: boolean; diagnostics: unknown[]; rewritten?: boolean }> = [];
      for (const file of files) {
        const text = readTextFile(file, 'profile');
        let out: string;
        try {
          out = formatSbpl(text, { fileName: file === '-' ? '<stdin>' : file, width });
        } catch (e) {
          if (!(e instanceof SbplError)) throw e;
          const d = e.diagnostic;
          process.stderr.write((d.span ? '' : `${file}: `) + formatDiagnostic(d) + '\n');
          report.push({ file, formatted: false, diagnostics: [d] });
          failed = true;
          continue;
        }
        if (opts.check) {
          report.push({ file, formatted: out === text, diagnostics: [] });
          if (out !== text) {
            if (!opts.json) process.stdout.write(`${file}\n`);
            failed = true;
          }
        } else if (opts.write) {
          report.push({ file, formatted: true, diagnostics: [], rewritten: out !== text });
          if (out !== text) replaceFile(file, out);
        } else process.stdout.write(out);
      }
      if (opts.json) writeJson(report);
      process.exitCode = failed ? EXIT_FAILED : EXIT_OK;
    });
}

/** Replace `file` with `text` atomically: a temporary file beside it, renamed over it (mode kept). */
function replaceFile(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.sbpl-fmt-${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    chmodSync(tmp, statSync(file).mode & 0o7777);
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw new CommandFailure(`cannot rewrite ${file}: ${(e as Error).message}`);
  }
}
