// Rule modifiers, `(with NAME ARGS...)`: checked against the vocabulary (known name, argument kind, signal
// range); `(with termination)` is `(with send-signal SIGKILL)` where the vocabulary has no termination.

import { didYouMean } from '../diagnostics/did-you-mean.js';
import { describeArg } from '../scheme/builtins.js';
import type { Code } from '../scheme/procedures.js';
import { SchemeError } from '../scheme/errors.js';
import { NativeSyntax } from '../scheme/procedures.js';
import { toSpan, type Src } from '../scheme/source.js';
import { Pair, Sym, type Value } from '../scheme/values.js';
import type { Vocab } from '../vocab/index.js';
import type { ModifierInfo } from '../vocab/types.js';
import { sbplError, type InstallNatives, type SbplState } from './host.js';
import { ModifierValue } from './values.js';

export const installModifiers: InstallNatives = (env, vocab) => {
  env.define(
    'with',
    new NativeSyntax<SbplState>('with', (form, it) => {
      const nameX = form.cdr instanceof Pair ? form.cdr.car : undefined;
      const nameSrc = form.cdr instanceof Pair ? form.cdr.carSrc ?? form.src : form.src;
      if (!(nameX instanceof Sym)) throw new SchemeError('with: expected a modifier name, e.g. (with report)', 'sbpl/modifier', form.src);
      const argCodes: Code[] = [];
      const name = nameX.name;
      // an errno is written by name, `(with errno EPERM)` (docs/semantics.md §1.4): a bare name is that name
      const literalNames = vocab.modifier(name)?.arg === 'errno';
      let p = (form.cdr as Pair).cdr;
      while (p instanceof Pair) {
        const x = p.car;
        argCodes.push(literalNames && x instanceof Sym ? () => x : it.analyze(x, p.carSrc ?? form.src, false));
        p = p.cdr;
      }
      return (e) => {
        const args = argCodes.map((c) => c(e));
        try {
          return makeModifier(vocab, name, args, form.src, it.host);
        } catch (ex) {
          if (ex instanceof SchemeError && !ex.src) ex.src = nameSrc;
          throw ex;
        }
      };
    }),
  );
};

/** The modifier `spelled` with its arguments; a lenient vocabulary warns about an unknown one and drops it. */
export function makeModifier(vocab: Vocab, spelled: string, args: Value[], src: Src | undefined, state: SbplState): ModifierValue {
  let name = spelled;
  let modArgs = args;
  // (with termination) = (with send-signal SIGKILL), 10.15+ (docs/semantics.md §1.4)
  if (name === 'termination' && !vocab.modifier('termination')?.actions.length) {
    name = 'send-signal';
    modArgs = [9];
  }
  const info: ModifierInfo | undefined = vocab.modifier(name);
  if (!info) {
    const names = vocab.data.modifiers.flatMap((m) => [m.name, ...(m.aliases ?? [])]);
    if (vocab.lenient) {
      state.warnings.push({ severity: 'warning', code: 'sbpl/unknown-modifier', message: `unknown modifier '${spelled}' (not in any known vocabulary); ignored`, span: toSpan(src) });
      return new ModifierValue(null, spelled);
    }
    const guess = didYouMean(spelled, names);
    throw sbplError(`unknown modifier '${spelled}' in ${vocab.id}`, 'sbpl/unknown-modifier', guess ? `did you mean '${guess}'?` : `known modifiers: ${names.join(', ')}`);
  }
  if (info.deprecated) {
    if (modArgs.length) throw sbplError('unexpected argument', 'sbpl/modifier');
    return new ModifierValue(null, spelled);
  }
  const margs: Array<string | number> = [];
  switch (info.arg) {
    case 'none':
      if (modArgs.length) throw sbplError(`${spelled} modifier takes no argument`, 'sbpl/modifier');
      break;
    case 'signal':
    case 'integer': {
      if (modArgs.length !== 1 || typeof modArgs[0] !== 'number' || !Number.isInteger(modArgs[0])) {
        throw sbplError(`${spelled} modifier expects one ${info.arg === 'signal' ? 'signal number (e.g. SIGKILL)' : 'integer'}, got ${modArgs.map(describeArg).join(' ') || 'nothing'}`, 'sbpl/modifier');
      }
      const n = modArgs[0] as number;
      if (info.arg === 'signal' && (n < 1 || n > 31)) throw sbplError(`invalid signal number ${n} (expected 1..31)`, 'sbpl/modifier');
      margs.push(n);
      break;
    }
    case 'string':
      if (modArgs.length !== 1 || typeof modArgs[0] !== 'string') throw sbplError(`${spelled} modifier expects one string, got ${modArgs.map(describeArg).join(' ') || 'nothing'}`, 'sbpl/modifier');
      margs.push(modArgs[0] as string);
      break;
    case 'errno': {
      const a = modArgs[0];
      const v = a instanceof Sym ? a.name : a;
      if (modArgs.length !== 1 || (typeof v !== 'string' && typeof v !== 'number')) throw sbplError(`${spelled} modifier expects one errno name or number`, 'sbpl/modifier');
      margs.push(v);
      break;
    }
  }
  return new ModifierValue({ name: info.name, args: margs, spelled, span: toSpan(src) }, spelled);
}
