// The write trace covers every byte exactly once and ties node and data bytes to the rules they implement.
import { describe, expect, it } from 'vitest';
import { readProfile } from '../../src/sbpl/index.js';
import { getVocab } from '../../src/vocab/index.js';
import { compileProfileToBlob } from '../../src/format/index.js';
import { analyzeTrace } from '../../src/trace/index.js';

const vocab = getVocab('sonoma-14.4.1');

describe('encoder write trace', () => {
  const text = '(version 1)\n(deny default)\n(allow file-read* (subpath "/usr"))\n(allow mach-lookup (global-name "com.apple.x"))\n';
  const r = readProfile(text, { fileName: 'p.sb' });
  const c = compileProfileToBlob(r.profile, vocab, { trace: true });

  it('records every byte once, and replaying the records rebuilds the blob', () => {
    const seen = new Uint8Array(c.bytes.length);
    const rebuilt = new Uint8Array(c.bytes.length);
    for (const w of c.trace!) {
      expect(w.hex.length).toBe(2 * w.length);
      rebuilt.set(Buffer.from(w.hex, 'hex'), w.offset);
      for (let i = w.offset; i < w.offset + w.length; i++) seen[i]++;
    }
    expect([...seen].every((x) => x === 1)).toBe(true);
    expect(Buffer.from(rebuilt).equals(Buffer.from(c.bytes))).toBe(true);
  });

  it('attributes a rule\'s test node and its string item to that rule and its span', () => {
    const rule = r.profile.rules.find((x) => x.operations[0] === 'mach-lookup')!;
    const node = c.trace!.find((w) => w.stage === 'node' && w.ruleIds.includes(rule.id) && w.hex.startsWith('00'))!;
    expect(node.spans.some((s) => s.file === 'p.sb' && s.line === 4)).toBe(true);
    expect(node.filter).toBe('(global-name "com.apple.x")');
    const item = c.trace!.find((w) => w.stage === 'data-payload' && w.ruleIds.includes(rule.id))!;
    expect(Buffer.from(item.hex, 'hex').toString('latin1')).toContain('com.apple.x');
    const a = analyzeTrace('p.sb.bin', c.bytes.length, c.trace!, r.profile.rules);
    expect(a.gaps).toEqual([]);
    expect(a.attributedBytes + a.structuralBytes).toBe(c.bytes.length);
    const row = a.rules.find((x) => x.ruleId === rule.id)!;
    expect(row.location).toBe('p.sb:4:1');
    expect(row.ranges.some(([s, e]) => s <= item.offset && e >= item.offset + item.length)).toBe(true);
    // the op-table entry of mach-lookup names the rule too
    const entry = c.trace!.find((w) => w.stage === 'op-table' && w.operation === 'mach-lookup')!;
    expect(entry.ruleIds).toContain(rule.id);
  });
});
