// Fuzz surfaces: each turns a seeded random source into one input, runs it in-process and returns what the
// properties need (the outcome kind, any error text and whether that error names a location).
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readProfile, memorySources } from '../src/sbpl/index.js';
import type { SourceProvider } from '../src/sbpl/options.js';
import { getVocab } from '../src/vocab/index.js';
import { decodeAnyBlob, decodeBlob, compileProfileToBlob } from '../src/format/index.js';
import { parseRequestLines } from '../src/decide/request-json.js';
import { lintProfile } from '../src/decide/lint.js';

import type { Rng } from './rng.js';
export { rng, type Rng } from './rng.js';

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rng, n: number) => Math.floor(r() * n);

export interface Outcome {
  /** 'ok' or 'error' are fine; 'crash' (an exception escaped) breaks the property. */
  kind: 'ok' | 'error' | 'crash';
  detail?: string;
  /** For 'error': the error names a place (line:col, a line number or a byte offset). */
  located?: boolean;
}

export interface Surface {
  name: string;
  /** Make one input (its size in characters or bytes is reported for the slowest case). */
  make(r: Rng): string | Uint8Array;
  run(input: string | Uint8Array): Outcome;
}

const here = dirname(fileURLToPath(import.meta.url));
const shared = resolve(here, '..', '..', 'shared');
const vocab = getVocab('any');

/** One corpus profile: its text and the folder its relative imports are searched in. */
interface CorpusEntry { text: string; dir: string }

/** The corpus, read once: every profile (up to 400 mutation seeds) and every .sb file as an in-memory import source,
 *  so a mutant's `(import "system.sb")` resolves without touching the disk and corpus mutants get past imports. */
function readCorpus(): { entries: CorpusEntry[]; files: Record<string, string> } {
  const dir = join(shared, 'corpus');
  const entries: CorpusEntry[] = [];
  const files: Record<string, string> = {};
  if (!existsSync(dir)) return { entries: [{ text: '(version 1)\n(deny default)\n(allow file-read* (subpath "/usr"))\n(allow mach-lookup (global-name "a"))', dir: '/' }], files };
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else if (f.endsWith('.sb') && s.size < 200_000) {
        const text = readFileSync(p, 'utf8');
        files[p] = text;
        if (entries.length < 400) entries.push({ text, dir: d });
      }
    }
  };
  walk(dir);
  return { entries, files };
}

const TOKENS = ['(', ')', '"', '#"', '#\\x', '#t', '#f', '(allow ', '(deny ', 'file-read*', '(subpath "/', '(regex #"^/', '(literal "', '(param "', '(require-not ', '(require-any ', '(require-all ', '(define (f x) ', '(let ((x 1)) ', '(string-append ', '(append ', "'(", ';', '#|', '|#', '\\', '\n', ' ', '9999999999999999', '-1', '(version 1)', '(import "system.sb")', '(with report)', '.*', '[^/]', '{1,300}', '(param "__proto__")', '(param "constructor")', '#\\xFFFFFFFF', '\u0000', '\uFFFF'];

/** Grammar-aware mutation: delete, duplicate or insert whole tokens and balanced forms, flip characters. */
export function mutateText(r: Rng, text: string): string {
  let s = text;
  const n = 1 + int(r, 4);
  for (let k = 0; k < n; k++) {
    const at = int(r, s.length + 1);
    switch (int(r, 6)) {
      case 0: s = s.slice(0, at) + pick(r, TOKENS) + s.slice(at); break;
      case 1: s = s.slice(0, at) + s.slice(at + 1 + int(r, 40)); break;
      case 2: { // duplicate a balanced form starting at a '('
        const open = s.indexOf('(', at);
        if (open < 0) break;
        let depth = 0, end = open;
        for (; end < s.length; end++) { if (s[end] === '(') depth++; else if (s[end] === ')' && --depth === 0) break; }
        s = s.slice(0, end + 1) + s.slice(open, end + 1) + s.slice(end + 1);
        break;
      }
      case 3: s = s.slice(0, at) + String.fromCharCode(int(r, 0x3000)) + s.slice(at + 1); break;
      case 4: s = s.slice(0, at) + 'x'.repeat(1 + int(r, 2000)) + s.slice(at); break;
      default: s = s.slice(0, at) + ')'.repeat(int(r, 3)) + '('.repeat(int(r, 3)) + s.slice(at);
    }
  }
  return s;
}

