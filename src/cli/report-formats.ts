// The ways `sbpl check` reports findings besides compiler-style text: SARIF 2.1.0 for code scanning, GitHub
// workflow commands (annotations), and colour on a terminal.
// SARIF: OASIS "Static Analysis Results Interchange Format Version 2.1.0" (sarifLog, run, tool.driver with
// reportingDescriptor rules, result with ruleId/level/message/locations, physicalLocation.region).
// GitHub: "Workflow commands for GitHub Actions" (`::warning file=...,line=...,col=...::message`, with %, CR,
// LF escaped in the message and also `:` and `,` in property values).

import pc from 'picocolors';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { LINT_RULE_HELP } from '../decide/lint-rules.js';
import { VERSION } from '../version.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface FileFindings {
  file: string;
  diagnostics: readonly Diagnostic[];
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', note: 'note' };

/** A SARIF 2.1.0 log of one run of `sbpl check`: one rule per code seen, each result located by region. */
export function sarifLog(files: readonly FileFindings[]): Record<string, unknown> {
  const rules: Array<Record<string, unknown>> = [];
  const ruleIndex = new Map<string, number>();
  const results: Array<Record<string, unknown>> = [];
  for (const { file, diagnostics } of files) {
    for (const d of diagnostics) {
      let index = ruleIndex.get(d.code);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(d.code, index);
        const help = LINT_RULE_HELP[d.code];
        rules.push({
          id: d.code,
          shortDescription: { text: help?.summary ?? d.message },
          help: { text: help?.help ?? d.hint ?? d.message },
          defaultConfiguration: { level: SARIF_LEVEL[d.severity] },
        });
      }
      const span = d.span;
      const location = {
        physicalLocation: {
          artifactLocation: { uri: toUri(span?.file ?? file) },
          ...(span ? { region: { startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn } } : {}),
        },
      };
      results.push({
        ruleId: d.code,
        ruleIndex: index,
        level: SARIF_LEVEL[d.severity],
        message: { text: d.hint ? `${d.message} (hint: ${d.hint})` : d.message },
        locations: [location],
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'sbpl', version: VERSION, rules } }, results }],
  };
}

/** A relative path as a URI reference (SARIF artifactLocation.uri): forward slashes, reserved characters escaped. */
function toUri(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: one annotation line per finding. */
export function githubAnnotations(files: readonly FileFindings[]): string[] {
  const out: string[] = [];
  for (const { file, diagnostics } of files) {
    for (const d of diagnostics) {
      const s = d.span;
      const props = [`file=${escapeProperty(s?.file ?? file)}`];
      if (s) props.push(`line=${s.line}`, `col=${s.column}`, `endLine=${s.endLine}`, `endColumn=${s.endColumn}`);
      props.push(`title=${escapeProperty(d.code)}`);
      out.push(`::${GITHUB_COMMAND[d.severity]} ${props.join(',')}::${escapeData(d.hint ? `${d.message}\nhint: ${d.hint}` : d.message)}`);
    }
  }
  return out;
}

export type ColorChoice = 'auto' | 'always' | 'never';

/**
 * Whether to colour a stream: `--color always|never` decide; `auto` colours a terminal only, and never when
 * NO_COLOR is set to anything non-empty (no-color.org).
 */
export function useColor(choice: ColorChoice, stream: { isTTY?: boolean }, env: Record<string, string | undefined> = process.env): boolean {
  if (choice === 'always') return true;
  if (choice === 'never') return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

/** Colour the `severity:` word and the location of a compiler-style diagnostic text. */
export function colorize(text: string, severity: Severity, enabled: boolean): string {
  if (!enabled) return text;
  const c = pc.createColors(true);
  const paint = severity === 'error' ? c.red : severity === 'warning' ? c.yellow : c.cyan;
  const [first, ...rest] = text.split('\n');
  const m = /^(.*?: )?(error|warning|note)(: .*)$/.exec(first);
  const head = m ? `${m[1] ? c.bold(m[1]) : ''}${c.bold(paint(m[2]))}${m[3]}` : first;
  return [head, ...rest.map((l) => (/^\s+hint: /.test(l) ? c.dim(l) : l))].join('\n');
}
