// Shims are visible, named text transformations; tmp-alias derives its rules from the compiled profile.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readProfile } from '../../src/sbpl/index.js';
import { applyShims, buildShims, ShimError } from '../../src/runtime/shims.js';
import { ruleToSbpl } from '../../src/sbpl/print.js';
import { validateMatrix, MatrixError } from '../../src/runtime/matrix.js';
import type { ProbeSpec } from '../../src/runtime/matrix.js';
import type { FilterExpr } from '../../src/sbpl/profile.js';

const compile = (text: string) => {
  const r = readProfile(text, { fileName: 't.sb' });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.profile;
};

const noSpans = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'span' || k === 'spelled' ? undefined : v)));

describe('tmp-alias', () => {
  it('adds the /private spelling of a /tmp subpath (the seeds key-specific shim for bucket-5)', () => {
    const p = compile('(version 1)\n(deny default)\n(allow file-read* (subpath "/tmp/foo"))\n');
    const [s] = buildShims(['tmp-alias'], { profile: p, probes: [] });
    expect(s.text).toBe('(allow file-read* (subpath "/private/tmp/foo"))');
  });

  it('rewrites every aliased test inside metafilters and keeps modifiers', () => {
    const p = compile('(version 1)\n(allow default)\n(deny file-write* (require-all (prefix "/var/log/") (require-not (vnode-type SYMLINK))) (with message "T"))\n(allow file-read* (literal "/etc/hosts" "/usr/x"))\n');
    const [s] = buildShims(['tmp-alias'], { profile: p, probes: [] });
    expect(s.text.split('\n')).toEqual([
      '(deny file-write* (require-all (prefix "/private/var/log/") (require-not (vnode-type SYMLINK))) (with message "T"))',
      '(allow file-read* (require-any (literal "/private/etc/hosts") (literal "/usr/x")))',
    ]);
  });

  it('rewrites anchored regexes and reports the ones it cannot', () => {
    const p = compile('(version 1)\n(allow default)\n(deny file-read* (regex #"^/tmp/secret"))\n(deny file-read* (regex #"/tmp/x$"))\n');
    const [s] = buildShims(['tmp-alias'], { profile: p, probes: [] });
    expect(s.text).toBe('(deny file-read* (regex #"^/private/tmp/secret"))');
    expect(s.notes).toEqual([expect.stringMatching(/rule 2: a regex mentions \/tmp/)]);
  });

  it('escapes what it prints (the one printer): control characters in paths and regexes read back unchanged', () => {
    const p = compile('(version 1)\n(deny default)\n(allow file-read* (subpath "/tmp/a\\tb\\x01c\\nd\\"q"))\n(deny file-read* (regex "^/tmp/x\\x02y"))\n');
    const [s] = buildShims(['tmp-alias'], { profile: p, probes: [] });
    expect(s.text.split('\n')).toEqual(['(allow file-read* (subpath "/private/tmp/a\\tb\\x01c\\nd\\"q"))', '(deny file-read* (regex "^/private/tmp/x\\x02y"))']);
    expect(s.text).not.toMatch(/[\x00-\x08\x0b-\x1f]/);
    const again = compile(`(version 1)\n${s.text}\n`);
    expect(again.rules.filter((r) => r.origin === 'profile').map((r) => noSpans(r.filter))).toEqual([
      { type: 'test', filter: 'path', arg: { kind: 'subpath', value: '/private/tmp/a\tb\x01c\nd"q' } },
      { type: 'test', filter: 'path', arg: { kind: 'regex', source: '^/private/tmp/x\x02y' } },
    ]);
  });

  it('says so when there is nothing to alias, or no compiled profile', () => {
    expect(buildShims(['tmp-alias'], { profile: compile('(version 1)\n(allow default)\n'), probes: [] })[0]).toMatchObject({ text: '', notes: ['no rule names an aliased path; nothing added'] });
    expect(buildShims(['tmp-alias'], { probes: [] })[0].notes[0]).toMatch(/could not be compiled/);
  });
});

