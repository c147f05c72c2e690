import { readProfile } from '../../src/sbpl/index.js';
import type { Profile } from '../../src/sbpl/profile.js';
import { getVocab } from '../../src/vocab/index.js';
import type { GraphNode, PolicyGraph } from '../../src/graph/model.js';

export const vocab = getVocab('sonoma-14.4.1');

export function profileOf(text: string, standardPolicy = true): Profile {
  const r = readProfile(text, { standardPolicy });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.profile;
}

export function opId(name: string): number {
  return vocab.operation(name)!.id;
}

export function entryOf(g: PolicyGraph, op: string): GraphNode {
  return g.nodes[g.entries[opId(op)]];
}

/** A node as compact text: `socket-domain 2 -> 3/7`, `allow`, `deny`. */
export function show(g: PolicyGraph, id: number): string {
  const n = g.nodes[id];
  if (n.kind === 'terminal') return n.decision + n.modifiers.map((m) => ` +${m.name}`).join('');
  const args = n.test.alternatives.map((a) => ('value' in a.arg ? a.arg.value : 'name' in a.arg ? a.arg.name : 'source' in a.arg ? a.arg.source : a.arg.kind)).join('|');
  return `${n.test.filter} ${args} -> ${n.match}/${n.unmatch}`;
}
