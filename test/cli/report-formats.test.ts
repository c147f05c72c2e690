// check --format sarif|github and colour (convention 5).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { colorize, useColor } from '../../src/cli/report-formats.js';

const dir = mkdtempSync(join(tmpdir(), 'sbpl-formats-'));
const p = join(dir, 'f.sb');
writeFileSync(p, '(version 1)\n(allow default)\n(deny file-write* (subpath "/tmp/a"))\n(deny file-read* (literal "/etc/hosts"))\n');
const bad = join(dir, 'bad.sb');
writeFileSync(bad, '(version 1)\n(allow file-read* (subpath (param "ROOT")))\n');

/** The properties the SARIF 2.1.0 schema (sarif-schema-2.1.0.json) marks required, on the objects we write. */
function expectSarifShape(log: Record<string, any>): void {
  expect(log.version).toBe('2.1.0');
  expect(Array.isArray(log.runs)).toBe(true);
  for (const run of log.runs) {
    expect(typeof run.tool.driver.name).toBe('string'); // run: tool; tool: driver; toolComponent: name
    for (const rule of run.tool.driver.rules) {
      expect(typeof rule.id).toBe('string'); // reportingDescriptor: id
      expect(typeof rule.shortDescription.text).toBe('string'); // multiformatMessageString: text
      expect(typeof rule.help.text).toBe('string');
      expect(['none', 'note', 'warning', 'error']).toContain(rule.defaultConfiguration.level);
    }
    for (const r of run.results) {
      expect(typeof r.message.text).toBe('string'); // result: message; message: text or id
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(['none', 'note', 'warning', 'error']).toContain(r.level);
      for (const loc of r.locations) {
        expect(typeof loc.physicalLocation.artifactLocation.uri).toBe('string');
        const region = loc.physicalLocation.region;
        if (region) {
          expect(region.startLine).toBeGreaterThanOrEqual(1); // region: startLine minimum 1
          expect(region.startColumn).toBeGreaterThanOrEqual(1);
          expect(region.endLine).toBeGreaterThanOrEqual(region.startLine);
        }
      }
    }
  }
}

describe('sbpl check --format', () => {
  it('sarif: SARIF 2.1.0 with rules (help text) and located results; exit code unchanged', async () => {
    const r = await runCli(['check', p, bad, '--format', 'sarif', '-D', 'X=1']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expectSarifShape(log);
    const results = log.runs[0].results;
    const never = results.filter((x: { ruleId: string }) => x.ruleId === 'lint/path-never-seen');
    expect(never).toHaveLength(2);
    expect(never[0].locations[0].physicalLocation.region).toMatchObject({ startLine: 3 });
    expect(never[0].locations[0].physicalLocation.artifactLocation.uri).toContain('f.sb');
    const rule = log.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === 'lint/path-never-seen');
    expect(rule.help.text).toMatch(/resolved/);
    expect(results.some((x: { level: string; ruleId: string }) => x.level === 'error' && x.ruleId === 'sbpl/filter-argument')).toBe(true);
    expect(rule).toBe(log.runs[0].tool.driver.rules[never[0].ruleIndex]);
  });

  it('github: one workflow annotation per finding, properties and message escaped', async () => {
    const r = await runCli(['check', p, bad, '--format', 'github']);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('::warning file='))).toHaveLength(2);
    expect(lines.find((l) => l.startsWith('::warning'))).toMatch(/^::warning file=[^,]*f\.sb,line=3,col=\d+,endLine=3,endColumn=\d+,title=lint\/path-never-seen::.+%0Ahint: /);
    expect(lines.some((l) => l.startsWith('::error file=') && l.includes('title=sbpl/filter-argument'))).toBe(true);
    expect(r.code).toBe(1);
    expect((await runCli(['check', p, '--format', 'xml'])).code).toBe(2);
  });

  it('colour on a terminal only, NO_COLOR and --color honoured', async () => {
    expect(useColor('auto', { isTTY: true }, {})).toBe(true);
    expect(useColor('auto', { isTTY: false }, {})).toBe(false);
    expect(useColor('auto', { isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColor('always', { isTTY: false }, { NO_COLOR: '1' })).toBe(true);
    expect(useColor('never', { isTTY: true }, {})).toBe(false);
    const text = 'f.sb:3:1: warning: something [lint/x]\n  hint: fix it';
    expect(colorize(text, 'warning', false)).toBe(text);
    const painted = colorize(text, 'warning', true);
    expect(painted).toContain('\u001b[');
    expect(painted.replace(/\u001b\[\d+m/g, '')).toBe(text);
    const always = await runCli(['check', p, '--color', 'always']);
    expect(always.stderr).toContain('\u001b[33m');
    const never = await runCli(['check', p, '--color', 'never']);
    expect(never.stderr).not.toContain('\u001b[');
    expect((await runCli(['check', p, '--color', 'sometimes'])).code).toBe(2);
  });
});
