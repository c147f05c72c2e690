// Join a write trace to the profile: per source rule, which byte ranges it produced; per byte range, which
// rules. Plus the manifest that ties inputs and outputs together by sha256.

import type { Rule } from '../sbpl/profile.js';
import { spanLabel } from '../diagnostics/diagnostic.js';
import { describeExpr } from '../decide/match.js';
import { sha256Hex } from '../format/sha256.js';
import type { WriteRecord, WriteStage } from '../format/writer.js';

export interface RuleBytes {
  ruleId: number;
  action: string;
  operations: string[];
  filter: string;
  origin: string;
  location: string;
  /** [start, end) byte ranges, merged where adjacent. */
  ranges: Array<[number, number]>;
  bytes: number;
}

export interface RangeRules {
  start: number;
  end: number;
  stage: WriteStage;
  what: string;
  ruleIds: number[];
  filter?: string;
}

export interface TraceAnalysis {
  blob: string;
  length: number;
  writes: number;
  /** Bytes written on behalf of at least one rule. */
  attributedBytes: number;
  /** Bytes of pure structure (header, padding, ...). */
  structuralBytes: number;
  rules: RuleBytes[];
  ranges: RangeRules[];
  /** Bytes no write covered (should be none). */
  gaps: Array<[number, number]>;
}

function mergeRanges(rs: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...rs].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

export function analyzeTrace(blob: string, length: number, records: readonly WriteRecord[], rules: readonly Rule[]): TraceAnalysis {
  const byRule = new Map<number, Array<[number, number]>>();
  let attributed = 0;
  let structural = 0;
  const covered: Array<[number, number]> = [];
  const ranges: RangeRules[] = records.map((r) => {
    covered.push([r.offset, r.offset + r.length]);
    if (r.ruleIds.length > 0) attributed += r.length;
    else structural += r.length;
    for (const id of r.ruleIds) {
      const list = byRule.get(id) ?? [];
      list.push([r.offset, r.offset + r.length]);
      byRule.set(id, list);
    }
    return { start: r.offset, end: r.offset + r.length, stage: r.stage, what: r.what, ruleIds: r.ruleIds, ...(r.filter ? { filter: r.filter } : {}) };
  });
  const ruleRows: RuleBytes[] = [];
  const known = new Map(rules.map((r) => [r.id, r]));
  for (const id of [...byRule.keys()].sort((a, b) => a - b)) {
    const rule = known.get(id);
    const merged = mergeRanges(byRule.get(id)!);
    ruleRows.push({
      ruleId: id,
      action: rule?.action ?? '?',
      operations: rule?.operations ?? [],
      filter: rule ? describeExpr(rule.filter) : '(compiler-added rule)',
      origin: rule?.origin ?? 'compiler-implicit',
      location: rule ? spanLabel(rule.span) : '<compiler>',
      ranges: merged,
      bytes: merged.reduce((n, [s, e]) => n + e - s, 0),
    });
  }
  const gaps: Array<[number, number]> = [];
  let at = 0;
  for (const [s, e] of mergeRanges(covered)) {
    if (s > at) gaps.push([at, s]);
    at = Math.max(at, e);
  }
  if (at < length) gaps.push([at, length]);
  return { blob, length, writes: records.length, attributedBytes: attributed, structuralBytes: structural, rules: ruleRows, ranges, gaps };
}

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
  role: string;
}

export interface Manifest {
  tool: string;
  version: string;
  format: string;
  vocabulary: string;
  inputs: ManifestFile[];
  outputs: ManifestFile[];
  notes: string[];
}

export function manifestFile(path: string, data: Uint8Array, role: string): ManifestFile {
  return { path, sha256: sha256Hex(data), bytes: data.length, role };
}