describe('other shims', () => {
  it('loader-reads, alias-traversal, exec-probe and custom shims produce SBPL that compiles', () => {
    const probes: ProbeSpec[] = [{ target: { path: '/usr/bin/true' }, exercise: 'exec' }];
    const shims = buildShims(['loader-reads', 'alias-traversal', 'exec-probe', { name: 'custom', sbpl: '(allow sysctl-read)', description: 'mine' }], { probes });
    expect(shims.map((s) => s.name)).toEqual(['loader-reads', 'alias-traversal', 'exec-probe', 'custom']);
    expect(shims[2].text).toBe('(allow process-exec* (literal "/usr/bin/true"))');
    expect(shims[3]).toMatchObject({ description: 'mine', text: '(allow sysctl-read)' });
    const text = applyShims('(version 1)\n(deny default)\n', shims);
    const p = compile(text);
    expect(p.rules.filter((r) => r.origin === 'profile').length).toBe(1 + 2 + 1 + 1 + 1);
    for (const s of shims) expect(text).toContain(`;; ---- sbpl-kit shim "${s.name}": not part of the original profile ----`);
    expect(text.startsWith('(version 1)\n(deny default)\n')).toBe(true);
  });

  it('exec-probe with explicit paths, and without any exec probe', () => {
    expect(buildShims([{ name: 'exec-probe', paths: ['/bin/cat'] }], { probes: [] })[0].text).toBe('(allow process-exec* (literal "/bin/cat"))');
    expect(buildShims(['exec-probe'], { probes: [] })[0].notes[0]).toMatch(/nothing added/);
  });

  it('unknown shims are errors, caught at matrix validation with a suggestion', () => {
    expect(() => buildShims(['tmp-alais'], { probes: [] })).toThrow(ShimError);
    const m = {
      format: 'sbpl-kit/runtime-matrix@1',
      name: 't',
      probes: { r: { target: { path: '/a' }, exercise: 'read' } },
      profiles: [{ key: 'p', source: { inline: '(version 1)' }, shims: ['tmp-alais', { name: 'custom' }], expect: { r: 'allow' } }],
    };
    try {
      validateMatrix(m, 'm.json');
      throw new Error('not rejected');
    } catch (e) {
      expect(e).toBeInstanceOf(MatrixError);
      expect((e as Error).message).toContain("m.json: $.profiles[0].shims[0]: unknown shim 'tmp-alais' (did you mean 'tmp-alias'?)");
      expect((e as Error).message).toContain('m.json: $.profiles[0].shims[1]: a custom shim needs "sbpl" text');
    }
  });
});

describe('the printer shims use (sbpl/print.ts ruleToSbpl)', () => {
  it('prints rules that compile back to the same IR (property)', () => {
    const path = fc.stringMatching(/^\/[a-z0-9_.\/ "\\-]{0,12}$/);
    const test = fc.oneof(
      path.map((v) => `(literal ${JSON.stringify(v)})`),
      path.map((v) => `(subpath ${JSON.stringify(v)})`),
      path.map((v) => `(prefix ${JSON.stringify(v)})`),
      fc.constantFrom('(regex #"^/private/tmp/[^/]+$")', '(vnode-type SYMLINK)', '(global-name "com.apple.x")', '(remote tcp "*:443")', '(file-mode #o0644)'),
    );
    const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small' },
        test,
        fc.array(tie('e'), { minLength: 1, maxLength: 3 }).map((xs) => `(require-all ${xs.join(' ')})`),
        fc.array(tie('e'), { minLength: 1, maxLength: 3 }).map((xs) => `(require-any ${xs.join(' ')})`),
        tie('e').map((x) => `(require-not ${x})`),
      ),
    })).e;
    fc.assert(
      fc.property(fc.constantFrom('allow', 'deny'), fc.constantFrom('file-read*', 'file-write-create', 'network-outbound', 'mach-lookup'), expr, (action, op, e) => {
        const src = `(version 1)\n(${action} ${op} ${e})\n`;
        const r = readProfile(src, { fileName: 'p.sb', standardPolicy: false });
        fc.pre(r.ok); // some random combinations are not legal for the operation
        const rule = r.profile.rules[0];
        const printed = ruleToSbpl(rule);
        const again = readProfile(`(version 1)\n${printed}\n`, { fileName: 'q.sb', standardPolicy: false });
        expect(again.ok).toBe(true);
        expect(noSpans(again.profile.rules[0].filter as FilterExpr)).toEqual(noSpans(rule.filter));
        expect(again.profile.rules[0].operations).toEqual(rule.operations);
      }),
      { numRuns: 200 },
    );
  });
});
