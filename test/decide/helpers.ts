// Shared helpers for decision tests: compile SBPL text with the front end and ask the engine.
import { readProfile, type ReadOptions } from '../../src/sbpl/index.js';
import type { Profile, Rule } from '../../src/sbpl/profile.js';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { getVocab } from '../../src/vocab/index.js';
import { DecisionEngine, type EngineOptions } from '../../src/decide/engine.js';
import type { RequestFacts } from '../../src/decide/request.js';
import type { Explanation } from '../../src/decide/types.js';

export function compile(text: string, opts: ReadOptions = {}): Profile {
  const r = readProfile(text, { fileName: 'p.sb', ...opts });
  if (!r.ok) throw new Error('profile did not compile:\n' + r.diagnostics.map(formatDiagnostic).join('\n'));
  return r.profile;
}

export function engine(text: string, engineOpts: EngineOptions = {}, opts: ReadOptions = {}): DecisionEngine {
  const profile = compile(text, opts);
  return new DecisionEngine(profile, getVocab(opts.os ?? 'sonoma-14.4.1'), engineOpts);
}

/** Explain one request against a profile given as SBPL text. */
export function ask(text: string, operation: string, facts: RequestFacts, engineOpts: EngineOptions = {}, opts: ReadOptions = {}): Explanation {
  const e = engine(text, engineOpts, opts);
  const ex = e.explain({ operation, facts });
  // the fast path must always agree with the explanation
  const v = e.decide({ operation, facts });
  if (v.decision !== ex.decision || v.check !== ex.check || v.operation !== ex.decidedBy.operation) {
    throw new Error(`fast path disagrees with explanation: ${JSON.stringify(v)} vs ${ex.decision}/${ex.check}/${ex.decidedBy.operation}`);
  }
  return ex;
}

/** Line of the deciding rule in p.sb, or 'fixed' / the origin for other deciders. */
export function deciderLine(e: Explanation): number | 'fixed' | string {
  const d = e.decidedBy;
  if (d.kind === 'fixed') return 'fixed';
  const m = /^p\.sb:(\d+):\d+$/.exec(d.rule!.location);
  return m ? Number(m[1]) : d.rule!.location;
}

/** Profile text with one form per line, so rule N is on line N. */
export function lines(...forms: string[]): string {
  return forms.join('\n');
}

/** A hand-built profile IR (what any producer — decompiler, generator — may hand the engine). */
export function irProfile(rules: Array<Pick<Rule, 'action' | 'operations' | 'filter'> & Partial<Rule>>): Profile {
  return {
    os: 'sonoma-14.4.1',
    version: 1,
    rules: rules.map((r, i) => ({
      id: i,
      modifiers: [],
      importChain: [],
      origin: 'profile',
      span: { file: 'ir.sb', line: i + 1, column: 1, endLine: i + 1, endColumn: 2, offset: 0, endOffset: 1 },
      ...r,
    })),
    params: [],
    imports: [],
    files: ['ir.sb'],
    diagnostics: [],
  };
}
