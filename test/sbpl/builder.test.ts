// The typed profile builder: it expresses the profiles Codex, sandbox-runtime and Gemini CLI generate (built
// -> text -> read gives the Profile the original gives), escapes every string right, and flags /tmp paths.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecisionEngine } from '../../src/decide/index.js';
import { readProfile, sbpl, type ReadOptions } from '../../src/sbpl/index.js';
import { readOne } from '../../src/scheme/reader.js';
import { SourceFile } from '../../src/scheme/source.js';
import { readSyntaxTree, type SyntaxComment, type SyntaxItem, type SyntaxNode } from '../../src/scheme/syntax-tree.js';
import { Sym } from '../../src/scheme/values.js';
import { getVocab } from '../../src/vocab/index.js';
import { corpusCases, HAVE_CORPUS, warnIfNoCorpus } from '../corpus/harness.js';
import { profileShape } from './profile-shape.js';

// ------------------------------------------------------------------ text -> builder statements

/**
 * Rebuild a profile's text with the builder's public API only: every form the generators write maps to a
 * builder value, or this throws (so a construct the builder cannot express fails the test).
 */
function toStatements(text: string): sbpl.Statement[] {
  const tree = readSyntaxTree(new SourceFile('t.sb', text));
  const out: sbpl.Statement[] = [];
  const comments = (cs: SyntaxComment[]) => {
    for (const c of cs) if (c.kind === 'line') out.push(sbpl.comment(c.text.replace(/^;+ ?/, '')));
  };
  for (const item of tree.items) {
    comments(item.leading);
    if (item.blankBefore) out.push(sbpl.blankLine());
    out.push(statement(item));
  }
  comments(tree.close);
  return out;
}

const value = (n: SyntaxNode) => readOne(n.kind === 'atom' ? n.text : '')!.datum;
const items = (n: SyntaxNode): SyntaxNode[] => {
  if (n.kind !== 'list') throw new Error(`expected a list, got ${n.kind}`);
  return n.items.map((i) => i.node);
};
const headOf = (n: SyntaxNode): string | undefined => {
  if (n.kind !== 'list' || !n.items.length) return undefined;
  const h = value(n.items[0].node);
  return h instanceof Sym ? h.name : undefined;
};

function statement(item: SyntaxItem): sbpl.Statement {
  const [head, ...args] = items(item.node);
  const name = (value(head) as Sym).name;
  if (name === 'version') return sbpl.version(value(args[0]) as number);
  if (name === 'import') return sbpl.importProfile(value(args[0]) as string);
  if (name === 'allow' || name === 'deny') {
    const parts = args.map((a) => (a.kind === 'atom' ? ((value(a) as Sym).name as sbpl.OperationName) : headOf(a) === 'with' ? modifierOf(a) : filterOf(a)));
    return name === 'allow' ? sbpl.allow(...(parts as sbpl.RulePart<'allow'>[])) : sbpl.deny(...(parts as sbpl.RulePart<'deny'>[]));
  }
  throw new Error(`the builder has no statement for (${name} ...)`);
}

function modifierOf(n: SyntaxNode): sbpl.Modifier<never> {
  const [, name, ...args] = items(n).map(value);
  return sbpl.modifier((name as Sym).name as sbpl.ModifierName, ...args.map((a) => (a instanceof Sym ? sbpl.symbol(a.name) : (a as string | number))));
}

function strOf(n: SyntaxNode): sbpl.Str {
  if (n.kind === 'atom') return value(n) as string;
  const [head, ...args] = items(n);
  const h = (value(head) as Sym).name;
  if (h === 'param') return sbpl.param(value(args[0]) as string);
  if (h === 'string-append') return sbpl.stringAppend(...args.map(strOf));
  if (h === 'regex-quote') return sbpl.regexQuote(strOf(args[0]));
  throw new Error(`the builder has no string expression (${h} ...)`);
}

