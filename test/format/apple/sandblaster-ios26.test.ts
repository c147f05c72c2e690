// Our decompilation of the iOS 26 beta platform blob against SandBlaster_26's (the first 300 lines of its
// output, ../shared/data/real-blobs/ios26beta-platform.decompiled-head.sb, read in place), rule by rule: each
// complete top-level rule of theirs must name the same operation, and every test it mentions must be one our rule
// for that operation mentions. The differences, each explained (docs/formats.md, "Against SandBlaster_26"):
// - form: SandBlaster writes the deny rule's condition; we write the unfiltered decision and the conditions of the
//   others, block by block (`(deny dynamic-code-generation)` + `(allow dynamic-code-generation COND)`): the same
//   decision, as the conditions within a block are disjoint and cover it, and later blocks come first;
// - spelling: SandBlaster drops the `%` of libsandbox's internal filter names (`entitlement-is-bool-true`) and
//   the quotes of entitlement keys and symbols; `(storage-class-extension 0)` is our flag `(storage-class-extension)`;
// - duplicates: SandBlaster repeats a test once per path (is-initproc twice); we write a test once per formula
//   and a condition used twice once, as `(define cK ...)`;
// - grouping: operations that enter the same node share one rule of ours (file-chroot with op#27).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeAnyBlob } from '../../../src/format/index.js';
import { decompileGraphBlocks } from '../../../src/graph/decompile-blocks.js';
import { getVocab } from '../../../src/vocab/index.js';
import { sharedRoot } from '../../vocab/paths.js';

const DIR = join(sharedRoot, 'data', 'real-blobs');
const present = existsSync(join(DIR, 'ios26beta-platform.decompiled-head.sb'));
if (!present) console.warn(`[skip] ${DIR} not found: the SandBlaster comparison is skipped`);

/** Complete top-level forms of a text (a truncated last form is left out). */
function topForms(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === ';') while (i < text.length && text[i] !== '\n') i++;
    else if (ch === '(') {
      if (depth++ === 0) start = i;
    } else if (ch === ')' && --depth === 0) out.push(text.slice(start, i + 1));
  }
  return out;
}

/** Leaf tests `(filter arg...)` of a rule, normalised: no `%`, no quotes, flags without a 0 argument. */
function atoms(form: string): Set<string> {
  const out = new Set<string>();
  for (const m of form.matchAll(/\(([a-z%][a-z0-9%-]*)((?: +(?:"[^"]*"|[^\s()"]+))*)\)/g)) {
    const name = m[1].replace(/^%/, '');
    if (/^(allow|deny|require-(any|all|not)|version)$/.test(name)) continue;
    const args = m[2].trim().replace(/"/g, '').replace(/^0$/, '');
    out.add(args ? `${name} ${args}` : name);
  }
  return out;
}

describe.skipIf(!present)('iOS 26 platform profile: ours against SandBlaster_26', () => {
  it('agrees rule by rule on the rules its head holds', () => {
    const theirs = topForms(readFileSync(join(DIR, 'ios26beta-platform.decompiled-head.sb'), 'utf8')).filter((f) => /^\((allow|deny) /.test(f));
    const d = decodeAnyBlob(new Uint8Array(readFileSync(join(DIR, 'ios26beta-platform.bin'))));
    const forms = topForms(decompileGraphBlocks(d.profiles[0].graph, getVocab(d.vocabulary)));
    const ours = forms.filter((f) => /^\((allow|deny) /.test(f));
    expect(theirs.length).toBeGreaterThanOrEqual(2);
    // expand our defines into the rules that use them: atoms of a rule = its own plus those of every define
    const defines = new Map<string, string>();
    for (const f of forms) {
      const m = /^\(define ([^\s()]+) /.exec(f);
      if (m) defines.set(m[1], f);
    }
    const deepAtoms = (form: string, seen = new Set<string>()): Set<string> => {
      const out = atoms(form);
      for (const m of form.matchAll(/ (c\d+|t\d+)(?=[\s)])/g)) {
        if (seen.has(m[1])) continue;
        seen.add(m[1]);
        for (const a of deepAtoms(defines.get(m[1]) ?? '', seen)) out.add(a);
      }
      return out;
    };
    for (const rule of theirs) {
      const [, action, op] = /^\((allow|deny) ([^\s()]+)/.exec(rule)!;
      const mine = ours.filter((r) => new RegExp(`^\\((allow|deny)( [^\\s()]+)* ${op.replace(/[*]/g, '\\*')}[ )]`).test(r));
      expect(mine.length, `${action} ${op}: no rule of ours names it`).toBeGreaterThan(0);
      if (op === 'default') {
        expect(mine.some((r) => r.startsWith(`(${action} default`))).toBe(true);
        continue;
      }
      const have = new Set<string>();
      for (const r of mine) for (const a of deepAtoms(r)) have.add(a);
      const missing = [...atoms(rule)].filter((a) => !have.has(a));
      expect(missing, `${action} ${op}: tests SandBlaster has and we do not`).toEqual([]);
    }
  });
});
