// Rule operands that name nothing: an unknown operation or filter gets its own diagnostic ("did you mean",
// "exists in <other OS>"), or under the lenient `any` vocabulary a warning and a stand-in.

import { didYouMean } from '../diagnostics/did-you-mean.js';
import { SchemeError } from '../scheme/errors.js';
import { Primitive, type InterpreterHooks } from '../scheme/procedures.js';
import { toSpan } from '../scheme/source.js';
import { getVocab, listVocabularies, type Vocab } from '../vocab/index.js';
import type { SbplState } from './host.js';
import type { FilterArgument } from './profile.js';
import { FilterValue, OperationValue } from './values.js';

/** Heads whose arguments are rule operands (operations, filters, modifiers). */
const OPERAND_HEADS = new Set(['allow', 'deny', 'require-any', 'require-all', 'require-not']);

/**
 * Diagnose unbound names among rule operands: an unknown operation or filter of the selected OS (with
 * "did you mean" and "exists in <other OS>"), or under the lenient `any` vocabulary a warning and a
 * stand-in (an ignored operation; a filter test that never matches).
 */
export function operandHooks(vocab: Vocab, state: SbplState): Pick<InterpreterHooks, 'operandContext' | 'unknownOperand'> {
  const elsewhere = (name: string, asCall: boolean): string[] =>
    listVocabularies()
      .filter((id) => id !== 'any' && id !== vocab.id)
      .filter((id) => {
        const v = getVocab(id);
        return asCall ? v.filterSpelling(name) !== undefined : v.resolveOperation(name) !== undefined;
      });
  return {
    operandContext: (head) => OPERAND_HEADS.has(head),
    unknownOperand: (name, asCall, src, env) => {
      const what = asCall ? 'filter' : 'operation';
      const code = asCall ? 'sbpl/unknown-filter' : 'sbpl/unknown-operation';
      if (env.lookup(name) !== undefined) return undefined;
      if (vocab.lenient) {
        state.warnings.push({
          severity: 'warning',
          code,
          message: `unknown ${what} '${name}' (in no known vocabulary): ${asCall ? 'it never matches' : 'it is ignored'}`,
          span: toSpan(src),
        });
        if (!asCall) return new OperationValue(null, name);
        return new Primitive(name, (args, ctx) => {
          const a = args[0];
          const arg: FilterArgument =
            typeof a === 'string' ? { kind: 'literal', value: a } : typeof a === 'number' ? { kind: 'integer', value: a } : { kind: 'boolean', value: true };
          return new FilterValue({ type: 'test', filter: name, arg, spelled: name, span: toSpan(ctx.src) });
        });
      }
      const other = elsewhere(name, asCall);
      if (other.length) {
        return new SchemeError(`${what} '${name}' does not exist in ${vocab.id}`, code, src, `it exists in ${other.join(', ')}: select it with --os ${other[0]} (or --os any)`);
      }
      const candidates = asCall ? vocab.filterSpellingNames() : vocab.operationSpellings();
      const guess = didYouMean(name, candidates);
      if (guess) return new SchemeError(`unknown ${what} '${name}' in ${vocab.id}`, code, src, `did you mean '${guess}'?`);
      return undefined;
    },
  };
}
