// House rules that keep the layout honest: the core library runs in a browser (no Node APIs outside
// src/cli and src/runtime), and stages depend only on stages to their left.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../src/version.js';
import { PIPELINE } from './pipeline.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const files = walk(SRC).map((p) => ({ path: relative(SRC, p), text: readFileSync(p, 'utf8') }));
const NODE_ONLY = /^(cli|runtime)\//;
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/g;

/** Module specifiers a file imports or re-exports, `import('...')` type references included. */
function importsOf(text: string): string[] {
  const specs = [...text.matchAll(IMPORT)].map((m) => m[1]);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]);
  return specs;
}

/** Every strongly connected group of more than one module (or a module importing itself), as sorted paths. */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || graph.get(v)!.includes(v)) out.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('architecture', () => {
  it('core modules import no Node built-ins and use no Node globals', () => {
    const offenders: string[] = [];
    for (const f of files) {
      if (NODE_ONLY.test(f.path)) continue;
      for (const m of f.text.matchAll(IMPORT)) {
        const spec = m[1];
        if (spec.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'crypto', 'url', 'util'].includes(spec)) offenders.push(`${f.path}: imports ${spec}`);
      }
      const code = f.text.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      for (const g of ['process', 'Buffer', 'require', '__dirname']) {
        if (new RegExp(`(?<![\\w$.])${g}\\s*[.(]`).test(code)) offenders.push(`${f.path}: uses ${g}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('stages depend only on stages to their left', () => {
    // pipeline order: diagnostics (shared by all) -> vocab -> scheme (the Scheme machine) -> sbpl (the language) -> regex
    // (Apple's regex dialect: matching and automaton -> text; used by decide and format) -> decide -> diff (decision-level
    // difference of two profiles) -> learn (rules from denial reports, checked with diff) -> graph -> format
    // -> trace (analysis of the encoder's writes) -> editor (language intelligence for editors and the playground)
    // -> runtime -> cli
    const rank: Record<string, number> = Object.fromEntries(PIPELINE.map((stage, i) => [stage, i]));
    const bad: string[] = [];
    for (const f of files) {
      const stage = f.path.split('/')[0];
      if (!(stage in rank)) continue;
      for (const m of f.text.matchAll(IMPORT)) {
        const spec = m[1];
        if (!spec.startsWith('.')) continue;
        const target = relative(SRC, join(SRC, f.path, '..', spec)).split('/')[0];
        if (target in rank && rank[target] > rank[stage]) bad.push(`${f.path} -> ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the Scheme machine knows nothing of the language on top', () => {
    // scheme/ is the TinyScheme subset alone: SBPL's vocabularies, rules and profiles stay in sbpl/
    const bad: string[] = [];
    for (const f of files) {
      if (!f.path.startsWith('scheme/')) continue;
      for (const spec of importsOf(f.text)) {
        const target = relative(SRC, join(SRC, f.path, '..', spec)).split('/')[0];
        if (spec.startsWith('.') && target !== 'scheme' && target !== 'diagnostics') bad.push(`${f.path} -> ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('no import cycles, type-only imports included', () => {
    const graph = new Map<string, string[]>();
    for (const f of files) {
      const deps = importsOf(f.text)
        .filter((s) => s.startsWith('.'))
        .map((s) => relative(SRC, join(SRC, f.path, '..', s)).replace(/\.js$/, '.ts'));
      graph.set(f.path, deps);
    }
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('the CLI version matches package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
