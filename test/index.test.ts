// The package's public surface: the root entry is a curated list of at most 30 names, each documented where it is
// declared, and every subpath of package.json "exports" resolves (after the build) to a module with exports.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The root entry, sorted: the API users see first. Changing it is an API decision: update this list on purpose. */
const ROOT_NAMES = [
  'DEFAULT_OS', 'DecisionEngine', 'Diagnostic', 'EngineOptions', 'Explanation', 'FilterExpr', 'FilterInfo', 'OperationInfo',
  'Profile', 'ReadOptions', 'ReadResult', 'Request', 'RequestFacts', 'Rule', 'SourceProvider', 'SourceSpan', 'VERSION',
  'Verdict', 'Vocab', 'decideRequest', 'formatDiagnostic', 'formatExplanation', 'getVocab', 'listVocabularies',
  'memorySources', 'readProfile',
];

function rootExports(): Array<{ name: string; doc: string; value: boolean }> {
  const entry = join(ROOT, 'src/index.ts');
  const program = ts.createProgram([entry], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true });
  const checker = program.getTypeChecker();
  const mod = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  return checker.getExportsOfModule(mod).map((s) => {
    const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    return { name: s.getName(), doc: ts.displayPartsToString(target.getDocumentationComment(checker)).trim(), value: (target.flags & ts.SymbolFlags.Value) !== 0 };
  });
}

describe('root entry (src/index.ts)', () => {
  const exported = rootExports();

  it('is the curated list of at most 30 names, written out (no `export *`)', () => {
    expect(exported.map((e) => e.name).sort()).toEqual([...ROOT_NAMES].sort());
    expect(ROOT_NAMES.length).toBeLessThanOrEqual(30);
    expect(readFileSync(join(ROOT, 'src/index.ts'), 'utf8')).not.toMatch(/export\s*\*/);
  });

  it('documents every name where it is declared (TSDoc)', () => {
    expect(exported.filter((e) => e.doc.length < 10).map((e) => e.name)).toEqual([]);
  });

  it('carries no deprecated alias', () => {
    const deprecated = exported.filter((e) => /@deprecated/.test(e.doc)).map((e) => e.name);
    expect(deprecated).toEqual([]);
    expect(exported.map((e) => e.name)).not.toContain('compileSbpl');
  });
});

describe('package.json "exports"', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; exports: Record<string, string | { types: string; default: string }> };
  const subpaths = Object.entries(pkg.exports).filter(([, v]) => typeof v !== 'string') as Array<[string, { types: string; default: string }]>;
  const built = existsSync(join(ROOT, 'dist/index.js'));

  it('names a source module and a declaration file for every subpath', () => {
    for (const [, v] of subpaths) {
      const src = v.default.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts');
      expect(existsSync(join(ROOT, src)), src).toBe(true);
      expect(v.types).toBe(v.default.replace(/\.js$/, '.d.ts'));
    }
  });

  it.skipIf(!built)('every subpath resolves by the package name after the build, with exports', () => {
    // Node's own resolver (a package may import itself by name through "exports"), not the test runner's.
    const names = subpaths.map(([k]) => (k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`));
    const script = `const out = {}; for (const n of ${JSON.stringify(names)}) out[n] = Object.keys(await import(n)).length; console.log(JSON.stringify(out));`;
    const counts = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as Record<string, number>;
    for (const n of names) expect(counts[n], n).toBeGreaterThan(0);
    for (const [, v] of subpaths) expect(existsSync(join(ROOT, v.types)), v.types).toBe(true);
    // The built root carries exactly the runtime values of the curated list.
    const rootKeys = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', `console.log(JSON.stringify(Object.keys(await import('${pkg.name}')).sort()))`], { cwd: ROOT, encoding: 'utf8' })) as string[];
    expect(rootKeys).toEqual(rootExports().filter((e) => e.value).map((e) => e.name).sort());
  });
});
