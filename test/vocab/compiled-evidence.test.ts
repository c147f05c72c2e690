// The evidence the Sonoma vocabulary cites, re-read from the public data in ../shared (in place): libsandbox
// 14.4.1's own compiled blobs (their op tables are SONOMA_COMPILED), the Sonoma operation order, bsd.sb's
// op table, and the argument kinds of the macOS 15.2 / iOS 17 filter tables. Skips when ../shared is absent;
// test/vocab/evidence.test.ts checks the same facts against the data in the repo.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getVocab } from '../../src/vocab/index.js';
import { SONOMA_COMPILED, factNote } from '../../src/vocab/evidence.js';
import type { FilterInfo } from '../../src/vocab/types.js';
import { sharedRoot } from './paths.js';

const REAL = join(sharedRoot, 'data', 'real-blobs');
const LS14 = join(REAL, 'libsandbox-14.4.1');
const have = existsSync(LS14) && existsSync(join(REAL, 'macos15-filters.json'));
if (!have) console.warn(`[skip] ${REAL} not found (a user's clone has no ../shared): the compiled-blob evidence is checked against the repo's copy of its readings only`);

const sonoma = getVocab('sonoma-14.4.1');

/** What each op-table entry of a compiled Sonoma blob enters: allow / deny terminal, or a test node (filter byte, argument). */
function entries(file: string): string[] {
  const d = JSON.parse(readFileSync(join(LS14, file), 'utf8')) as { bytes_hex: string };
  const hex = d.bytes_hex.replace(/\?\?/g, '00'); // never-written bytes are zero (the manifest sha256 says so)
  const b = Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
  const u16 = (o: number) => b[o] | (b[o + 1] << 8);
  const nodes = 400; // header 14 + 190 entries * 2 = 394, aligned to 8
  return Array.from({ length: 190 }, (_, i) => {
    const n = nodes + 8 * u16(14 + 2 * i);
    if (b[n] === 1) return b[n + 1] & 1 ? 'deny' : 'allow';
    return `test ${b[n + 1]} ${u16(n + 2)}`;
  });
}

describe.skipIf(!have)('libsandbox 14.4.1 compiled blobs (../shared/data/real-blobs/libsandbox-14.4.1)', () => {
  const files = have ? readdirSync(LS14).filter((f) => f.endsWith('.json')).sort() : [];
  const names = sonoma.operations.slice(0, 190).map((o) => o.name);

  it('the (allow default) blob sends exactly SONOMA_COMPILED.allowDefaultDenied to a deny terminal', () => {
    const e = entries('baseline_allow_all.json');
    expect(names.filter((_, i) => e[i] === 'deny')).toEqual([...SONOMA_COMPILED.allowDefaultDenied]);
    expect(e.every((x) => x === 'allow' || x === 'deny')).toBe(true);
  });

  it('every (deny default) blob agrees with SONOMA_COMPILED on every operation but its own rule', () => {
    const dd = files.filter((f) => f.startsWith('pair_'));
    expect(dd.length).toBeGreaterThanOrEqual(6);
    for (const f of dd) {
      const e = entries(f);
      const idx = (n: string) => names.indexOf(n);
      expect(names.filter((n, i) => e[i] === 'allow'), f).toEqual(names.filter((n) => SONOMA_COMPILED.denyDefaultAllowed.includes(n)));
      // target filter (13) + 1 = byte 14, value 1 = self
      expect(names.filter((n, i) => e[i] === 'test 14 1'), f).toEqual(names.filter((n) => SONOMA_COMPILED.denyDefaultTargetSelf.includes(n)));
      for (const n of SONOMA_COMPILED.denyDefaultRuled) expect(e[idx(n)].startsWith('test'), `${f} ${n}`).toBe(true);
      const rest = names.filter((n) => ![...SONOMA_COMPILED.denyDefaultAllowed, ...SONOMA_COMPILED.denyDefaultTargetSelf, ...SONOMA_COMPILED.denyDefaultRuled].includes(n));
      for (const n of rest) expect(e[idx(n)], `${f} ${n}`).toBe('deny');
    }
  });

  it('the Sonoma operation list (Karmaz95, Sandbox.kext order) is the vocabulary in id order', () => {
    const list = readFileSync(join(REAL, 'sonoma-operations-karmaz95.txt'), 'utf8').split('\n');
    expect(list).toEqual(sonoma.operations.map((o) => o.name));
  });

  it("bsd.sb as compiled on 14.4.1 sends file-lock (no rule in bsd.sb) where it sends darwin-notification-post (fixed allow)", () => {
    const bsd = JSON.parse(readFileSync(join(sharedRoot, 'data', 'witnessed-blobs', 'golden_sys_bsd.partial.json'), 'utf8')) as { op_table_entries_ops_0_to_27: Record<string, number> };
    // the project read the table from byte 16, one entry late (src/format/sonoma14/descriptor.ts): op i = its key i-1
    const byId = (id: number) => bsd.op_table_entries_ops_0_to_27[names[id - 1]];
    expect(byId(sonoma.operation('file-lock')!.id)).toBe(byId(sonoma.operation('darwin-notification-post')!.id));
    // and not where appleevent-send (which falls back to default) goes
    expect(byId(sonoma.operation('file-lock')!.id)).not.toBe(byId(sonoma.operation('appleevent-send')!.id));
  });
});