function filterOf(n: SyntaxNode): sbpl.Filter {
  const [head, ...args] = items(n);
  const h = (value(head) as Sym).name;
  if (h === 'require-all') return sbpl.requireAll(...args.map(filterOf));
  if (h === 'require-any') return sbpl.requireAny(...args.map(filterOf));
  if (h === 'require-not') return sbpl.requireNot(filterOf(args[0]));
  if (h === 'path-ancestors') return sbpl.pathAncestors(strOf(args[0]));
  if (h === 'remote' || h === 'local') {
    const proto = (value(args[0]) as Sym).name as sbpl.NetworkProtocol;
    const address = args[1] ? (value(args[1]) as string) : undefined;
    return h === 'remote' ? sbpl.remote(proto, address) : sbpl.local(proto, address);
  }
  return sbpl.filter(
    h as sbpl.FilterName,
    ...args.map((a) => {
      if (a.kind !== 'atom') return strOf(a);
      const v = value(a);
      return v instanceof Sym ? sbpl.symbol(v.name) : (v as string | number | boolean);
    }),
  );
}

function shape(text: string, options: ReadOptions) {
  return profileShape(readProfile(text, options).profile);
}

// ------------------------------------------------------------------ the generators' profiles

describe('builder: the profiles Codex, sandbox-runtime and Gemini CLI generate', () => {
  warnIfNoCorpus('builder round trip of the Codex and Gemini CLI corpus profiles');
  const agentCases = corpusCases().filter((c) => /^(codex|gemini-cli)\//.test(c.file));
  it.skipIf(!HAVE_CORPUS)('the corpus holds the Codex and Gemini CLI profiles', () => {
    expect(agentCases.map((c) => c.file.split('/')[0]).sort()).toEqual([...Array(6).fill('codex'), ...Array(8).fill('gemini-cli')]);
  });
  for (const c of agentCases) {
    it(`${c.file}: builder -> text -> read gives the Profile of the corpus file`, () => {
      const built = sbpl.buildProfile(toStatements(c.text), { os: c.options.os });
      const original = shape(c.text, c.options);
      expect(shape(built.text, c.options)).toEqual(original);
      expect((original as { rules: unknown[] }).rules.length).toBeGreaterThan(0);
    });
  }
  for (const fixture of ['sandbox-runtime-style.sb', 'codex-style.sb']) {
    it(`${fixture} (a fixture of our own in the generator's shape): the same round trip`, () => {
      const text = readFileSync(`test/fixtures/builder/${fixture}`, 'utf8');
      const options: ReadOptions = { params: { WRITABLE_ROOT_0: '/Users/dev/p', WRITABLE_ROOT_0_RO_0: '/Users/dev/p/.git', WRITABLE_ROOT_1: '/private/tmp' } };
      const built = sbpl.buildProfile(toStatements(text));
      expect(shape(built.text, options)).toEqual(shape(text, options));
      expect(readProfile(built.text, options).ok).toBe(true);
    });
  }

  it('written by hand, the Codex-style profile reads back as the fixture does', () => {
    const { param, regexQuote, requireAll, requireNot, stringAppend, subpath, regex, path, remote, withNoSandbox } = sbpl;
    const root0 = param('WRITABLE_ROOT_0');
    const built = sbpl
      .profile(sbpl.version(1), sbpl.deny('default'))
      .allow('file-read*')
      .allow('file-write*', requireAll(subpath(root0), requireNot(subpath(param('WRITABLE_ROOT_0_RO_0'))), requireNot(regex(stringAppend('^', regexQuote(root0), '/\\.codex(/|$)')))))
      .allow('file-write*', subpath(param('WRITABLE_ROOT_1')))
      .allow('process-exec', path('/bin/ps'), withNoSandbox())
      .allow('network-outbound', remote('ip', 'localhost:*'))
      .build();
    const options: ReadOptions = { params: { WRITABLE_ROOT_0: '/Users/dev/p', WRITABLE_ROOT_0_RO_0: '/Users/dev/p/.git', WRITABLE_ROOT_1: '/private/tmp' } };
    expect(shape(built.text, options)).toEqual(shape(readFileSync('test/fixtures/builder/codex-style.sb', 'utf8'), options));
    // the regex pieces print as raw strings: the backslash is written once
    expect(built.text).toContain('#"/\\.codex(/|$)"');
    expect(built.warnings).toEqual([]);
  });
});

// ------------------------------------------------------------------ strings

/** Strings of any code points (no lone surrogates), weighted towards the ones that need escaping. */
const anyString = fc
  .array(fc.oneof(fc.constantFrom('"', '\\', '\n', '\r', '\t', '\x00', '\x7f', ';', '#|', '|#', '(', ')', 'é', '💥', '\u2028', ' '), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 12 })
  .map((parts) => parts.join(''));

describe('builder: strings round trip (property)', () => {
  it('literal, regex, message, param keys and comments read back exactly', () => {
    fc.assert(
      fc.property(anyString, anyString, (s, t) => {
        const built = sbpl.buildProfile([
          sbpl.version(1),
          sbpl.comment(t),
          sbpl.allow('file-read*', sbpl.literal(s), sbpl.regex(s), sbpl.withReport()),
          sbpl.deny('file-write*', sbpl.subpath(sbpl.stringAppend(sbpl.param(s), '/x')), sbpl.withMessage(t)),
        ]);
        const r = readProfile(built.text, { standardPolicy: false, params: { [s]: '/p' } });
        const errors = r.diagnostics.filter((d) => d.severity === 'error');
        // a literal longer than Apple's limit is the only error there may be, and the builder's check says so first
        expect(errors).toEqual([]);
        const [read, write] = r.profile.rules;
        expect(read.filter).toMatchObject({ type: 'any', items: [{ arg: { kind: 'literal', value: s } }, { arg: { kind: 'regex', source: s } }] });
        expect(write.modifiers[0]).toMatchObject({ name: 'message', args: [t] });
        expect(write.filter).toMatchObject({ arg: { kind: 'subpath', value: '/p/x' } });
        expect(r.profile.params.map((p) => p.name)).toEqual([s]);
        // the comment's lines are kept, one `;` line each
        const lines = readSyntaxTree(new SourceFile('b.sb', built.text)).items[1].leading.map((c) => (c.kind === 'line' ? c.text : ''));
        expect(lines).toEqual(t.split(/\r\n|\n|\r/).map((l) => (l.trim() ? `; ${l.replace(/\s+$/, '')}` : ';')));
      }),
      { numRuns: 300 },
    );
  });
  it('regexes print as raw strings unless they hold a quote or a control character', () => {
    const text = sbpl.buildProfile([sbpl.allow('file-read*', sbpl.regex('^/a\\.b/[^/]+$'), sbpl.regex('^/say "hi"$'))]).text;
    expect(text).toContain('(regex #"^/a\\.b/[^/]+$")');
    expect(text).toContain('(regex "^/say \\"hi\\"$")');
  });
  it('a lone surrogate, a bad name or a bad version is a BuilderError naming the statement', () => {
    expect(() => sbpl.buildProfile([sbpl.version(1), sbpl.allow('file-read*', sbpl.literal('/a\ud800'))])).toThrow(/statement 2: .*lone UTF-16 surrogate/);
    expect(() => sbpl.buildProfile([sbpl.allow('file-read*', sbpl.filter('vnode-type', 'TWO WORDS'))])).toThrow(/statement 1: "TWO WORDS" is not a name/);
    expect(() => sbpl.buildProfile([sbpl.version(1.5)])).toThrow(sbpl.BuilderError);
    expect(() => sbpl.buildProfile([sbpl.version(1)], { os: 'plan9' })).toThrow(/unknown OS vocabulary/);
  });
  it('what does not check is refused with the front end\'s reason and the statement', () => {
    expect(() => sbpl.buildProfile([sbpl.version(1), sbpl.deny('default'), sbpl.allow('network-outbound', sbpl.remote('tcp', '10.0.0.1:80'))])).toThrow(
      /statement 3: host must be \* or localhost in network address .*\[sbpl\/network-address\]/,
    );
    expect(() => sbpl.buildProfile([sbpl.version(1), sbpl.allow('file-read*', sbpl.withNoReport() as never)])).toThrow(/no-report modifier does not apply to allow action/);
    expect(() => sbpl.buildProfile([sbpl.version(1), sbpl.allow('file-read*', sbpl.literal('/x'.repeat(40000)))])).toThrow(/exceeds maximum/);
  });
});

// ------------------------------------------------------------------ types

describe('builder: names and modifiers are typed', () => {
  it('the type system refuses an unknown operation and a modifier of the other action', () => {
    // @ts-expect-error 'file-raed*' is no operation
    const bad1 = () => sbpl.allow('file-raed*');
    // @ts-expect-error report is an allow modifier
    const bad2 = () => sbpl.deny('file-read*', sbpl.withReport());
    // @ts-expect-error vnode-type takes its own names
    const bad3 = () => sbpl.vnodeType('FOLDER');
    expect([bad1, bad2, bad3].every((f) => typeof f === 'function')).toBe(true);
    // both actions take a message; deny takes no-log
    const ok = sbpl.buildProfile([sbpl.version(1), sbpl.deny('default', sbpl.withMessage('tag')), sbpl.deny('file-write*', sbpl.withNoLog()), sbpl.allow('file-read*', sbpl.withMessage('tag'))]);
    expect(readProfile(ok.text).ok).toBe(true);
  });
  it('every modifier helper prints what the front end reads as that modifier', () => {
    const vocab = getVocab();
    const cases: Array<[sbpl.Statement, string, Array<string | number>]> = [
      [sbpl.allow('file-read*', sbpl.withReport()), 'report', []],
      [sbpl.deny('file-read*', sbpl.withNoReport()), 'no-report', []],
      [sbpl.deny('file-read*', sbpl.withNoLog()), 'no-report', []],
      [sbpl.deny('file-read*', sbpl.withSendSignal('SIGKILL')), 'send-signal', [9]],
      [sbpl.deny('file-read*', sbpl.withTermination()), 'send-signal', [9]],
      [sbpl.deny('file-read*', sbpl.withErrno('EPERM')), 'errno', ['EPERM']],
      [sbpl.allow('process-exec', sbpl.withNoSandbox()), 'no-sandbox', []],
      [sbpl.allow('file-read*', sbpl.withTelemetry()), 'telemetry', []],
    ];
    for (const [s, name, args] of cases) {
      const r = readProfile(sbpl.buildProfile([sbpl.version(1), s]).text, { standardPolicy: false });
      expect(r.profile.rules[0].modifiers, name).toMatchObject([{ name, args }]);
      expect(vocab.modifier(name)).toBeDefined();
    }
  });
});

// ------------------------------------------------------------------ the /tmp pitfall

describe('builder: paths the kernel never reports', () => {
  const rules = [
    sbpl.version(1),
    sbpl.deny('default'),
    sbpl.allow('file-read*', 'file-write*', sbpl.subpath('/tmp/build'), sbpl.literal('/etc/hosts'), sbpl.regex('^/var/folders/[^/]+/T/')),
    sbpl.allow('file-read*', sbpl.subpath(sbpl.stringAppend('/tmp/', sbpl.param('JOB')))),
    sbpl.allow('file-read*', sbpl.subpath('/private/tmp/ok'), sbpl.literal('/tmpfile')),
    // the symlinks themselves: resolving /tmp needs metadata of /tmp, and that rule is right as written
    sbpl.allow('file-read-metadata', sbpl.literal('/tmp'), sbpl.literal('/var'), sbpl.regex('^/etc$')),
  ];
  it('are flagged, one warning per path, with the statement and the resolved spelling', () => {
    const built = sbpl.buildProfile(rules);
    expect(built.warnings.map((w) => [w.statement, w.path, w.resolved])).toEqual([
      [2, '/tmp/build', '/private/tmp/build'],
      [2, '/etc/hosts', '/private/etc/hosts'],
      [2, '^/var/folders/[^/]+/T/', '^/private/var/folders/[^/]+/T/'],
      [3, '/tmp/', '/private/tmp/'],
    ]);
    expect(built.text).toContain('(subpath "/tmp/build")');
  });
  it('resolveSymlinks rewrites them, and then the engine allows what was meant', () => {
    const plain = sbpl.buildProfile(rules);
    const resolved = sbpl.buildProfile(rules, { resolveSymlinks: true });
    expect(resolved.text).toContain('(subpath "/private/tmp/build")');
    expect(resolved.text).toContain('(regex #"^/private/var/folders/[^/]+/T/")');
    const decide = (text: string, p: string) =>
      new DecisionEngine(readProfile(text, { params: { JOB: 'j1' } }).profile, getVocab()).decide({ operation: 'file-write-data', facts: { path: p } }).decision;
    expect(decide(plain.text, '/tmp/build/out.o')).toBe('deny');
    expect(decide(resolved.text, '/tmp/build/out.o')).toBe('allow');
    expect(decide(resolved.text, '/private/var/folders/ab/T/x')).toBe('allow');
  });
});
