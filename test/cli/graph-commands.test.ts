// sbpl compile / decode / decompile / layout: outputs, files written, exit codes 0 / 1 / 2.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
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
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

const PROFILE = '(version 1)\n(deny default)\n(allow file-read* (subpath "/usr"))\n(allow network-outbound (require-all (socket-domain AF_INET) (socket-type SOCK_STREAM)))\n';

describe('sbpl compile / decode / decompile / layout', () => {
  const src = file('p.sb', PROFILE);
  const out = join(dir, 'p.sb.bin');

  it('compile -o writes the blob and says what it wrote', async () => {
    const r = await runCli(['compile', src, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wrote .*p\.sb\.bin \(\d+ bytes, \d+ nodes, 2 data items\)/);
    expect(readFileSync(out).readUInt16LE(4) & 0xff).toBe(190);
  });

  it('compile --trace writes traces, blob, manifest with matching sha256 and the analysis', async () => {
    const t = join(dir, 'trace');
    const r = await runCli(['compile', src, '--trace', t]);
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(t, 'manifest.json'), 'utf8'));
    expect(manifest.format).toBe('sonoma14');
    for (const o of manifest.outputs) expect(sha(o.path), o.path).toBe(o.sha256);
    expect(manifest.inputs[0].sha256).toBe(sha(src));
    const lines = readFileSync(join(t, 'traces', 'p.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.every((l) => typeof l.offset === 'number' && typeof l.hex === 'string' && l.stage)).toBe(true);
    const analysis = JSON.parse(readFileSync(join(t, 'trace_analysis.json'), 'utf8'));
    expect(analysis.gaps).toEqual([]);
    expect(analysis.rules.some((x: { filter: string }) => x.filter === '(subpath "/usr")')).toBe(true);
    expect(existsSync(join(t, 'blobs', 'p.sb.bin'))).toBe(true);
  });

  it('decode prints header, op table, nodes and data items; --json for tools', async () => {
    const r = await runCli(['decode', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('190 op-table entries');
    expect(r.stdout).toMatch(/op table \(entry node: operations\):\n\s+\d+: network-outbound/);
    expect(r.stdout).toContain('(subpath "/usr") -> match');
    expect(r.stdout).toMatch(/data items:\n\s+@\d+ string/);
    const j = await runCli(['decode', out, '--json']);
    const data = JSON.parse(j.stdout);
    expect(data.header.opCount).toBe(190);
    expect(data.opTable).toHaveLength(190);
    expect(data.opTable[0]).toEqual({ operation: 'default', node: data.header.nodeCount - 1 });
  });

  it('decompile prints SBPL that check accepts', async () => {
    const r = await runCli(['decompile', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(deny default)');
    const back = file('back.sb', r.stdout);
    const c = await runCli(['check', back, '--no-standard-policy', '--no-lint']);
    expect(c.code).toBe(0);
  });

  it('layout writes summary.json for known and unknown blobs', async () => {
    const junk = file('junk.bin', 'not a blob at all, just text');
    const summary = join(dir, 'summary.json');
    const r = await runCli(['layout', out, junk, '-o', summary]);
    expect(r.code).toBe(0);
    const s = JSON.parse(readFileSync(summary, 'utf8'));
    expect(s.blobs).toHaveLength(2);
    expect(s.blobs[0].corrected[0].ok).toBe(true);
    expect(s.blobs[1].corrected[0].ok).toBe(false);
  });

  it('exit 1 with the byte offset for a bad blob; exit 2 for usage errors', async () => {
    const bad = join(dir, 'bad.bin');
    writeFileSync(bad, Buffer.from(readFileSync(out).subarray(0, 100)));
    const r = await runCli(['decode', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.bin: not a valid sonoma14 blob: .*at byte \d+/);
    expect((await runCli(['compile', src])).code).toBe(2);
    expect((await runCli(['decode', join(dir, 'missing.bin')])).code).toBe(2);
    const broken = file('broken.sb', '(version 1)\n(allow file-read* (subpath 3))\n');
    const b = await runCli(['compile', broken, '-o', join(dir, 'x.bin')]);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/broken\.sb:2:\d+: error:/);
  });

  it('a newer-format blob cut inside its tables: decode and decompile say which table stops where', async () => {
    // a 16-byte header (195 operations: iOS 26) counting 3 regexes, cut 2 bytes into the regex table
    const header = [0, 0, 1, 0, 195, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0];
    const cut = join(dir, 'cut.bin');
    writeFileSync(cut, Uint8Array.from([...header, 0, 0]));
    for (const args of [['decode', cut], ['decode', '--json', cut], ['decompile', cut]]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/cut\.bin: regex table \(3 entries\) runs past the end of the blob \(at byte 16/);
      expect(r.stderr).not.toMatch(/sonoma14|none of the known formats|\n\s+at /);
    }
  });
});
