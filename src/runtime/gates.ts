// Apply gates: profile features that make sandbox_init / sandbox_apply fail (EPERM) for an ordinary process,
// whatever the probed request. A prediction has to say "the profile will not attach" instead of allow/deny.
//
// Known gate (tier C): deny-style message filtering. Minimised witnesses of the seeds' project reduce Apple's
// airlock.sb (and blastdoor, CGPDFService) to `(allow iokit-open-user-client (apply-message-filter (deny
// iokit-external-method)))`, which compiles but fails at apply with EPERM; the kernel logs "missing message filter
// entitlement" (com.apple.private.security.message-filter). A `mach-message-send` deny payload gates the same way.
// Source: Protonk/sandbox-boostrap troubles/EPERMx2.md ("Apply-gate: deny-style message filtering").

import type { Profile, Rule } from '../sbpl/profile.js';

export interface ApplyGate {
  kind: 'message-filter-entitlement';
  message: string;
  /** Rules that trigger the gate. */
  ruleIds: number[];
  evidence: string;
}

const GATE_EVIDENCE =
  'C: Protonk/sandbox-boostrap gate-witnesses (macOS 14.4.1): deny payloads in apply-message-filter fail sandbox_apply with EPERM; kernel log "missing message filter entitlement"';

/** Deny rules inside a rule's `(apply-message-filter ...)` body, at any depth. */
function denyPayloads(rules: Rule[]): Rule[] {
  const out: Rule[] = [];
  for (const r of rules) {
    if (r.action === 'deny') out.push(r);
    if (r.messageFilter) out.push(...denyPayloads(r.messageFilter.rules));
  }
  return out;
}

export function detectApplyGates(profile: Profile): ApplyGate[] {
  const ruleIds: number[] = [];
  const ops = new Set<string>();
  for (const r of profile.rules) {
    if (!r.messageFilter) continue;
    const denies = denyPayloads(r.messageFilter.rules);
    if (!denies.length) continue;
    ruleIds.push(r.id);
    for (const d of denies) for (const o of d.operations) ops.add(o);
  }
  if (!ruleIds.length) return [];
  return [
    {
      kind: 'message-filter-entitlement',
      message: `deny-style message filtering (rule${ruleIds.length > 1 ? 's' : ''} ${ruleIds.join(', ')}: apply-message-filter denying ${[...ops].join(', ')}) needs the com.apple.private.security.message-filter entitlement; without it sandbox_init/sandbox_apply fails with EPERM`,
      ruleIds,
      evidence: GATE_EVIDENCE,
    },
  ];
}