/** Our argument kinds that a macOS 15.2 SB_VALUE_TYPE_* can stand for (spellings: pattern types have a regex form). */
function compatible(f: FilterInfo, type: string): boolean {
  const hasRegex = f.spellings.some((s) => s.match === 'regex');
  switch (type.replace('SB_VALUE_TYPE_', '')) {
    case 'PATTERN_LITERAL':
    case 'PATTERN_PREFIX':
    case 'PATTERN_SUBPATH':
      return (f.argKind === 'string' || f.argKind === 'path') && hasRegex;
    case 'PATTERN_REGEX':
      return f.argKind === 'network' || hasRegex;
    case 'STRING':
      return f.argKind === 'string' || f.argKind === 'entitlement';
    case 'INTEGER':
      return f.argKind === 'integer' || f.argKind === 'symbol';
    case 'BITFIELD':
      return f.argKind === 'integer' || f.argKind === 'mode';
    case 'BOOL':
      return f.argKind === 'none' || f.argKind === 'boolean';
    default:
      return false;
  }
}

describe.skipIf(!have)('filter argument kinds against the neighbour releases (macOS 15.2, iOS 17)', () => {
  it("every Sonoma filter's argument kind is one macOS 15.2's table allows, but for the one whose sources disagree", () => {
    const m15 = (JSON.parse(readFileSync(join(REAL, 'macos15-filters.json'), 'utf8')) as { filters: Array<{ id: number; name: string; argument_type: string }> }).filters;
    const bad: string[] = [];
    for (const f of sonoma.filters) {
      const t = m15.find((x) => x.id < 128 && x.name === f.name);
      expect(t, f.name).toBeDefined();
      if (!compatible(f, t!.argument_type)) bad.push(`${f.name}: ours ${f.argKind}, 15.2 ${t!.argument_type}`);
    }
    // Catalina says no argument, 15.2 a string, iOS 17 an integer: recorded as a disagreement in its facts note.
    expect(bad).toEqual(['user-intent-extension: ours none, 15.2 SB_VALUE_TYPE_STRING']);
    expect(factNote(sonoma.id, 'filter user-intent-extension argument', sonoma.filter('user-intent-extension')!.facts!.argument.note)).toMatch(/disagree/);
  });

  it('the Sonoma-only filters iOS 17 also has are strings where iOS 17 reads a string, numbers elsewhere', () => {
    const i17 = (JSON.parse(readFileSync(join(REAL, 'ios17-filters.json'), 'utf8')) as { filters: Array<{ name: string; argument_kind: string }> }).filters;
    for (const f of sonoma.filters.filter((x) => x.facts?.argument.tier === 'neighbour')) {
      const t = i17.find((x) => x.name === f.name || x.name === f.name.replace(/^%/, ''));
      if (!t) continue; // codesigning-operation etc. are newer than iOS 17's table
      const iosString = t.argument_kind.startsWith('string');
      expect(iosString, `${f.name}: iOS 17 ${t.argument_kind}, ours ${f.argKind}`).toBe(f.argKind === 'string' || f.argKind === 'entitlement' || f.argKind === 'path');
    }
  });
});
