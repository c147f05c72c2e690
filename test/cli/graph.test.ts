// `sbpl graph BLOB|PROFILE --op NAME --format dot|svg`: the same DOT text the playground draws, laid out by
// Graphviz (WebAssembly) for SVG; a profile and the blob compiled from it give the same graph.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sbpl-graph-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const PROFILE = '(version 1)\n(deny default)\n(allow file-read* (subpath "/usr") (literal "/private/etc/hosts"))\n(deny file-read-data (regex #"\\.key$"))\n(allow mach-lookup (global-name "com.apple.logd"))\n';
// a blob has no source locations (tooltips) and may spell a test differently ((literal ...) as (path ...))
const shape = (dot: string) => dot.replace(/, (tooltip|label)="(?:[^"\\]|\\.)*"/g, '');

describe('sbpl graph', () => {
  it('prints DOT for a profile and for its compiled blob: the same graph', async () => {
    const sb = file('p.sb', PROFILE);
    const bin = join(dir, 'p.sb.bin');
    expect((await runCli(['compile', sb, '-o', bin])).code).toBe(0);
    const fromProfile = await runCli(['graph', sb, '--op', 'file-read-data']);
    const fromBlob = await runCli(['graph', bin, '--op', 'file-read-data']);
    expect(fromProfile.code).toBe(0);
    expect(fromBlob.code).toBe(0);
    expect(fromProfile.stdout).toMatch(/^digraph decision \{/);
    expect(fromProfile.stdout).toContain('label="(regex #\\"\\\\.key$\\")"');
    expect(fromProfile.stdout).toContain(`tooltip="${sb}:4:`);
    expect(shape(fromBlob.stdout)).toBe(shape(fromProfile.stdout));
  });

  it('tells a blob from a profile by its content, not its name', async () => {
    const bin = join(dir, 'q.sb.bin');
    expect((await runCli(['compile', file('q.sb', PROFILE), '-o', bin])).code).toBe(0);
    const renamed = join(dir, 'q.data');
    writeFileSync(renamed, readFileSync(bin));
    const text = file('q.txt', PROFILE);
    const a = await runCli(['graph', renamed, '--op', 'mach-lookup']);
    const b = await runCli(['graph', text, '--op', 'mach-lookup']);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(shape(a.stdout)).toBe(shape(b.stdout));
    expect(a.stdout).toContain('(global-name \\"com.apple.logd\\")');
  });

  it('--format svg lays the graph out with Graphviz, to a file with -o', async () => {
    const out = join(dir, 'g.svg');
    const r = await runCli(['graph', file('s.sb', PROFILE), '--op', 'file-read-data', '--format', 'svg', '-o', out]);
    expect(r.code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toMatch(/<svg[\s>]/);
    // start box + regex test + deny + the path test + allow + deny default
    expect(svg.match(/<g id="n\d+" class="node/g)?.length).toBeGreaterThanOrEqual(4);
    expect(svg).toContain('\\.key$');
    expect(svg).toContain('>match</text>');
  });

  it('bad usage: exit 2 with a message naming what was expected', async () => {
    const sb = file('u.sb', PROFILE);
    const noOp = await runCli(['graph', sb]);
    expect(noOp.code).toBe(2);
    expect(noOp.stderr).toContain('graph needs --op NAME');
    const badOp = await runCli(['graph', sb, '--op', 'mach-lokup']);
    expect(badOp.code).toBe(2);
    expect(badOp.stderr).toContain("unknown operation 'mach-lokup' for sonoma-14.4.1 (did you mean 'mach-lookup'?)");
    const badFormat = await runCli(['graph', sb, '--op', 'mach-lookup', '--format', 'png']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain("--format expects dot or svg, got 'png'");
    const badMax = await runCli(['graph', sb, '--op', 'mach-lookup', '--max-nodes', '0']);
    expect(badMax.code).toBe(2);
  });

  it('a profile with errors, or bytes that are no blob: exit 1, located', async () => {
    const bad = file('bad.sb', '(version 1)\n(allow file-read* (subpath 3))\n');
    const r = await runCli(['graph', bad, '--op', 'file-read-data']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:2:`);
    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, Uint8Array.from([0, 0, 1, 2, 3]));
    const j = await runCli(['graph', junk, '--op', 'file-read-data']);
    expect(j.code).toBe(1);
    expect(j.stderr).toContain(`${junk}: not a blob this version can decode:`);
  });
});
