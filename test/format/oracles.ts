// Walk the witnessed-blob oracles (../shared/data/witnessed-blobs): compile each one's SBPL source with our
// compiler and compare every witnessed fact (length, node count, header and op-table bytes, known bytes,
// printable runs, literal offsets, sha256). Sources: the .sb next to the oracle, else our reconstruction in
// test/fixtures/witnessed-sources/.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readProfile } from '../../src/sbpl/index.js';
import { getVocab } from '../../src/vocab/index.js';
import { compileProfileToBlob } from '../../src/format/index.js';
import { printableRuns } from '../../src/format/layout/analyze.js';
import { sha256Hex } from '../../src/format/sha256.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const WITNESSED_DIR = resolve(HERE, '../../../shared/data/witnessed-blobs');
export const FIXTURE_DIR = resolve(HERE, '../fixtures/witnessed-sources');

export interface Check {
  oracle: string;
  check: string;
  pass: boolean;
  detail: string;
}

export interface OracleResult {
  oracle: string;
  source: string | null;
  checks: Check[];
  blob?: Uint8Array;
}

interface Target {
  oracle: string;
  source: string | null;
  facts: Record<string, unknown>;
}

/** Seeds/002 node-layout summary numbers (the earlier effort's analyze.py summary.json). */
export const SEED_LAYOUT_FACTS: Array<{ name: string; length: number; n?: number }> = [
  { name: 'v0_baseline', length: 440, n: 5 },
  { name: 'v1_subpath_foo', length: 467, n: 6 },
  { name: 'v2_subpath_bar', length: 467, n: 6 },
  { name: 'v4_any_two_subpaths', length: 481, n: 6 },
];

function sourceFor(...candidates: string[]): string | null {
  for (const c of candidates) if (existsSync(c)) return c;
  return null;
}

export function oracleTargets(): Target[] {
  const out: Target[] = [];
  for (const f of readdirSync(WITNESSED_DIR).filter((x) => x.endsWith('.partial.json')).sort()) {
    const name = f.replace('.partial.json', '');
    const data = JSON.parse(readFileSync(join(WITNESSED_DIR, f), 'utf8')) as Record<string, unknown>;
    if (name === 'op_table_operation_profiles') {
      for (const p of data.profiles as Array<Record<string, unknown>>) {
        out.push({ oracle: `op_table/${p.profile}`, source: sourceFor(join(FIXTURE_DIR, 'op-table', `${p.profile}.sb`)), facts: p });
      }
      continue;
    }
    if (name === 'sbpl_graph_runtime_ingested') {
      for (const p of data.profiles as Array<Record<string, unknown>>) {
        const src = p.profile === 'metafilter_any' ? join(WITNESSED_DIR, 'golden_runtime_metafilter_any.sb') : join(FIXTURE_DIR, 'graph-runtime', `${p.profile}.sb`);
        out.push({ oracle: `graph_runtime/${p.profile}`, source: sourceFor(src), facts: p });
      }
      continue;
    }
    out.push({ oracle: name, source: sourceFor(join(WITNESSED_DIR, `${name}.sb`), join(FIXTURE_DIR, `${name}.sb`)), facts: data });
  }
  for (const s of SEED_LAYOUT_FACTS) {
    out.push({ oracle: `seed002/${s.name}`, source: sourceFor(join(FIXTURE_DIR, 'node-layout', `${s.name}.sb`)), facts: { length: s.length, op_nodes_count: s.n } });
  }
  return out;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);

export function compileSource(path: string): Uint8Array {
  const text = readFileSync(path, 'utf8');
  const r = readProfile(text, { fileName: path });
  if (!r.ok) throw new Error(`${path}: ${r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; ')}`);
  return compileProfileToBlob(r.profile, getVocab(r.profile.os)).bytes;
}

export function checkOracle(t: Target): OracleResult {
  const res: OracleResult = { oracle: t.oracle, source: t.source, checks: [] };
  if (!t.source) return res;
  const b = compileSource(t.source);
  res.blob = b;
  const add = (check: string, pass: boolean, detail: string) => res.checks.push({ oracle: t.oracle, check, pass, detail });
  const f = t.facts;
  if (typeof f.length === 'number') add('length', b.length === f.length, `ours ${b.length}, witnessed ${f.length}`);
  if (typeof f.op_nodes_count === 'number') add('node count', u16(b, 2) === f.op_nodes_count, `ours ${u16(b, 2)}, witnessed ${f.op_nodes_count}`);
  for (const key of ['header_hex', 'header_hex_if_plain'] as const) {
    if (typeof f[key] === 'string') {
      const exp = f[key] as string;
      const got = hex(b.subarray(0, exp.length / 2));
      add(key === 'header_hex' ? 'header bytes' : 'header bytes (plain-profile assumption)', got === exp, `ours ${got}, witnessed ${exp}`);
    }
  }
  if (Array.isArray(f.op_entries_first_n)) {
    // the oracle's reading: u16 words from byte 16 (format.md A/B); we compare the same bytes
    const exp = f.op_entries_first_n as number[];
    const got = exp.map((_, i) => u16(b, 16 + 2 * i));
    add('op-table words', got.join(',') === exp.join(','), `ours ${got.join(',')}, witnessed ${exp.join(',')}`);
  }
  if (f.known_bytes && typeof f.known_bytes === 'object') {
    for (const [off, exp] of Object.entries(f.known_bytes as Record<string, string>)) {
      const got = hex(b.subarray(Number(off), Number(off) + exp.length / 2));
      add(`bytes @${off}`, got === exp, `ours ${got}, witnessed ${exp}`);
    }
  }
  if (Array.isArray(f.literal_strings_printable_runs)) {
    const exp = f.literal_strings_printable_runs as string[];
    const dataStart = 400 + 8 * u16(b, 2);
    const got = printableRuns(b, dataStart).map((r) => r.text);
    add('printable runs', JSON.stringify(got) === JSON.stringify(exp), `ours ${JSON.stringify(got)}, witnessed ${JSON.stringify(exp)}`);
  }
  if (Array.isArray(f.literal_strings_with_offsets)) {
    // offsets relative to the earlier effort's literal_start = data start + 2
    const base = 400 + 8 * u16(b, 2) + 2;
    for (const [off, text] of f.literal_strings_with_offsets as Array<[number, string]>) {
      const got = Buffer.from(b.subarray(base + off, base + off + text.length)).toString('latin1');
      add(`string @${base + off}`, got === text, `ours ${JSON.stringify(got)}, witnessed ${JSON.stringify(text)}`);
    }
  }
  if (typeof f.sha256 === 'string') add('sha256', sha256Hex(b) === f.sha256, `ours ${sha256Hex(b).slice(0, 16)}..., witnessed ${f.sha256.slice(0, 16)}...`);
  return res;
}
