// Byte for byte like libsandbox 14.4.1: every blob in ../shared/data/real-blobs/libsandbox-14.4.1/ (rebuilt from
// libsandbox's own write traces, read in place) must come out of our compiler identical: length, every byte,
// sha256. A failure names the first differing offsets and what our write trace says wrote them. Without
// ../shared, the sha256 libsandbox's tracing project recorded for 43 network profiles (a fixture of ours, from
// its public manifest) still check the same rules.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProfile } from '../../src/sbpl/index.js';
import { getVocab } from '../../src/vocab/index.js';
import { compileProfileToBlob, decodeBlob, sha256Hex, type WriteRecord } from '../../src/format/index.js';
import { OP_TABLE_SIZE } from '../../src/format/sonoma14/descriptor.js';
import { repoRoot, sharedRoot } from '../vocab/paths.js';

const DIR = join(sharedRoot, 'data', 'real-blobs', 'libsandbox-14.4.1');
const present = existsSync(DIR);
if (!present) console.warn(`[skip] ${DIR} not found (a user's clone has no ../shared): the byte-for-byte libsandbox 14.4.1 comparison is skipped`);

interface RealBlob {
  name: string;
  length: number;
  /** Hex, `??` where the trace never wrote a byte. */
  bytes_hex: string;
  /** sha256 of the real blob (from the tracing project's manifest). */
  sha256: string;
}

/**
 * The source of a blob that has none beside it, named by the blob: `baseline_allow_all` is `(allow default)`
 * (checked below against what its bytes decode to).
 */
const SOURCE_BY_NAME: Record<string, string> = { baseline_allow_all: '(version 1)\n(allow default)\n' };

const blobs: RealBlob[] = present
  ? readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as RealBlob)
  : [];

/** The real bytes: never-written bytes are zero (filling them so reproduces the manifest sha256). */
function realBytes(b: RealBlob): { bytes: Uint8Array; gaps: number[] } {
  const pairs = b.bytes_hex.match(/../g) ?? [];
  const gaps: number[] = [];
  const bytes = Uint8Array.from(pairs, (h, i) => {
    if (h === '??') {
      gaps.push(i);
      return 0;
    }
    return parseInt(h, 16);
  });
  return { bytes, gaps };
}

function sourceOf(b: RealBlob): string {
  const sb = join(DIR, `${b.name}.sb`);
  if (existsSync(sb)) return readFileSync(sb, 'utf8');
  const s = SOURCE_BY_NAME[b.name];
  if (s === undefined) throw new Error(`${b.name}: no .sb beside it and no source known from its name`);
  return s;
}

