// Lowering rules to a graph: per-op chains with fallback inlined, metafilters as edge wiring, shared nodes.
import { describe, expect, it } from 'vitest';
import { lowerProfile, PLAIN_MODEL, withImplicitRules } from '../../src/graph/lower.js';
import { SONOMA14_COMPILER } from '../../src/format/sonoma14/descriptor.js';
import { validateGraph, reachable } from '../../src/graph/model.js';
import { DecisionEngine } from '../../src/decide/engine.js';
import { GraphEvaluator } from '../../src/graph/evaluate.js';
import { entryOf, opId, profileOf, show, vocab } from './helpers.js';

const plain = (text: string) => lowerProfile(profileOf(text, false), vocab, { model: PLAIN_MODEL });

describe('lowering', () => {
  it('require-all is a chain whose unmatch edges all go to the fall-through', () => {
    const g = plain('(version 1)(deny default)(allow network-outbound (require-all (socket-domain AF_INET) (socket-type SOCK_STREAM)))');
    const e = g.entries[opId('network-outbound')];
    const deny = g.entries[opId('default')];
    const a = g.nodes[e];
    expect(show(g, e)).toMatch(/^socket-domain 2 -> /);
    if (a.kind !== 'test') throw new Error('entry is not a test');
    expect(a.unmatch).toBe(deny);
    expect(show(g, a.match)).toBe(`socket-type 1 -> ${(g.nodes[a.match] as { match: number }).match}/${deny}`);
    expect(show(g, (g.nodes[a.match] as { match: number }).match)).toBe('allow');
    expect(validateGraph(g)).toEqual([]);
  });

  it('require-any sends every match edge to the rule terminal; require-not swaps the edges', () => {
    const g = plain('(version 1)(deny default)(allow network-outbound (require-any (socket-domain AF_INET) (require-not (socket-type SOCK_DGRAM))))');
    const e = g.entries[opId('network-outbound')];
    const deny = g.entries[opId('default')];
    const a = g.nodes[e];
    if (a.kind !== 'test') throw new Error('entry is not a test');
    const allow = a.match;
    expect(show(g, allow)).toBe('allow');
    // the negated test: match -> fall-through (deny), unmatch -> allow
    expect(show(g, a.unmatch)).toBe(`socket-type 2 -> ${deny}/${allow}`);
  });

  it('the op chain tries the newest filtered rule first and ends in the inlined parent chain', () => {
    const g = plain('(version 1)(deny default)(allow file-read* (subpath "/usr"))(deny file-read-data (literal "/usr/x"))');
    const data = g.entries[opId('file-read-data')];
    const parent = g.entries[opId('file-read*')];
    const n = g.nodes[data];
    if (n.kind !== 'test') throw new Error('entry is not a test');
    expect(show(g, data)).toMatch(/^path \/usr\/x -> /);
    expect(show(g, n.match)).toBe('deny');
    expect(n.unmatch).toBe(parent);
    expect(show(g, parent)).toMatch(/^path \/usr -> /);
  });

  it('identical chains are one set of nodes (hash-consing) and terminals are shared', () => {
    const g = plain(`(version 1)(deny default)
      (allow file-read* (subpath "/private/tmp/ok"))(allow file-write* (subpath "/private/tmp/ok"))
      (deny file-read* (literal "/etc/hosts"))(deny file-write* (literal "/etc/hosts"))`);
    expect(g.entries[opId('file-read*')]).toBe(g.entries[opId('file-write*')]);
    expect(g.nodes.filter((n) => n.kind === 'test')).toHaveLength(2);
    expect(g.nodes.filter((n) => n.kind === 'terminal')).toHaveLength(2);
  });

  it('adjacent tests of one string filter with one match target merge, in source order', () => {
    const g = plain('(version 1)(deny default)(allow file-read* (subpath "/System"))(allow file-read* (subpath "/usr"))(allow mach-lookup (global-name "x"))(allow file-read* (literal "/etc/hosts"))');
    const n = entryOf(g, 'file-read*');
    if (n.kind !== 'test') throw new Error('entry is not a test');
    expect(n.test.alternatives.map((a) => a.arg)).toEqual([
      { kind: 'subpath', value: '/System' },
      { kind: 'subpath', value: '/usr' },
      { kind: 'literal', value: '/etc/hosts' },
    ]);
    expect(g.nodes.filter((x) => x.kind === 'test')).toHaveLength(2);
  });

  it('a test whose edges meet is dropped', () => {
    const g = plain('(version 1)(allow default)(allow file-read* (literal "/x"))');
    expect(g.nodes.every((n) => n.kind === 'terminal')).toBe(true);
  });

  it('numbers nodes in reverse creation order: the default terminal is last, the other terminal next', () => {
    for (const d of ['allow', 'deny']) {
      const g = lowerProfile(profileOf(`(version 1)(${d} default)(deny file-read* (literal "/a"))(allow file-write* (literal "/b"))`), vocab, { model: SONOMA14_COMPILER });
      expect(g.entries[0]).toBe(g.nodes.length - 1);
      expect(show(g, g.nodes.length - 1)).toBe(d);
      expect(show(g, g.nodes.length - 2)).toBe(d === 'allow' ? 'deny' : 'allow');
    }
  });

  it('fixed-decision operations keep their decision under (deny default); unfiltered rules replace it', () => {
    const g = plain('(version 1)(deny default)(deny file-map-executable)');
    expect(show(g, g.entries[opId('darwin-notification-post')])).toBe('allow');
    expect(show(g, g.entries[opId('file-map-executable')])).toBe('deny');
    expect(show(g, g.entries[opId('job-creation')])).toBe('deny');
  });

  it('rules on sysctl-write reach sysctl-read when the alias applies (engine option sysctlWriteAlias)', () => {
    const p = profileOf('(version 1)(allow default)(deny sysctl-read)', false);
    // a rule written on sysctl-write in the IR (the front end may already have mapped it to sysctl*)
    const written = { ...p, rules: p.rules.map((r) => (r.operations[0] === 'sysctl-read' ? { ...r, operations: ['sysctl-write'] } : r)) };
    const on = lowerProfile(written, vocab, { model: PLAIN_MODEL });
    expect(show(on, on.entries[opId('sysctl-read')])).toBe('deny');
    const off = lowerProfile(written, vocab, { model: PLAIN_MODEL, sysctlWriteAlias: false });
    expect(show(off, off.entries[opId('sysctl-read')])).toBe('allow');
    expect(show(off, off.entries[opId('sysctl-write')])).toBe('deny');
  });

  it('a rule written on sysctl-write lands where the engine puts it, with and without the alias', () => {
    // the front end records `(allow sysctl-write)` on sysctl* with the spelling as written: the engine and
    // the lowering must both read the spelling (one rule-list model), or they disagree on sysctl-read
    const p = profileOf('(version 1)(deny default)(allow sysctl-write)', false);
    const want = { on: { 'sysctl-read': 'allow', 'sysctl-write': 'allow' }, off: { 'sysctl-read': 'deny', 'sysctl-write': 'allow' } };
    for (const [mode, sysctlWriteAlias] of [['on', true], ['off', false]] as const) {
      const engine = new DecisionEngine(p, vocab, { sysctlWriteAlias });
      const graph = new GraphEvaluator(lowerProfile(p, vocab, { model: SONOMA14_COMPILER, sysctlWriteAlias }), vocab);
      for (const operation of ['sysctl-read', 'sysctl-write'] as const) {
        const req = { operation, facts: { sysctlName: 'kern.hostname' } };
        expect(engine.decide(req).decision, `engine, alias ${mode}, ${operation}`).toBe(want[mode][operation]);
        expect(graph.decide(req).decision, `graph, alias ${mode}, ${operation}`).toBe(want[mode][operation]);
      }
    }
  });

  it('rules on operations outside the op table are reported, not compiled', () => {
    const g = lowerProfile(profileOf('(version 1)(allow default)(deny mach-message-send)', false), vocab, { model: SONOMA14_COMPILER });
    expect(g.entries).toHaveLength(190);
    expect(g.warnings?.join('\n')).toMatch(/mach-message-send.*outside the 190-slot operation table/);
  });

  it('the Sonoma model adds the flow-divert rule only where network-outbound can be allowed', () => {
    const denyAll = profileOf('(version 1)(deny default)');
    expect(withImplicitRules(denyAll, vocab, { model: SONOMA14_COMPILER }).rules).toHaveLength(denyAll.rules.length);
    const net = profileOf('(version 1)(deny default)(allow network-outbound (remote tcp "*:443"))');
    const aug = withImplicitRules(net, vocab, { model: SONOMA14_COMPILER });
    expect(aug.rules.at(-1)).toMatchObject({ operations: ['network-outbound'], filter: { filter: 'control-name', arg: { kind: 'literal', value: 'com.apple.flow-divert' } } });
    const g = lowerProfile(net, vocab, { model: SONOMA14_COMPILER });
    expect(show(g, g.entries[opId('network-outbound')])).toMatch(/^control-name com\.apple\.flow-divert -> /);
  });

  it('Sonoma model: threading gives mach-task-inspect and -name their own (target self) node; numbering follows the op table', () => {
    const g = lowerProfile(profileOf('(version 1)(deny default)'), vocab, { model: SONOMA14_COMPILER });
    // default terminal written first (4), the allow terminal at op 7 (3), then inspect, name, read in op order
    expect(g.nodes).toHaveLength(5);
    expect([...reachable(g)]).toEqual([1, 1, 1, 1, 1]);
    expect(show(g, 4)).toBe('deny');
    expect(show(g, 3)).toBe('allow');
    expect(g.entries[opId('mach-task-inspect')]).toBe(2);
    expect(g.entries[opId('mach-task-name')]).toBe(1);
    expect(g.entries[opId('mach-task-read')]).toBe(0);
    expect(g.entries[opId('signal')]).toBe(0);
    for (const k of [0, 1, 2]) expect(show(g, k)).toBe('target self -> 3/4');
    // without threading, inspect and name test read's node again on their unmatch edge
    const plain = lowerProfile(profileOf('(version 1)(deny default)'), vocab, { model: { ...SONOMA14_COMPILER, threadDecidedTests: false } });
    expect(show(plain, plain.entries[opId('mach-task-name')])).toBe(`target self -> 3/${plain.entries[opId('mach-task-inspect')]}`);
    const allowDefault = lowerProfile(profileOf('(version 1)(allow default)'), vocab, { model: SONOMA14_COMPILER });
    expect(allowDefault.nodes).toHaveLength(2);
  });
});

describe('data pool', () => {
  it('lists each distinct string set, regex and item argument once with the nodes that use it', async () => {
    const { dataPoolOf } = await import('../../src/graph/model.js');
    const g = plain(`(version 1)(deny default)
      (allow file-read* (subpath "/usr") (literal "/etc/hosts"))
      (allow file-write* (regex #"^/tmp/"))
      (allow network-outbound (remote tcp "*:443"))
      (allow signal (target others))`);
    const pool = dataPoolOf(g);
    expect(pool.map((e) => e.kind).sort()).toEqual(['network', 'regex', 'strings']);
    const strings = pool.find((e) => e.kind === 'strings')!;
    expect(strings.args).toEqual([{ kind: 'subpath', value: '/usr' }, { kind: 'literal', value: '/etc/hosts' }]);
    expect(strings.nodes).toEqual([g.entries[opId('file-read*')]]);
  });
});
