// The evidence table: every operation and filter fact of a vocabulary with its tier and sources, as data
// (evidenceGaps: what lacks a tier or a known source) and as the Markdown tables of docs/vocab-evidence.md.

import type { Vocab } from './index.js';
import type { FactSource, FilterInfo, OperationInfo } from './types.js';
import { VOCAB_SOURCES } from './data/sources.js';
import { factNote } from './notes.js';
import type { CompiledNoRuleEvidence } from './data/sonoma-compiled.js';

export { SONOMA_COMPILED, type CompiledNoRuleEvidence } from './data/sonoma-compiled.js';
export { VOCAB_SOURCES, type VocabSource } from './data/sources.js';
export { FACT_NOTES, VOCAB_READ_FROM, factNote } from './notes.js';

/** Facts a vocabulary holds without a tier or with a source key that VOCAB_SOURCES does not know. */
export function evidenceGaps(v: Vocab): string[] {
  const gaps: string[] = [];
  const check = (what: string, f: FactSource | undefined) => {
    if (!f) return gaps.push(`${what}: no tier/source`);
    if (f.sources.length === 0) gaps.push(`${what}: no source`);
    for (const s of f.sources) if (!Object.prototype.hasOwnProperty.call(VOCAB_SOURCES, s)) gaps.push(`${what}: unknown source '${s}'`);
  };
  for (const o of v.operations) {
    check(`operation ${o.name} fallback`, o.facts?.fallback);
    if (o.filterClasses) check(`operation ${o.name} filter classes`, o.facts?.filterClasses);
    if (o.modifiers) check(`operation ${o.name} modifiers`, o.facts?.modifiers);
  }
  for (const f of v.filters) {
    check(`filter ${f.name} argument`, f.facts?.argument);
    check(`filter ${f.name} classes`, f.facts?.classes);
  }
  check('standard policy', v.data.standardPolicySource);
  for (const a of Object.keys(v.data.operationAliases)) check(`alias ${a}`, v.data.operationAliasSources?.[a]);
  return gaps;
}

