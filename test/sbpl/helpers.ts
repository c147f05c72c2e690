// Helpers for the SBPL language tests: compile a fragment (after `(version 1)`, no standard policy) and show
// its rules as one line each.
import { readProfile, type ReadOptions } from '../../src/sbpl/index.js';
import type { Profile, Rule } from '../../src/sbpl/profile.js';
import { describeFilter } from '../../src/sbpl/values.js';

export function compile(text: string, options: ReadOptions = {}): Profile {
  const r = readProfile(`(version 1)\n${text}`, { fileName: 'p.sb', standardPolicy: false, ...options });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.span?.line}:${d.span?.column} ${d.message}`).join('\n'));
  return r.profile;
}
export const rules = (text: string, options?: ReadOptions): Rule[] => compile(text, options).rules;
export const show = (r: Rule) => `${r.action} ${r.operations.join(' ')}${r.filter ? ' ' + describeFilter(r.filter, 1000) : ''}${r.modifiers.map((m) => ` (with ${m.name}${m.args.map((a) => ' ' + a).join('')})`).join('')}`;
export const shows = (text: string, options?: ReadOptions) => rules(text, options).map(show);
