// Fuzz surfaces over the runtime's JSON and text documents: matrices, transcripts, results, golden sets, denial
// logs (log2matrix's parser and drafter), -D params, and the editor's language service (what the LSP server
// answers). Seeds are the repository's own examples and fixtures plus one results file made by a replay run.
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseMatrix, MatrixError } from '../src/runtime/matrix.js';
import { parseTranscriptFile, TranscriptError } from '../src/runtime/transcript.js';
import { parseGolden, parseResults, freezeGolden, GoldenError } from '../src/runtime/golden.js';
import { parseLogText } from '../src/runtime/log-parse.js';
import { draftMatrix, DraftError } from '../src/runtime/log2matrix.js';
import { runMatrix } from '../src/runtime/run.js';
import { parseDefines } from '../src/cli/common.js';
import { analyzeDocument, editorDiagnostics, hoverAt, completionsAt, definitionAt, documentSymbols, codeFixes } from '../src/editor/index.js';
import type { Outcome, Rng, Surface } from './surfaces.js';
import { mutateText, rng, texts } from './surfaces.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const readRepo = (p: string) => { const f = join(repo, p); return existsSync(f) ? [readFileSync(f, 'utf8')] : []; };
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rng, n: number) => Math.floor(r() * n);

const JSON_VALUES: unknown[] = [null, true, 0, -1, 1e308, 1.5, '', 'x', '/tmp/x', 'a/b', 'a_b', 'x'.repeat(5000), '__proto__', [], {}, [1, 'a'], { a: 1 }, 'allowed', 'deny', 'file-read-data', 'x=1'];
const JSON_KEYS = ['__proto__', 'constructor', 'key', 'profile', 'probes', 'expect', 'operation', 'target', 'file', 'source', 'x', 'results', 'format', 'params', ''];

/** Structure-aware JSON mutation: replace, delete or add values and keys at random places in the parsed tree. */
function mutateJsonValue(r: Rng, v: unknown, depth = 0): unknown {
  if (depth > 12 || r() < 0.15) {
    const k = int(r, 4);
    if (k === 0) return pick(r, JSON_VALUES);
    if (k === 1 && typeof v === 'string') return v + pick(r, ['/../x', '\u0000', 'x'.repeat(300), '=1']);
    if (k === 2) return [v, v];
    return v;
  }
  if (Array.isArray(v)) {
    const a = v.map((x) => (r() < 0.3 ? mutateJsonValue(r, x, depth + 1) : x));
    if (a.length && r() < 0.2) a.splice(int(r, a.length), 1);
    if (r() < 0.2) a.push(a.length ? a[int(r, a.length)] : pick(r, JSON_VALUES));
    return a;
  }
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (r() < 0.08) continue;
      Object.defineProperty(o, r() < 0.04 ? pick(r, JSON_KEYS) : k, { value: r() < 0.3 ? mutateJsonValue(r, x, depth + 1) : x, enumerable: true, writable: true, configurable: true });
    }
    if (r() < 0.1) Object.defineProperty(o, pick(r, JSON_KEYS), { value: pick(r, JSON_VALUES), enumerable: true, writable: true, configurable: true });
    return o;
  }
  return v;
}

function mutateJsonText(r: Rng, seed: string): string {
  const roll = r();
  if (roll < 0.6) {
    let t = JSON.stringify(mutateJsonValue(r, JSON.parse(seed) as unknown), null, r() < 0.5 ? 2 : undefined);
    // a duplicated key, textually (JSON.parse would keep the last one)
    if (r() < 0.1) t = t.replace(/"(\w+)":/, '"$1":1,"$1":');
    return t;
  }
  if (roll < 0.9) return mutateText(r, seed);
  return seed.slice(0, int(r, seed.length));
}