function generated(r: Rng): string {
  const forms = ['(version 1)', pick(r, ['(deny default)', '(allow default)'])];
  const n = int(r, 30);
  for (let i = 0; i < n; i++) {
    const op = pick(r, ['file-read*', 'file-write-data', 'mach-lookup', 'network-outbound', 'sysctl-read', 'process-exec', 'default']);
    const f = pick(r, [`(subpath "/p${int(r, 9)}")`, `(literal "/p/${int(r, 9)}")`, `(regex #"^/p${int(r, 9)}/.*")`, `(global-name "g${int(r, 9)}")`, `(require-not (literal "/x"))`, `(require-any (prefix "/a") (vnode-type REGULAR-FILE))`, '']);
    forms.push(`(${pick(r, ['allow', 'deny'])} ${op} ${f})`);
  }
  return forms.join('\n');
}

const located = (s: string) => /\d+:\d+|line \d+|offset \d+|byte \d+|at 0x[0-9a-f]+/i.test(s);

function sbplRun(text: string, importDir?: string): Outcome {
  try {
    const res = readProfile(text, {
      fileName: 'fuzz.sb', os: 'any', params: { a: 'b' }, paramFallback: () => '/fuzz/param', entitlements: {},
      sources: corpusSources(), importPath: importDir ? [importDir, ...fallbackImportDirs()] : fallbackImportDirs(),
    });
    if (!res.ok) {
      const errs = res.diagnostics.filter((d) => d.severity === 'error');
      const bad = errs.find((d) => !d.span);
      if (/internal error/i.test(errs.map((d) => d.message).join('\n'))) return { kind: 'crash', detail: errs[0].message };
      return { kind: 'error', detail: bad?.message ?? errs[0]?.message, located: !bad };
    }
    lintProfile(res.profile, vocab);
    return { kind: 'ok' };
  } catch (e) {
    return { kind: 'crash', detail: String((e as Error)?.stack ?? e).slice(0, 600) };
  }
}

let corpus: ReturnType<typeof readCorpus> | null = null;
const corpusData = () => (corpus ??= readCorpus());
export const texts = () => corpusData().entries.map((e) => e.text);
let sources: SourceProvider | null = null;
const corpusSources = () => (sources ??= memorySources(corpusData().files));
/** Folders holding a system.sb (the newest last in sort order first), for profiles whose folder lacks their imports. */
let fallbackDirs: string[] | null = null;
const fallbackImportDirs = () => (fallbackDirs ??= Object.keys(corpusData().files).filter((p) => p.endsWith('/system.sb')).map((p) => dirname(p)).reverse().slice(0, 1));
/** A corpus mutant carries its import folder on a first-line marker the surface strips before reading. */
const DIR_MARK = ';fuzz-import-dir ';

/** Blob formats: one line per format (name, the seeds, the decoder); new formats plug in here. */
export const BLOB_FORMATS: Array<{ name: string; seeds: () => Uint8Array[]; decode: (b: Uint8Array) => unknown }> = [
  {
    name: 'sonoma14',
    seeds: () => {
      const out: Uint8Array[] = [];
      const dir = join(shared, 'data', 'real-blobs');
      if (existsSync(dir)) for (const f of readdirSync(dir)) if (f.endsWith('.bin')) out.push(new Uint8Array(readFileSync(join(dir, f))));
      for (const t of texts().slice(0, 20)) {
        const res = readProfile(t, { fileName: 'seed.sb', os: 'any' });
        if (res.ok) try { out.push(compileProfileToBlob(res.profile, vocab).bytes); } catch { /* not encodable */ }
      }
      return out;
    },
    decode: (b) => decodeBlob(b, vocab),
  },
  {
    // every format the registry knows (src/format/formats.ts): detection, headers, collections, node regions
    name: 'any-format',
    seeds: () => {
      const dir = join(shared, 'data', 'real-blobs');
      const real = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.bin')).map((f) => new Uint8Array(readFileSync(join(dir, f)))) : [];
      // without ../shared: our own compiled Sonoma blobs (detection still runs on every mutant)
      return real.length ? real : BLOB_FORMATS[0].seeds();
    },
    decode: (b) => decodeAnyBlob(b),
  },
];

