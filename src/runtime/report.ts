// Text tables for the terminal: expected vs actual, and (--compare predicted) run vs prediction.

import type { ResultsDocument } from './results.js';

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.min(60, Math.max(...rows.map((r) => (r[i] ?? '').length))));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i]))).join('  ').trimEnd()).join('\n');
}

export function formatResults(doc: ResultsDocument, compare: 'expected' | 'predicted' = doc.run.compare): string {
  const out: string[] = [];
  const head = ['KEY', 'EXPECTED', doc.run.backend === 'simulate' ? 'PREDICTED' : 'ACTUAL', 'MATCH'];
  if (compare === 'predicted') head.push('ENGINE', 'AGREES');
  const rows = [head];
  for (const r of doc.results) {
    const row = [r.key, r.expected, r.actual + (r.standIn ? ' [stand-in]' : '') + (r.shims.length ? ` [shims: ${r.shims.join(',')}]` : ''), r.match ? 'yes' : 'NO'];
    if (compare === 'predicted') row.push(r.prediction?.outcome ?? '-', r.prediction ? (r.prediction.agrees ? 'yes' : 'NO') : '-');
    rows.push(row);
  }
  out.push(table(rows));
  const s = doc.summary;
  out.push('');
  out.push(`${s.total} probes: ${s.matched} match, ${s.mismatched} differ (${Object.entries(s.byOutcome).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  if (!doc.run.complete) out.push(`run incomplete: ${doc.run.interrupted ?? 'not finished'}`);
  for (const r of doc.results.filter((x) => !x.match)) out.push(`  differs: ${r.key}: expected ${r.expected}, got ${r.actual} — ${r.reason}`);
  if (compare === 'predicted') {
    for (const r of doc.results.filter((x) => x.prediction && !x.prediction.agrees)) {
      out.push(`  engine disagrees: ${r.key}: ${doc.run.backend === 'replay' ? 'recorded' : 'kernel'} ${r.actual}, engine ${r.prediction!.outcome} — ${r.prediction!.reason}`);
    }
  }
  for (const p of doc.profiles.filter((x) => x.shimChangedProbes.length)) {
    out.push(`  shims change the answer for ${p.key}: ${p.shimChangedProbes.join(', ')} (${p.shims.map((x) => x.name).join(', ')})`);
  }
  if (s.standInProfiles.length) out.push(`  stand-in profiles (not the system's): ${s.standInProfiles.join(', ')}`);
  return out.join('\n');
}
