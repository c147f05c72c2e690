// Human-readable rendering of an Explanation.

import type { Modifier } from '../sbpl/profile.js';
import type { RequestFacts } from './request.js';
import type { ConsultedRule, DeciderInfo, Explanation, RuleRef } from './types.js';
import { formatEndpoint } from './network.js';

export function describeTarget(f: RequestFacts): string {
  const parts: string[] = [];
  if (f.path !== undefined) parts.push(f.path);
  if (f.socketPath !== undefined) parts.push(`unix:${f.socketPath}`);
  if (f.serviceName !== undefined) parts.push(f.serviceKind && f.serviceKind !== 'global' ? `${f.serviceKind}:${f.serviceName}` : f.serviceName);
  if (f.remote) parts.push(`remote ${formatEndpoint(f.remote)}`);
  if (f.local) parts.push(`local ${formatEndpoint(f.local)}`);
  if (f.sysctlName !== undefined) parts.push(f.sysctlName);
  if (f.preferenceDomain !== undefined) parts.push(f.preferenceDomain);
  if (f.notificationName !== undefined) parts.push(f.notificationName);
  if (f.iokitClass !== undefined) parts.push(f.iokitClass);
  if (f.target !== undefined) parts.push(`target ${f.target}`);
  return parts.join(' ');
}

/** Shorten long filter texts in human output (JSON keeps them whole). */
function clip(s: string, n = 160): string {
  return s.length > n ? s.slice(0, n - 3) + '...' : s;
}

export function describeRule(r: RuleRef): string {
  const mods = r.modifiers.length ? ' ' + r.modifiers.map(describeModifier).join(' ') : '';
  const via = r.importChain.length ? ` (imported via ${r.importChain.join(' > ')})` : '';
  const origin = r.origin === 'standard-policy' ? " [Apple standard policy]" : '';
  return `(${r.action} ${r.operations.join(' ')} ${r.filter === '(no filter)' ? '' : clip(r.filter)}${mods})`.replace(/ \)/, ')') + ` at ${r.location}${via}${origin}`;
}

export function describeModifier(m: Modifier): string {
  return `(with ${m.name}${m.args.length ? ' ' + m.args.map((a) => (typeof a === 'string' ? JSON.stringify(a) : String(a))).join(' ') : ''})`;
}

export function describeDecider(d: DeciderInfo): string {
  switch (d.kind) {
    case 'fixed':
      return `${d.fixedReason}`;
    case 'filtered-rule':
      return `filtered rule on '${d.operation}': ${describeRule(d.rule!)}`;
    case 'unfiltered-rule':
      return d.operation === 'default'
        ? `the profile's default rule: ${describeRule(d.rule!)}`
        : `unfiltered rule on '${d.operation}' (its fallback): ${describeRule(d.rule!)}`;
  }
}

function consultedLine(c: ConsultedRule): string {
  const mark = c.matched ? 'MATCH' : 'no   ';
  return `    ${mark} [${c.operation}] ${c.rule.action} ${clip(c.rule.filter, 100)} at ${c.rule.location} — ${clip(c.why, 240)}`;
}

/** Multi-line text: verdict, decider, chain, resolution, consulted rules, notes. */
export function formatExplanation(e: Explanation, opts: { maxConsulted?: number } = {}): string {
  const max = opts.maxConsulted ?? 40;
  const lines: string[] = [];
  const target = describeTarget(e.facts);
  lines.push(`${e.decision.toUpperCase()} ${e.operation}${e.requestedAs ? ` (requested as ${e.requestedAs})` : ''}${target ? ' ' + target : ''}`);
  lines.push(`  decided by: ${describeDecider(e.decidedBy)}`);
  if (e.check === 'symlink-traversal') lines.push('  check: symlink traversal (file-read-metadata on a link crossed) refused before the main check');
  lines.push(`  chain: ${e.chainText}${e.notConsulted.length ? `   (not consulted: ${e.notConsulted.join(' → ')})` : ''}`);
  if (e.resolvedPath && (e.resolvedPath.path !== e.resolvedPath.input || e.resolvedPath.symlinks.length)) {
    lines.push(`  path: ${e.resolvedPath.input} → ${e.resolvedPath.path}`);
  }
  for (const s of e.symlinkChecks) {
    lines.push(`  symlink ${s.link} → ${s.target}: file-read-metadata ${s.decision} (${describeDecider(s.decidedBy)})`);
  }
  if (e.modifiers.length) lines.push(`  modifiers: ${e.modifiers.map(describeModifier).join(' ')}`);
  lines.push(`  reported: ${e.reported ? 'yes' : 'no'}${e.message ? `; message ${JSON.stringify(e.message)}` : ''}${e.signal !== undefined ? `; signal ${e.signal}` : ''}`);
  if (e.consulted.length) {
    lines.push(`  consulted (${e.consulted.length}):`);
    for (const c of e.consulted.slice(0, max)) lines.push(consultedLine(c));
    if (e.consulted.length > max) lines.push(`    ... ${e.consulted.length - max} more (use --json for all)`);
  } else {
    lines.push('  consulted: no rule (the operation lists on the chain hold no rules)');
  }
  for (const r of e.replaced) lines.push(`  replaced: ${describeRule(r)} — a later unfiltered rule on the same operation replaced it`);
  for (const n of e.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}
