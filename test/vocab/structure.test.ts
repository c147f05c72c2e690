// Invariants every registered vocabulary must satisfy.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getVocab, listVocabularies } from '../../src/vocab/index.js';

const ids = listVocabularies();

describe.each(ids)('vocabulary %s', (id) => {
  const v = getVocab(id);
  const ops = v.operations;

  it('numbers operations and filters by position', () => {
    ops.forEach((o, i) => expect(o.id).toBe(i));
    v.filters.forEach((f, i) => expect(f.id).toBe(i));
    expect(new Set(ops.map((o) => o.name)).size).toBe(ops.length);
    expect(new Set(v.filters.map((f) => f.name)).size).toBe(v.filters.length);
  });

  it('has a fallback tree: parents exist, terminal operations have none, `default` is fixed deny', () => {
    const def = v.operation('default');
    expect(def?.fixed).toBe('deny');
    expect(def?.parent).toBeNull();
    for (const o of ops) {
      if (o.fixed) expect(o.parent, o.name).toBeNull();
      else {
        expect(o.parent, `${o.name} needs a parent or a fixed decision`).not.toBeNull();
        expect(v.operation(o.parent!), `${o.name} -> ${o.parent}`).toBeDefined();
      }
    }
  });

  it('has no cycles: every chain ends at a fixed-decision operation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: ops.length - 1 }), (i) => {
        const chain = v.fallbackChain(ops[i].name);
        expect(chain[0].name).toBe(ops[i].name);
        expect(chain.at(-1)!.fixed).toBeDefined();
        expect(new Set(chain.map((c) => c.name)).size).toBe(chain.length);
        // each step follows the parent pointer
        for (let k = 1; k < chain.length; k++) expect(chain[k].name).toBe(chain[k - 1].parent);
        // descendants of an ancestor include the operation
        for (const anc of chain) expect(v.descendants(anc.name).some((d) => d.name === ops[i].name)).toBe(true);
      }),
      { numRuns: 300 },
    );
    // exhaustive too: the property above samples, this walks all
    for (const o of ops) expect(v.fallbackChain(o.name).at(-1)!.fixed, o.name).toBeDefined();
  });

  it('resolves every alias to a real operation (or an explicit no-op)', () => {
    for (const [alias, target] of Object.entries(v.data.operationAliases)) {
      const r = v.resolveOperation(alias);
      expect(r, alias).toBeDefined();
      if (target === null) expect(r!.kind).toBe('no-op');
      else {
        expect(r!.kind, alias).toBe('operation');
        if (r!.kind === 'operation') expect(r!.op.name).toBe(target);
      }
    }
  });

  it('maps each SBPL spelling to exactly one filter', () => {
    const owner = new Map<string, string>();
    for (const f of v.filters) {
      expect(f.spellings.length, f.name).toBeGreaterThan(0);
      for (const s of f.spellings) {
        expect(owner.get(s.name) ?? f.name, `${s.name} is spelled by ${owner.get(s.name)} and ${f.name}`).toBe(f.name);
        owner.set(s.name, f.name);
        expect(v.filterSpelling(s.name)!.filter.name).toBe(f.name);
      }
    }
    // spellings never shadow an operation or modifier name
    for (const s of owner.keys()) {
      expect(v.resolveOperation(s), s).toBeUndefined();
      expect(v.modifier(s), s).toBeUndefined();
    }
  });

  it('gives integer and symbol filters numeric named values, and every constant is an integer', () => {
    for (const f of v.filters) {
      for (const [k, n] of Object.entries(f.values ?? {})) expect(Number.isInteger(n), `${f.name} ${k}`).toBe(true);
      if (f.argKind === 'symbol') expect(Object.keys(f.values ?? {}).length, f.name).toBeGreaterThan(0);
    }
    for (const [k, n] of Object.entries(v.data.constants)) expect(Number.isInteger(n), k).toBe(true);
  });

  it('uses filter classes that some filter provides, and modifiers that exist', () => {
    const provided = new Set(v.filters.flatMap((f) => f.classes));
    const accepted = new Set(ops.flatMap((o) => o.filterClasses ?? []));
    for (const c of accepted) expect(provided.has(c), `class ${c} has no filter`).toBe(true);
    if (!v.lenient) {
      for (const f of v.filters) expect(f.classes.some((c) => accepted.has(c)), `no operation accepts ${f.name}`).toBe(true);
    }
    for (const o of ops) for (const m of o.modifiers ?? []) expect(v.modifier(m)?.name, `${o.name}: ${m}`).toBe(m);
    for (const m of v.data.modifiers) expect(m.actions.length).toBeGreaterThan(0);
    for (const [k, sh] of Object.entries(v.data.modifierShorthands ?? {})) {
      expect(v.modifier(sh.name), k).toBeDefined();
      expect(v.modifier(k), `${k} is a shorthand, not a modifier`).toBeUndefined();
    }
  });

  it('carries the standard policy, whose operations and filters exist', () => {
    expect(v.data.standardPolicy).toContain('(allow signal (target self))');
    expect(v.operation('signal')).toBeDefined();
    expect(v.operation('mach-task-name')).toBeDefined();
    expect(v.filterSpelling('target')!.filter.values!.self).toBe(1);
  });
});
