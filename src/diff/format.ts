// Text form of a diff: differences grouped by operation; operations with the same differences (the same
// witness target and deciding rules, e.g. every file-read-* operation under one file-read* rule) share a block.

import type { DeciderRef, DiffResult, Difference } from './diff.js';
import { witnessText } from './diff.js';

function deciderText(r: DeciderRef): string {
  const via = r.check === 'symlink-traversal' ? ` (symlink ${r.link}: file-read-metadata on the link)` : '';
  if (r.kind === 'fixed') return `the fixed decision of '${r.operation}'${via}`;
  const std = r.origin === 'standard-policy' ? ' [Apple standard policy]' : '';
  return `${r.rule} on '${r.operation}' at ${r.location}${std}${via}`;
}

function extras(req: Record<string, unknown>): string {
  const shown = new Set(['operation', 'path', 'socketPath', 'serviceName', 'remote', 'local', 'sysctlName', 'preferenceDomain', 'target', 'facts']);
  const rest = Object.entries(req).filter(([k]) => !shown.has(k));
  return rest.length ? ' ' + rest.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ') : '';
}

function lineOf(d: Difference): string {
  const target = witnessText(d.request) || '(no target)';
  return `  ${target}${extras(d.request)}${d.variant ? ` [${d.variant}]` : ''}: A ${d.a}, B ${d.b}\n    A: ${deciderText(d.ruleA)}\n    B: ${deciderText(d.ruleB)}`;
}

export function formatDiff(r: DiffResult, names: { a: string; b: string } = { a: 'A', b: 'B' }): string {
  const out: string[] = [];
  // group operations whose differences print alike
  const byOp = new Map<string, Difference[]>();
  for (const d of r.differences) {
    let l = byOp.get(d.operation);
    if (!l) byOp.set(d.operation, (l = []));
    l.push(d);
  }
  const blocks = new Map<string, string[]>();
  for (const [op, diffs] of byOp) {
    const body = diffs.map(lineOf).join('\n');
    const ops = blocks.get(body);
    if (ops) ops.push(op);
    else blocks.set(body, [op]);
  }
  out.push(`A = ${names.a}, B = ${names.b}`);
  if (r.equivalent) out.push(`equivalent: no request of the ${r.operations} operations compared is decided differently`);
  else out.push(`${r.differences.length} difference${r.differences.length === 1 ? '' : 's'} in ${byOp.size} operation${byOp.size === 1 ? '' : 's'}`);
  for (const [body, ops] of blocks) {
    out.push('');
    out.push(ops.length === 1 ? `${ops[0]}:` : `${ops.join(', ')}:`);
    out.push(body);
  }
  if (r.incomplete.length) {
    out.push('');
    out.push('not covered exhaustively (differences there may be missing):');
    const seen = new Set<string>();
    for (const i of r.incomplete) {
      const line = `  ${i.operation}: ${i.reason}`;
      if (!seen.has(line)) out.push(line);
      seen.add(line);
    }
  }
  if (r.unconfirmed.length) out.push('', `${r.unconfirmed.length} symbolic difference${r.unconfirmed.length === 1 ? ' was' : 's were'} not confirmed by the engine and ${r.unconfirmed.length === 1 ? 'is' : 'are'} not shown`);
  return out.join('\n');
}