const blobSeeds = new Map<string, Uint8Array[]>();

function mutateBytes(r: Rng, seed: Uint8Array): Uint8Array {
  let b: Uint8Array = seed.length > 400_000 ? seed.slice(0, 400_000) : seed.slice();
  const n = 1 + int(r, 8);
  for (let k = 0; k < n; k++) {
    const at = int(r, b.length);
    switch (int(r, 4)) {
      case 0: b[at] = int(r, 256); break;
      case 1: b[at] = pick(r, [0, 0xff, 0x7f, 0x80]); if (at + 1 < b.length) b[at + 1] = pick(r, [0, 0xff]); break;
      case 2: b = b.slice(0, at); break;
      default: { const c = new Uint8Array(b.length + 16); c.set(b.slice(0, at)); c.set(b.slice(at), at + 16); b = c; }
    }
  }
  return b;
}

const REQ_KEYS = ['"operation"', '"path"', '"facts"', '"__proto__"', '"constructor"', '"target"', '"x"', '"global-name"'];
const REQ_VALUES = ['"file-read-data"', '"/p"', '1', 'null', '[]', '{}', 'true', '"mach-lookup"', '{"path":"/a"}', '1e999'];

export const SURFACES: Surface[] = [
  {
    name: 'sbpl-corpus',
    make: (r) => { const e = pick(r, corpusData().entries); return `${DIR_MARK}${e.dir}\n${mutateText(r, e.text)}`; },
    run: (t) => {
      const s = t as string;
      const nl = s.indexOf('\n');
      // the marker line stays as a comment, so diagnostics keep the mutant's own line numbers + 1
      return sbplRun(s, s.startsWith(DIR_MARK) ? s.slice(DIR_MARK.length, nl) : undefined);
    },
  },
  { name: 'sbpl-generated', make: (r) => (r() < 0.5 ? generated(r) : mutateText(r, generated(r))), run: (t) => sbplRun(t as string) },
  {
    name: 'request-lines',
    make: (r) => {
      const lines: string[] = [];
      for (let i = 0; i < 1 + int(r, 5); i++) {
        const kv: string[] = [];
        for (let j = 0; j < int(r, 4); j++) kv.push(`${pick(r, REQ_KEYS)}:${pick(r, REQ_VALUES)}`);
        let l = `{"operation":"file-read-data",${kv.join(',')}}`.replace(',}', '}');
        if (r() < 0.3) l = mutateText(r, l);
        lines.push(l);
      }
      return lines.join('\n');
    },
    run: (t) => {
      try {
        const res = parseRequestLines(t as string, vocab);
        return res.errors.length ? { kind: 'error', detail: res.errors[0].message, located: res.errors.every((e) => e.line > 0) } : { kind: 'ok' };
      } catch (e) {
        return { kind: 'crash', detail: String((e as Error)?.stack ?? e).slice(0, 600) };
      }
    },
  },
  ...BLOB_FORMATS.map((f): Surface => ({
    name: `blob-${f.name}`,
    make: (r) => {
      let seeds = blobSeeds.get(f.name);
      if (!seeds) blobSeeds.set(f.name, (seeds = f.seeds()));
      return mutateBytes(r, pick(r, seeds));
    },
    run: (b) => {
      try {
        f.decode(b as Uint8Array);
        return { kind: 'ok' };
      } catch (e) {
        const err = e as Error;
        if (err?.name && /Error$/.test(err.name) && err.constructor !== Error && err.constructor !== TypeError && err.constructor !== RangeError) {
          return { kind: 'error', detail: err.message, located: located(err.message) };
        }
        return { kind: 'crash', detail: String(err?.stack ?? e).slice(0, 600) };
      }
    },
  })),
];