function compile(name: string, text: string) {
  const r = readProfile(text, { fileName: `${name}.sb` });
  if (!r.ok) throw new Error(`${name}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return compileProfileToBlob(r.profile, getVocab(r.profile.os), { trace: true });
}

/** The first differing offsets, each with real/ours bytes and the write records of ours that cover it. */
function explainDiffs(real: Uint8Array, ours: Uint8Array, trace: WriteRecord[], max = 8): string {
  const lines: string[] = [];
  if (real.length !== ours.length) lines.push(`length: libsandbox ${real.length}, ours ${ours.length}`);
  let shown = 0;
  for (let i = 0; i < Math.max(real.length, ours.length) && shown < max; i++) {
    if (real[i] === ours[i]) continue;
    shown++;
    const hex = (v: number | undefined) => (v === undefined ? '--' : v.toString(16).padStart(2, '0'));
    const by = trace.filter((r) => r.offset <= i && i < r.offset + r.length).map((r) => `${r.stage} "${r.what}"${r.ruleIds.length ? ` rules ${r.ruleIds.join(',')}` : ''}${r.origin ? ` (${r.origin})` : ''}`);
    lines.push(`@${i}: libsandbox ${hex(real[i])}, ours ${hex(ours[i])}; written by ${by.length ? by.join(' | ') : 'nothing (zero fill)'}`);
  }
  return lines.join('\n');
}

describe.skipIf(!present)('libsandbox 14.4.1 byte for byte (../shared/data/real-blobs/libsandbox-14.4.1)', () => {
  it('holds the seven blobs the work started from', () => {
    expect(blobs.length).toBeGreaterThanOrEqual(7);
  });

  it.each(blobs.map((b) => [b.name, b] as const))('%s compiles to the same bytes', (_name, b) => {
    const { bytes: real, gaps } = realBytes(b);
    expect(real.length).toBe(b.length);
    // the rebuilt bytes are the real blob: zero-filled gaps give the manifest's sha256
    expect(sha256Hex(real)).toBe(b.sha256);
    const out = compile(b.name, sourceOf(b));
    const detail = explainDiffs(real, out.bytes, out.trace ?? []);
    expect(detail, `${b.name} differs from libsandbox 14.4.1:\n${detail}`).toBe('');
    expect(sha256Hex(out.bytes)).toBe(b.sha256);
    // the bytes libsandbox never writes are the alignment padding after the op table, which we write as zeros
    for (const g of gaps) expect(out.trace!.some((r) => r.stage === 'padding' && r.offset <= g && g < r.offset + r.length), `gap byte ${g}`).toBe(true);
  });

  it('baseline_allow_all is (allow default) with no filtered rule: two terminals, default enters the allow one', () => {
    const b = blobs.find((x) => x.name === 'baseline_allow_all')!;
    const vocab = getVocab('sonoma-14.4.1');
    const g = decodeBlob(realBytes(b).bytes, vocab).graph;
    expect(g.nodes.every((n) => n.kind === 'terminal')).toBe(true);
    expect(g.nodes[g.entries[0]]).toMatchObject({ kind: 'terminal', decision: 'allow', modifiers: [] });
    // every deny entry is an operation fixed deny (or under one): nothing a rule of the profile could have denied
    const denied = g.entries.flatMap((e, op) => ((g.nodes[e] as { decision: string }).decision === 'deny' ? [vocab.operationById(op)!] : []));
    for (const op of denied) expect(vocab.fallbackChain(op.name).some((o) => o.fixed === 'deny'), op.name).toBe(true);
  });

  it('the op table has 190 slots (ids 0..189): the six operations outside it are the message-filter family, 190..195', () => {
    const vocab = getVocab('sonoma-14.4.1');
    for (const b of blobs) {
      const { bytes } = realBytes(b);
      expect(bytes[4], `${b.name} header op count`).toBe(OP_TABLE_SIZE);
      // 190 u16 entries from byte 14 end at 394; the node array starts at the next multiple of 8
      const n = bytes[2] | (bytes[3] << 8);
      expect(400 + 8 * n, b.name).toBeLessThanOrEqual(bytes.length);
      for (let op = 0; op < OP_TABLE_SIZE; op++) expect(bytes[14 + 2 * op] | (bytes[15 + 2 * op] << 8), `${b.name} op ${op}`).toBeLessThan(n);
    }
    const outside = vocab.operations.filter((o) => o.notInOpTable);
    expect(outside.map((o) => o.id)).toEqual([190, 191, 192, 193, 194, 195]);
    expect(outside.map((o) => o.name)).toEqual(['default-message-filter', 'iokit-async-external-method', 'iokit-external-method', 'iokit-external-trap', 'mach-message-send', 'xpc-message-send']);
    expect(vocab.operations.filter((o) => !o.notInOpTable)).toHaveLength(OP_TABLE_SIZE);
  });
});

describe('libsandbox 14.4.1 network-matrix compiles (sha256 from its tracing manifest, test/fixtures/libsandbox-14.4.1)', () => {
  const fixture = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'libsandbox-14.4.1', 'manifest.json'), 'utf8')) as {
    profiles: Array<{ id: string; length: number; sha256: string; filter: string }>;
    others: Array<{ id: string; length: number; sha256: string; sbpl_from: string }>;
  };
  const others = fixture.others;

  it.each(others.map((p) => [p.id, p] as const))('%s (whole profile) has the sha256 libsandbox recorded', (id, p) => {
    const out = compile(id, readFileSync(join(repoRoot, p.sbpl_from.split(' ')[0]), 'utf8'));
    expect(out.bytes.length).toBe(p.length);
    expect(sha256Hex(out.bytes)).toBe(p.sha256);
  });

  it.each(fixture.profiles.map((p) => [p.id, p] as const))('%s has the sha256 libsandbox recorded', (id, p) => {
    const out = compile(id, `(version 1)\n(deny default)\n(allow network-outbound ${p.filter})\n`);
    expect(out.bytes.length).toBe(p.length);
    expect(sha256Hex(out.bytes)).toBe(p.sha256);
  });
});
