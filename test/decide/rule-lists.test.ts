// The per-operation rule lists the engine, the lowering and the decompiler share.
import { describe, expect, it } from 'vitest';
import { getVocab } from '../../src/vocab/index.js';
import { fallbackDepth, fallbackOf, operationFallback, RuleLists, ruleTarget } from '../../src/decide/rule-lists.js';
import { compile } from './helpers.js';

const vocab = getVocab('sonoma-14.4.1');
const DEFAULTS = { childBeforeParent: true, sysctlWriteAlias: true };
const listsOf = (text: string, options = DEFAULTS) => new RuleLists(vocab, options).add(compile(text, { standardPolicy: false }).rules).finish();
const ids = (entries: Array<{ rule: { id: number } }>) => entries.map((e) => e.rule.id);

describe('rule lists', () => {
  it('hold filtered rules newest first and the last unfiltered rule, recording the ones it replaced', () => {
    const l = listsOf('(version 1)(deny default)(allow file-read* (subpath "/a"))(deny file-read*)(allow file-read* (subpath "/b"))(allow file-read*)').list('file-read*');
    expect(ids(l.filtered)).toEqual([3, 1]);
    expect(l.unfiltered?.rule.id).toBe(4);
    expect(l.replaced.map((r) => r.id)).toEqual([2]);
    expect(l.fixed).toBeNull();
    expect(l.parent?.name).toBe(vocab.operation('file-read*')!.parent);
  });

  it('put a rule written on sysctl-write on sysctl* only while the alias holds, whatever the producer recorded', () => {
    const rule = compile('(version 1)(allow sysctl-write)', { standardPolicy: false }).rules[0];
    // the front end records the alias's target with the spelling as written
    expect(rule.operations).toEqual(['sysctl*']);
    expect(rule.operationsWritten).toEqual(['sysctl-write']);
    expect(ruleTarget(rule, 0, true)).toEqual({ operation: 'sysctl*', writtenAs: 'sysctl-write' });
    expect(ruleTarget(rule, 0, false)).toEqual({ operation: 'sysctl-write' });
    // an IR producer that keeps the table name
    const ir = { ...rule, operations: ['sysctl-write'], operationsWritten: undefined };
    expect(ruleTarget(ir, 0, true)).toEqual({ operation: 'sysctl*', writtenAs: 'sysctl-write' });
    expect(ruleTarget(ir, 0, false)).toEqual({ operation: 'sysctl-write' });
    const off = new RuleLists(vocab, { ...DEFAULTS, sysctlWriteAlias: false }).add([rule]).finish();
    expect(off.list('sysctl-write').unfiltered?.rule).toBe(rule);
    expect(off.list('sysctl*').unfiltered).toBeNull();
  });

  it('merge an operation\'s filtered rules with its ancestors\', newest first, when childBeforeParent is off', () => {
    const text = '(version 1)(deny default)(allow file-read-data (literal "/k"))(deny file-read* (literal "/k"))(allow default (literal "/j"))';
    const off = listsOf(text, { ...DEFAULTS, childBeforeParent: false }).list('file-read-data');
    expect(off.merged?.map((m) => [m.entry.rule.id, m.list.name])).toEqual([
      [3, 'default'],
      [2, 'file-read*'],
      [1, 'file-read-data'],
    ]);
    expect(listsOf(text).list('file-read-data').merged).toBeUndefined();
  });

  it('end in a fixed decision, the parent, or (for names outside the vocabulary) default', () => {
    const lists = listsOf('(version 1)(allow default)');
    expect(lists.list('default').fixed).toBe('deny');
    const fixedOp = vocab.operations.find((o) => o.fixed)!;
    expect(lists.list(fixedOp.name)).toMatchObject({ fixed: fixedOp.fixed, parent: null });
    expect(operationFallback(fixedOp)).toEqual({ kind: 'fixed', decision: fixedOp.fixed });
    expect(operationFallback(vocab.operation('default')!)).toEqual({ kind: 'fixed', decision: 'deny' });
    expect(operationFallback(vocab.operation('file-read-data')!)).toEqual({ kind: 'parent', parent: 'file-read*' });
    const made = lists.list('made-up-op');
    expect(made).toMatchObject({ synthetic: true, parent: lists.list('default') });
    expect(fallbackOf(made)).toBe('allow');
  });

  it('count the ancestors of an operation', () => {
    expect(fallbackDepth(vocab, vocab.operation('default')!)).toBe(0);
    expect(fallbackDepth(vocab, vocab.operation('file-read-data')!)).toBe(fallbackDepth(vocab, vocab.operation('file-read*')!) + 1);
    expect(fallbackDepth(vocab, vocab.operations.find((o) => o.fixed)!)).toBe(0);
  });

  it('say which decisions an operation can return', () => {
    const text = '(version 1)(deny default)(allow file-read* (subpath "/a"))(deny file-read-data)';
    const on = listsOf(text);
    expect(on.canReturn('file-read-metadata', 'allow')).toBe(true);
    expect(on.canReturn('file-read-data', 'allow')).toBe(false); // its unfiltered deny cuts off file-read*
    expect(on.canReturn('mach-lookup', 'allow')).toBe(false);
    expect(on.canReturn('not-an-op', 'deny')).toBe(false);
    const off = listsOf(text, { ...DEFAULTS, childBeforeParent: false });
    expect(off.canReturn('file-read-data', 'allow')).toBe(true); // file-read*'s rule is tried first
  });

  it('leave out the rules a caller refuses', () => {
    const rules = compile('(version 1)(deny default)(allow file-read* mach-lookup)', { standardPolicy: false }).rules;
    const lists = new RuleLists(vocab, DEFAULTS).add(rules, (_rule, list) => list.name !== 'mach-lookup').finish();
    expect(lists.list('file-read*').unfiltered).not.toBeNull();
    expect(lists.list('mach-lookup').unfiltered).toBeNull();
  });
});
