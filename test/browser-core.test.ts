// The package's root entry is the browser core: bundled for a browser (esbuild, as a page's bundler would) it
// needs no Node built-in, imports nothing from outside, carries no schema library, and stays within its size
// budget. package.json declares the modules free of side effects (bundlers then drop what a page does not
// use); the declaration is checked against the code: no module but the CLI's executable runs statements at
// load time.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');

/**
 * Minified + gzipped bytes the root entry may take (issue 14: 60 KB). The root is read -> decide over the
 * vocabularies (~58 KB: vocabulary data ~17, Scheme machine ~14, decide ~11, SBPL language ~9, regex ~5);
 * lint, fmt, the builder, blob formats, diff and learn are subpaths, and the evidence prose of the vocabularies
 * lives in src/vocab/notes.ts, outside the runtime data.
 */
export const ROOT_BUDGET_BYTES = 60 * 1024;

async function bundle(contents: string): Promise<{ bytes: Uint8Array; metafile: Metafile }> {
  const r = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { bytes: r.outputFiles[0].contents, metafile: r.metafile };
}

describe('browser core (the root entry, src/index.ts)', () => {
  it(`bundles for a browser with no Node built-in and no outside import, within ${ROOT_BUDGET_BYTES / 1024} KB min+gz`, async () => {
    // platform 'browser' cannot resolve node:fs & co., so a Node import fails the build itself
    const { bytes, metafile } = await bundle("export * from './src/index.ts';");
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.filter((p) => p.startsWith('node:') || !p.startsWith('src/'))).toEqual(['entry.ts']);
    expect(inputs.some((p) => p.startsWith('src/cli/') || p.startsWith('src/runtime/'))).toBe(false);
    const out = Object.values(metafile.outputs)[0];
    expect(out.imports).toEqual([]);
    const gz = gzipSync(bytes, { level: 9 }).length;
    console.log(`[size] root entry: ${(bytes.length / 1024).toFixed(1)} KB minified, ${(gz / 1024).toFixed(1)} KB gzipped (budget ${ROOT_BUDGET_BYTES / 1024} KB)`);
    expect(gz).toBeLessThanOrEqual(ROOT_BUDGET_BYTES);
  });

  it('is tree-shaken: a page importing one name gets a few bytes, not the core', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { sideEffects?: unknown };
    expect(pkg.sideEffects).toEqual(['./dist/cli/bin.js', './dist/cli/bundle/*.js', './dist/vocab/all.js']);
    const { bytes } = await bundle("import { VERSION } from './src/index.ts'; console.log(VERSION);");
    expect(bytes.length).toBeLessThan(200);
    const { bytes: one } = await bundle("import { formatDiagnostic } from './src/index.ts'; console.log(formatDiagnostic({ severity: 'error', code: 'x', message: 'y' }));");
    expect(one.length).toBeLessThan(8 * 1024);
  });

  it('no module runs statements when loaded, except the CLI executable and the vocabulary registration (what sideEffects declares)', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => {
        const p = join(dir, n);
        return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
      });
    const effects: string[] = [];
    for (const file of walk(SRC)) {
      const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      for (const st of sf.statements) {
        const declares =
          ts.isImportDeclaration(st) || ts.isExportDeclaration(st) || ts.isExportAssignment(st) || ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) ||
          ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st) || ts.isVariableStatement(st) || ts.isEmptyStatement(st);
        if (!declares) effects.push(`${relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(st.getStart()).line + 1}`);
      }
    }
    expect(effects.filter((e) => !e.startsWith('src/cli/bin.ts:') && !e.startsWith('src/vocab/all.ts:'))).toEqual([]);
    expect(effects.length).toBeGreaterThan(0);
  });
});