const LOCATED = /:\d+:\d+|line \d+|\$[.[]|\$:/;
/** Run `parse`; an error of one of `expected` classes whose message names a place is a fine outcome. */
function guarded(parse: () => void, expected: Array<new (...a: never[]) => Error>): Outcome {
  try {
    parse();
    return { kind: 'ok' };
  } catch (e) {
    const m = (e as Error).message;
    // a syntax error must name line:col; a schema error may name a JSON path ($ is the whole document)
    if (expected.some((c) => e instanceof c)) return { kind: 'error', detail: m, located: /not valid JSON/.test(m) ? /:\d+:\d+/.test(m) : LOCATED.test(m) };
    return { kind: 'crash', detail: String((e as Error)?.stack ?? e).slice(0, 600) };
  }
}

let resultsSeed: string[] = [];
let goldenSeed: string[] = [];
/** The results and golden seeds come from a real (replay) run of the seeds matrix; everything else is read lazily. */
export async function prepareDocuments(): Promise<void> {
  if (resultsSeed.length) return;
  const matrixPath = join(repo, 'examples', 'seeds-runtime-checks', 'matrix.json');
  const replayFile = join(repo, 'examples', 'seeds-runtime-checks', 'transcripts.seeds.json');
  if (!existsSync(matrixPath)) return;
  const outDir = mkdtempSync(join(tmpdir(), 'sbpl-fuzz-'));
  try {
    const out = await runMatrix({ matrixPath, outDir, backend: 'replay', replayFile });
    const text = readFileSync(out.resultsPath, 'utf8');
    resultsSeed = [text];
    goldenSeed = [JSON.stringify(freezeGolden(parseResults(text)), null, 2)];
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

const lazy = <T>(f: () => T) => { let v: T | undefined; return () => (v ??= f()); };
const matrixSeeds = lazy(() => [...readRepo('examples/seeds-runtime-checks/matrix.json'), ...readRepo('test/fixtures/runtime/outcomes.matrix.json')]);
const transcriptSeeds = lazy(() => [...readRepo('examples/seeds-runtime-checks/transcripts.seeds.json'), ...readRepo('test/fixtures/runtime/outcomes.transcripts.json')]);
const logSeeds = lazy(() => [...readRepo('test/fixtures/learn/npm-install.compact.log'), ...readRepo('test/fixtures/learn/git-fetch.ndjson')]);

const jsonSurface = (name: string, seeds: () => string[], parse: (t: string) => void, expected: Array<new (...a: never[]) => Error>): Surface => ({
  name,
  make: (r) => { const s = seeds(); return s.length ? mutateJsonText(r, pick(r, s)) : '{}'; },
  run: (t) => guarded(() => parse(t as string), expected),
});

/** A denial log line mutated, then parsed, drafted into a matrix and the draft checked by the matrix validator
 *  (issue 15: log2matrix must never write a draft that matrix-check rejects). */
function logRun(text: string): Outcome {
  try {
    const log = parseLogText(text);
    let draft;
    try {
      draft = draftMatrix(log.records, { profilePath: 'p.sb', profileKey: 'p' });
    } catch (e) {
      if (e instanceof DraftError) return { kind: 'error', detail: e.message, located: true };
      throw e;
    }
    try {
      parseMatrix(JSON.stringify(draft.matrix), 'draft.json');
    } catch (e) {
      if (e instanceof MatrixError) return { kind: 'crash', detail: `log2matrix draft rejected by matrix-check: ${e.message.slice(0, 300)}` };
      throw e;
    }
    return { kind: 'ok' };
  } catch (e) {
    return { kind: 'crash', detail: String((e as Error)?.stack ?? e).slice(0, 600) };
  }
}

const PARAM_PARTS = ['a', 'HOME', '__proto__', 'constructor', '=', '==', '', 'x=1', '\u0000', ' ', 'é', '/tmp/../x', 'k'.repeat(300)];
/** The editor's answers at random positions of a mutated profile (the LSP server's requests, in-process). */
function editorRun(text: string, r: Rng): Outcome {
  try {
    const a = analyzeDocument({ name: '/fuzz/doc.sb', text });
    editorDiagnostics(a);
    documentSymbols(a);
    codeFixes(a);
    const lines = text.split('\n');
    for (let k = 0; k < 4; k++) {
      const line = int(r, lines.length + 2) - 1;
      const position = { line, character: int(r, (lines[line]?.length ?? 0) + 3) - 1 };
      hoverAt(a, position);
      completionsAt(a, position);
      definitionAt(a, position);
    }
    return { kind: 'ok' };
  } catch (e) {
    return { kind: 'crash', detail: String((e as Error)?.stack ?? e).slice(0, 600) };
  }
}

export const DOCUMENT_SURFACES: Surface[] = [
  jsonSurface('matrix', matrixSeeds, (t) => parseMatrix(t, 'fuzz.matrix.json'), [MatrixError]),
  jsonSurface('transcripts', transcriptSeeds, (t) => parseTranscriptFile(t, 'fuzz.transcripts.json'), [TranscriptError]),
  jsonSurface('results', () => resultsSeed, (t) => parseResults(t, 'fuzz.results.json'), [GoldenError]),
  jsonSurface('golden', () => goldenSeed, (t) => parseGolden(t, 'fuzz.golden.json'), [GoldenError]),
  {
    name: 'denial-log',
    make: (r) => { const s = logSeeds(); return s.length ? mutateText(r, pick(r, s)) : ''; },
    run: (t) => logRun(t as string),
  },
  {
    name: 'params',
    make: (r) => Array.from({ length: 1 + int(r, 4) }, () => Array.from({ length: 1 + int(r, 4) }, () => pick(r, PARAM_PARTS)).join('')).join('\n'),
    // a -D error is located by naming the argument it rejects
    run: (t) => { const o = guarded(() => parseDefines((t as string).split('\n')), [Error]); return o.kind === 'error' ? { ...o, located: /-D /.test(o.detail ?? '') } : o; },
  },
  {
    name: 'editor',
    // the positions are drawn from the input itself, so a case stays replayable from (surface, seed, index)
    make: (r) => mutateText(r, pick(r, texts())),
    run: (t) => { const s = t as string; let h = 0; for (let i = 0; i < s.length; i += 97) h = (h * 31 + s.charCodeAt(i)) >>> 0; return editorRun(s, rng(h)); },
  },
];
