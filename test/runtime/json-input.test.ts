// JSON inputs are parsed strictly (issue 15): duplicate keys and prototype keys ("__proto__", "constructor",
// "prototype") are errors naming file, line, column and JSON path; so are parameter names with '=' and sysctl
// names that would make /usr/sbin/sysctl write.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findForbiddenKey, findKeyProblem, JsonInputError, parseJsonInput } from '../../src/runtime/json-input.js';
import { jsonErrorOffset } from '../../src/runtime/json-location.js';
import { locateJsonPath } from '../../src/runtime/json-location.js';
import { MatrixError, parseMatrix, validateMatrix } from '../../src/runtime/matrix.js';
import { parseGolden } from '../../src/runtime/golden.js';
import { parseLogText } from '../../src/runtime/log-parse.js';
import { sysctlNameProblem } from '../../src/runtime/names.js';
import { runCli } from '../cli/run-cli.js';
import { tempDir } from './helpers.js';

type Tree = null | number | string | boolean | Tree[] | { [k: string]: Tree };

/** JSON text of `v`, repeating the first key of the `dup`-th object (in document order) when given. */
function serialize(v: Tree, dup: { n: number } | undefined, path: Array<string | number>, found: { path?: Array<string | number>; key?: string }): string {
  if (Array.isArray(v)) return `[${v.map((x, i) => serialize(x, dup, [...path, i], found)).join(',')}]`;
  if (v && typeof v === 'object') {
    const keys = Object.keys(v);
    const parts = keys.map((k) => `${JSON.stringify(k)}:${serialize(v[k], dup, [...path, k], found)}`);
    if (dup && keys.length && dup.n-- === 0) {
      found.path = path;
      found.key = keys[0];
      parts.push(`${JSON.stringify(keys[0])}:0`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(v);
}

const key = fc.string({ maxLength: 4 }).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));
const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
  t: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.integer(), fc.string({ maxLength: 5 }), fc.boolean(), fc.array(tie('t'), { maxLength: 3 }), fc.dictionary(key, tie('t'), { maxKeys: 3 })),
})).t;

