// The expected-matrix format: validation errors name the file, line:column and JSON path; good matrices
// expand into cases with requests for the decision engine.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MatrixError, parseMatrix, validateMatrix } from '../../src/runtime/matrix.js';
import { formatJsonPath, locateJsonPath } from '../../src/runtime/json-location.js';
import { matrixJsonSchema } from '../../src/runtime/schema.js';
import { ROOT, SEEDS_MATRIX } from './helpers.js';
import { join } from 'node:path';

const minimal = () => ({
  format: 'sbpl-kit/runtime-matrix@1',
  name: 't',
  probes: { 'read-hosts': { target: { path: '/private/etc/hosts' }, exercise: 'read' } },
  profiles: [{ key: 'p', source: { inline: '(version 1)(allow default)' }, expect: { 'read-hosts': 'allow' } }],
});

function issuesOf(data: unknown, text?: string): string[] {
  try {
    validateMatrix(data, 'm.json', text);
  } catch (e) {
    expect(e).toBeInstanceOf(MatrixError);
    return (e as MatrixError).message.split('\n');
  }
  throw new Error('expected the matrix to be rejected');
}

describe('matrix validation', () => {
  it('expands the seeds matrix into 31 cases with concrete checked operations', () => {
    const m = parseMatrix(readFileSync(SEEDS_MATRIX, 'utf8'), SEEDS_MATRIX);
    expect(m.cases).toHaveLength(31);
    const c = m.cases.find((x) => x.key === 'bucket4:v1_read/write-hosts')!;
    expect(c.operation).toBe('file-write*');
    expect(c.checkedOperation).toBe('file-write-data');
    expect(c.request).toEqual({ operation: 'file-write-data', facts: { path: '/private/etc/hosts' } });
    expect(c.timeoutMs).toBe(10_000);
    expect(new Set(m.cases.map((x) => x.key)).size).toBe(31);
  });

  it('fills defaults: mode sbpl, no shims, matrix timeout', () => {
    const m = validateMatrix(minimal());
    expect(m.profiles[0].mode).toBe('sbpl');
    expect(m.profiles[0].shims).toEqual([]);
    expect(m.cases[0].key).toBe('p/read-hosts');
  });

  it('reports JSON syntax errors with line and column', () => {
    const text = '{\n  "format": "sbpl-kit/runtime-matrix@1",\n  "name": "x",\n  "probes": {,}\n}';
    expect(() => parseMatrix(text, 'bad.json')).toThrow(/^bad\.json:4:\d+: \$: not valid JSON/);
  });

  it('names the JSON path and line of a wrong type deep inside', () => {
    const d = minimal();
    (d.probes['read-hosts'] as Record<string, unknown>).timeoutMs = 'soon';
    const text = JSON.stringify(d, null, 2);
    const [msg] = issuesOf(JSON.parse(text), text);
    expect(msg).toMatch(/^m\.json:\d+:\d+: \$\.probes\["read-hosts"\]\.timeoutMs: .*number/);
    const line = Number(/^m\.json:(\d+):/.exec(msg)![1]);
    expect(text.split('\n')[line - 1]).toContain('"timeoutMs": "soon"');
  });

  it('rejects unknown keys by name', () => {
    const d = minimal() as Record<string, unknown>;
    d.profile = [];
    expect(issuesOf(d)[0]).toBe("m.json: $: unknown key 'profile'");
  });

  it('rejects a bad format tag and an unknown expectation', () => {
    const d = minimal();
    d.format = 'runtime-matrix@0';
    (d.profiles[0].expect as Record<string, unknown>)['read-hosts'] = 'maybe';
    const msgs = issuesOf(d);
    expect(msgs.some((m) => m.includes('$.format: format must be "sbpl-kit/runtime-matrix@1"'))).toBe(true);
    expect(msgs.some((m) => m.includes('$.profiles[0].expect["read-hosts"]: expected one of allow, deny'))).toBe(true);
  });

  it('explains an invalid source shape', () => {
    const d = minimal();
    (d.profiles[0] as Record<string, unknown>).source = { path: 'x.sb' };
    expect(issuesOf(d)[0]).toMatch(/\$\.profiles\[0\]\.source: expected a source object: \{"file": PATH\}/);
  });

  it('catches references to unknown probes, with a suggestion', () => {
    const d = minimal();
    d.profiles[0].expect = { 'read-host': 'allow' } as never;
    expect(issuesOf(d)[0]).toBe(`m.json: $.profiles[0].expect["read-host"]: unknown probe 'read-host' (did you mean 'read-hosts'?); probes are defined under $.probes`);
  });

  it('checks operation names against the vocabulary and against the exercise', () => {
    const d = minimal();
    (d.probes['read-hosts'] as Record<string, unknown>).operation = 'file-reed-data';
    expect(issuesOf(d)[0]).toMatch(/\$\.probes\["read-hosts"\]\.operation: unknown operation 'file-reed-data' in sonoma-14\.4\.1 \(did you mean 'file-read-data'\?\)/);
    (d.probes['read-hosts'] as Record<string, unknown>).operation = 'file-write*';
    expect(issuesOf(d)[0]).toMatch(/exercise 'read' makes the kernel check file-read-data; 'file-write\*' is not that operation or one of its ancestors \(file-read-data → file-read\* → file\* → default\)/);
  });

  it('requires the target fields an exercise needs', () => {
    const d = minimal();
    d.probes['read-hosts'] = { target: { service: 'com.apple.x' }, exercise: 'read' } as never;
    expect(issuesOf(d)[0]).toBe(`m.json: $.probes["read-hosts"].target.path: exercise 'read' needs target.path`);
  });

  it('rejects duplicate profile keys and golden keys', () => {
    const d = minimal();
    d.profiles.push({ ...d.profiles[0] });
    const msgs = issuesOf(d);
    expect(msgs).toContain("m.json: $.profiles[1].key: duplicate profile key 'p'");
    expect(msgs.some((m) => m.includes("golden key 'p/read-hosts' is also used by $.profiles[0]"))).toBe(true);
  });

  it('rejects shims on a compiled blob and a blob source without blob mode', () => {
    const d = minimal();
    d.profiles[0] = { key: 'b', source: { blob: 'x.sb.bin' }, shims: ['tmp-alias'], expect: { 'read-hosts': 'deny' } } as never;
    const msgs = issuesOf(d);
    expect(msgs).toContain('m.json: $.profiles[0].mode: a {"blob": ...} source needs mode "blob"');
    expect(msgs).toContain('m.json: $.profiles[0].shims: shims change SBPL text; they cannot be applied to a compiled {"blob": ...} source');
  });

  it('rejects non-numeric hosts and out-of-range ports', () => {
    const d = minimal();
    d.probes['read-hosts'] = { target: { remote: { proto: 'tcp', host: 'example.com', port: 70000 } }, exercise: 'connect' } as never;
    const msgs = issuesOf(d);
    expect(msgs.some((m) => m.includes('$.probes["read-hosts"].target.remote.host: host must be a numeric'))).toBe(true);
    expect(msgs.some((m) => m.includes('$.probes["read-hosts"].target.remote.port'))).toBe(true);
  });
});