function fallbackText(o: OperationInfo): string {
  return o.fixed ? `fixed ${o.fixed}` : o.parent ? `→ ${o.parent}` : '—';
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function sourcesText(f: FactSource | undefined): string {
  return f ? f.sources.join(', ') : '**missing**';
}

/** What a compiled profile with no rule for `op` showed (op-table ids only). */
export function compiledNoRule(c: CompiledNoRuleEvidence, o: OperationInfo, opTableSize: number | undefined): string {
  if (opTableSize !== undefined && o.id >= opTableSize) return 'no op-table slot';
  if (c.ruledInAll.includes(o.name)) return 'the profile\'s own rule';
  const dd = c.denyDefaultRuled.includes(o.name)
    ? 'ruled'
    : c.denyDefaultTargetSelf.includes(o.name)
      ? 'target-self test'
      : c.denyDefaultAllowed.includes(o.name)
        ? 'allow'
        : 'deny';
  const ad = c.allowDefaultDenied.includes(o.name) ? 'deny' : 'allow';
  return `DD ${dd} · AD ${ad}`;
}

function operationRow(vocabId: string, o: OperationInfo, compiled: CompiledNoRuleEvidence | undefined, opTableSize: number | undefined): string {
  const f = o.facts;
  const cols = [
    String(o.id),
    `\`${o.name}\``,
    fallbackText(o),
    f?.fallback.tier ?? '**missing**',
    sourcesText(f?.fallback),
    compiled ? compiledNoRule(compiled, o, opTableSize) : '',
    o.filterClasses ? `${f?.filterClasses?.tier ?? '**missing**'} (${sourcesText(f?.filterClasses)})` : 'any',
    o.modifiers ? `${f?.modifiers?.tier ?? '**missing**'}` : 'any',
    factNote(vocabId, `operation ${o.name} fallback`, f?.fallback.note) ?? '',
  ];
  return `| ${cols.map(cell).join(' | ')} |`;
}

function filterRow(vocabId: string, x: FilterInfo): string {
  const f = x.facts;
  const spell = x.spellings.map((s) => s.name).join(', ');
  const cols = [
    String(x.id),
    `\`${x.name}\``,
    x.argKind,
    spell,
    f?.argument.tier ?? '**missing**',
    sourcesText(f?.argument),
    x.classes.join(', '),
    `${f?.classes.tier ?? '**missing**'} (${sourcesText(f?.classes)})`,
    [factNote(vocabId, `filter ${x.name} argument`, f?.argument.note), factNote(vocabId, `filter ${x.name} classes`, f?.classes.note)].filter(Boolean).join('; '),
  ];
  return `| ${cols.map(cell).join(' | ')} |`;
}

/**
 * The generated part of docs/vocab-evidence.md for one vocabulary: operations, filters, aliases, standard policy
 * and the sources they name. `compiled` adds the column of what libsandbox's own op tables showed.
 */
export function renderEvidenceTables(v: Vocab, compiled?: CompiledNoRuleEvidence): string {
  const out: string[] = [];
  const opTable = v.data.opTableSize;
  out.push(`### Operations of ${v.data.displayName} (${v.operations.length})`, '');
  out.push('Fallback = the parent consulted when the rule list runs out, or the fixed decision of a terminal operation.');
  if (compiled) out.push('Compile (no rule) = the op-table entry in libsandbox\'s own output: DD = in the `(deny default)` profiles, AD = in the `(allow default)` profile.');
  out.push('');
  out.push('| id | operation | fallback | tier | sources | compile (no rule) | filter classes | modifiers | note |');
  out.push('|---|---|---|---|---|---|---|---|---|');
  for (const o of v.operations) out.push(operationRow(v.id, o, compiled, opTable));
  out.push('', `### Filters of ${v.data.displayName} (${v.filters.length})`, '');
  out.push('| id | filter | argument | spellings | tier | sources | classes | tier (sources) | note |');
  out.push('|---|---|---|---|---|---|---|---|---|');
  for (const f of v.filters) out.push(filterRow(v.id, f));
  out.push('', `### Operation aliases and standard policy of ${v.data.displayName}`, '');
  out.push('| spelling | means | tier | sources | note |', '|---|---|---|---|---|');
  for (const [a, t] of Object.entries(v.data.operationAliases)) {
    const f = v.data.operationAliasSources?.[a];
    out.push(`| ${cell(`\`${a}\``)} | ${t === null ? 'no-op (rule discarded)' : cell(`\`${t}\``)} | ${f?.tier ?? '**missing**'} | ${sourcesText(f)} | ${cell(factNote(v.id, `alias ${a}`, f?.note) ?? '')} |`);
  }
  const sp = v.data.standardPolicySource;
  out.push(`| standard policy | ${cell(v.data.standardPolicy.trim().split('\n').join(' '))} | ${sp?.tier ?? '**missing**'} | ${sourcesText(sp)} | ${cell(factNote(v.id, 'standard policy', sp?.note) ?? '')} |`);
  const used = new Set<string>();
  const add = (f: FactSource | undefined) => f?.sources.forEach((s) => used.add(s));
  for (const o of v.operations) [o.facts?.fallback, o.facts?.filterClasses, o.facts?.modifiers].forEach(add);
  for (const f of v.filters) [f.facts?.argument, f.facts?.classes].forEach(add);
  add(sp);
  for (const f of Object.values(v.data.operationAliasSources ?? {})) add(f);
  out.push('', `### Sources named above`, '', '| key | what | where |', '|---|---|---|');
  for (const k of Object.keys(VOCAB_SOURCES)) {
    if (!used.has(k)) continue;
    out.push(`| \`${k}\` | ${cell(VOCAB_SOURCES[k].title)} | ${cell(VOCAB_SOURCES[k].where)} |`);
  }
  return out.join('\n') + '\n';
}