describe('findKeyProblem', () => {
  it('finds nothing in JSON without duplicate or prototype keys (property)', () => {
    fc.assert(fc.property(tree, (t) => findKeyProblem(JSON.stringify(t)) === undefined), { numRuns: 300 });
  });

  it('finds an injected duplicate key at its JSON path (property)', () => {
    fc.assert(
      fc.property(tree, fc.nat(5), (t, n) => {
        const found: { path?: Array<string | number>; key?: string } = {};
        const text = serialize(t, { n }, [], found);
        const p = findKeyProblem(text);
        if (!found.path) return p === undefined;
        expect(p?.path).toEqual(found.path);
        expect(p?.message).toContain(`duplicate key ${JSON.stringify(found.key)}`);
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('compares keys after unescaping, like JSON.parse', () => {
    expect(findKeyProblem('{"a\\u0062":1,"ab":2}')?.message).toMatch(/duplicate key "ab"/);
    expect(findKeyProblem('{"x":"\\"{\\\\","y":[{"z":1},{"z":2}]}')).toBeUndefined();
  });

  it.each(['__proto__', 'constructor', 'prototype'])('rejects "%s" with file:line:col and path', (k) => {
    const text = `{\n  "a": [\n    {"${k}": {"x": 1}}\n  ]\n}`;
    expect(() => parseJsonInput(text, 'in.json')).toThrow(new RegExp(`^in\\.json:3:6: \\$\\.a\\[0\\]: the key "${k}" is not allowed`));
    expect(findForbiddenKey(JSON.parse(text))?.path).toEqual(['a', 0]);
  });

  it('locates syntax errors', () => {
    try {
      parseJsonInput('{\n "a": 1,\n}', 'x.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(JsonInputError);
      expect((e as JsonInputError).message).toMatch(/^x\.json:3:1: not valid JSON/);
    }
  });
});

const MATRIX = (profile: Record<string, unknown>, probes: Record<string, unknown> = { r: { target: { path: '/etc/hosts' }, exercise: 'read' } }) => ({
  format: 'sbpl-kit/runtime-matrix@1',
  name: 'm',
  probes,
  profiles: [{ key: 'p', source: { inline: '(version 1)' }, ...profile }],
});

describe('matrices', () => {
  it('expect: {"__proto__": ...} is an error at its line, not a silently dropped expectation', () => {
    const text = '{"format": "sbpl-kit/runtime-matrix@1", "name": "m", "probes": {"r": {"target": {"path": "/x"}, "exercise": "read"}},\n "profiles": [{"key": "p", "source": {"inline": "(version 1)"}, "expect": {"r": "allow", "__proto__": "deny"}}]}';
    expect(() => parseMatrix(text, 'm.json')).toThrow(/^m\.json:2:\d+: \$\.profiles\[0\]\.expect: the key "__proto__" is not allowed/);
    // also for a value built in memory
    const data = JSON.parse(text);
    expect(() => validateMatrix(data, 'mem')).toThrow(/\$\.profiles\[0\]\.expect: the key "__proto__" is not allowed/);
  });

  it('a probe named "constructor" is refused (it would be found on every object)', () => {
    expect(() => validateMatrix(MATRIX({ expect: { constructor: 'allow' } }))).toThrow(/the key "constructor" is not allowed/);
  });

  it('duplicate keys in a matrix are errors', () => {
    expect(() => parseMatrix('{"format": "sbpl-kit/runtime-matrix@1", "name": "a", "name": "b"}', 'd.json')).toThrow(/^d\.json:1:\d+: \$: duplicate key "name"/);
  });

  it('parameter names with "=" and sysctl names that would write are refused', () => {
    const issues = (m: unknown) => {
      try {
        validateMatrix(m);
        return [];
      } catch (e) {
        return (e as MatrixError).issues.map((i) => i.message);
      }
    };
    expect(issues(MATRIX({ params: { 'A=B': 'x' }, expect: { r: 'allow' } }))).toEqual([expect.stringMatching(/parameter name 'A=B' contains '='/)]);
    expect(issues(MATRIX({ params: { A: 'x\u0000y' }, expect: { r: 'allow' } }))).toEqual([expect.stringMatching(/NUL/)]);
    const sysctl = (name: string) => issues(MATRIX({ expect: { s: 'allow' } }, { s: { target: { sysctl: name }, exercise: 'sysctl-read' } }));
    expect(sysctl('kern.ostype')).toEqual([]);
    expect(sysctl('x=1')).toEqual([expect.stringMatching(/sysctl name 'x=1' contains '=': \/usr\/sbin\/sysctl would take it as a write/)]);
    expect(sysctl('-w')).toEqual([expect.stringMatching(/starts with '-': it would be taken as an option/)]);
    expect(sysctlNameProblem('security.mac.sandbox.sentinel')).toBeUndefined();
    expect(sysctlNameProblem('kern.ostype extra')).toMatch(/not a dot-separated name/);
  });
});

describe('golden sets and logs', () => {
  const golden = (entries: string) =>
    `{\n "format": "sbpl-kit/runtime-golden@1",\n "createdAt": "now",\n "source": {"runId": "r", "backend": "simulate", "matrix": {"name": "m", "sha256": "x"}, "complete": true},\n "entries": {\n${entries}\n }\n}`;
  const entry = '{"outcome": "allowed", "verdict": "allow", "errnoName": null, "observedPath": null, "profileSha256": null, "shims": [], "standIn": false, "predicted": true}';

  it('golden errors name line and column; duplicate keys are refused', () => {
    expect(() => parseGolden(golden(`  "p/a": ${entry},\n  "p/a": ${entry}`), 'g.json')).toThrow(/^g\.json:7:3: \$\.entries: duplicate key "p\/a" \(first at line 6, column 3\)/);
    expect(() => parseGolden(golden(`  "p/a": {"outcome": "maybe"}`), 'g.json')).toThrow(/^g\.json:6:\d+: \$\.entries\["p\/a"\]/);
    const text = golden(`  "p/a": ${entry}`).replace('"createdAt": "now"', '"createdAt": 5');
    const loc = locateJsonPath(text, ['createdAt'])!;
    expect(() => parseGolden(text, 'g.json')).toThrow(new RegExp(`^g\\.json:${loc.line}:${loc.column}: \\$\\.createdAt: `));
  });

  it('log events carrying a prototype key are refused and reported, not parsed', () => {
    const log = [
      JSON.stringify({ eventMessage: 'Sandbox: a(1) deny(1) file-read-data /x' }),
      '{"eventMessage": "Sandbox: a(1) deny(1) file-read-data /y", "__proto__": {"polluted": true}}',
    ].join('\n');
    const r = parseLogText(log);
    expect(r.records.map((x) => x.target)).toEqual(['/x']);
    expect(r.unparsed).toEqual([{ line: 2, text: expect.any(String), reason: expect.stringMatching(/the key "__proto__" is not allowed/) }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('command-line parameters', () => {
  const dir = tempDir();
  const profile = join(dir, 'p.sb');
  writeFileSync(profile, '(version 1)\n(allow file-read* (subpath (param "ROOT")))\n');

  it.each([
    [['-D', '__proto__=x'], /-D __proto__=x: the key "__proto__" is not allowed/],
    [['-D', 'constructor=/x'], /the key "constructor" is not allowed/],
  ])('%j is refused', async (args, message) => {
    const r = await runCli(['check', profile, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('--params: keys with "=", prototype keys and duplicate keys are refused with a location', async () => {
    const p = (name: string, text: string) => {
      const f = join(dir, name);
      writeFileSync(f, text);
      return f;
    };
    let r = await runCli(['check', profile, '--params', p('eq.json', '{"ROOT=x": "/y"}')]);
    expect(r.stderr).toMatch(/eq\.json: parameter name 'ROOT=x' contains '='/);
    r = await runCli(['check', profile, '--params', p('proto.json', '{\n"__proto__": "/y"}')]);
    expect(r.stderr).toMatch(/proto\.json:2:1: the key "__proto__" is not allowed/);
    r = await runCli(['check', profile, '--params', p('dup.json', '{"ROOT": "/a", "ROOT": "/b"}')]);
    expect(r.stderr).toMatch(/dup\.json:1:\d+: duplicate key "ROOT"/);
    expect(r.code).toBe(2);
    r = await runCli(['check', profile, '--params', p('ok.json', '{"ROOT": "/a"}')]);
    expect(r.code).toBe(0);
  });
});

describe('JSON syntax errors are located even when JSON.parse names no position (issue 15)', () => {
  it('truncated input and a bad token give file:line:col', () => {
    expect(() => parseJsonInput('{\n  "a": [1,\n', 'f.json')).toThrow(/^f\.json:3:1: not valid JSON/);
    expect(() => parseJsonInput('{\n  "a": xx\n}', 'f.json')).toThrow(/^f\.json:2:8: not valid JSON/);
    expect(() => parseJsonInput('{"a":"\\q"}', 'f.json')).toThrow(/^f\.json:1:8: not valid JSON/);
  });
  it('jsonErrorOffset accepts exactly what JSON.parse accepts', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', ',', ':', '"a"', '"\\u00e9"', '"\\q"', '1', '-0.5e3', '01', 'true', 'nul', ' ', '\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const t = parts.join('');
        let valid = true;
        try { JSON.parse(t); } catch { valid = false; }
        return (jsonErrorOffset(t) === undefined) === valid;
      }),
      { numRuns: 3000 },
    );
  });
});