describe('JSON locations', () => {
  it('formats paths', () => {
    expect(formatJsonPath(['profiles', 2, 'expect', 'read hosts'])).toBe('$.profiles[2].expect["read hosts"]');
  });

  it('locates every value of random JSON documents (property)', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string(), fc.boolean(), fc.constant(null), tie('arr'), tie('obj')),
      arr: fc.array(tie('value'), { maxLength: 4 }),
      obj: fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 4 }),
    })).value;
    fc.assert(
      fc.property(json, fc.boolean(), (doc, pretty) => {
        const text = JSON.stringify(doc, null, pretty ? 2 : undefined);
        const walk = (v: unknown, path: Array<string | number>): void => {
          const loc = locateJsonPath(text, path)!;
          expect(loc).toBeDefined();
          // the text at the located offset starts with this value's JSON
          const own = JSON.stringify(v, null, pretty ? 2 : undefined);
          const firstLine = own.split('\n')[0];
          expect(text.slice(loc.offset, loc.offset + firstLine.length)).toBe(firstLine);
          if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
          else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
        };
        walk(JSON.parse(text), []);
      }),
      { numRuns: 200 },
    );
  });
});

describe('JSON Schema', () => {
  it('docs/runtime-matrix.schema.json is the schema generated from the validator', () => {
    const onDisk = JSON.parse(readFileSync(join(ROOT, 'docs', 'runtime-matrix.schema.json'), 'utf8'));
    expect(onDisk).toEqual(matrixJsonSchema());
  });

  it('describes the required top-level fields and the exercise list', () => {
    const s = matrixJsonSchema() as { required: string[]; properties: Record<string, { additionalProperties?: { properties?: Record<string, { enum?: string[] }> } }> };
    expect(s.required).toEqual(expect.arrayContaining(['format', 'name', 'probes', 'profiles']));
    expect(s.properties.probes.additionalProperties!.properties!.exercise.enum).toContain('mach-lookup');
  });
});
