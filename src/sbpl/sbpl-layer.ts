// The SBPL layer: what libsandbox's sbpl.scm / sbpl1.scm / prelude.scm and its native procedures add
// to TinyScheme — operations as variables, filter procedures, metafilters, `with` modifiers, the
// allow/deny rule procedures with their checks, version, param, import, trace, with-filter,
// with-modifier, with-operations, path-ancestors, require-entitlement, _IO, aliases.
// Apple facts used here come from Apple's own Scheme library (knightsc/sandbox_profiles sbpl1.scm,
// prelude.scm, sbpl.scm, 10.10.5-10.15.2) as summarised in research/semantics.md and sbpl-corpus.md.

import type { Diagnostic, SourceSpan } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { Env } from '../scheme/env.js';
import { SchemeError } from '../scheme/errors.js';
import { NativeSyntax, Primitive, type Evaluator, type PrimitiveContext as SchemeContext, type PrimitiveFn as SchemeFn } from '../scheme/procedures.js';
import { describeArg, expectString } from '../scheme/builtins.js';
import { parseNetworkAddress, NetworkAddressError } from './network-address.js';
import type { Action, FilterArgument, FilterExpr, FilterTest, ImportRecord, Modifier, NetProto, ParamUse, Rule, RuleOrigin, StringMatch } from './profile.js';
import { filterTests } from './profile.js';
import { EntitlementValueFilter, FilterValue, MessageFilterValue, ModifierValue, OperationValue, ProtoValue } from './values.js';
import { toSpan, type Src } from '../scheme/source.js';
import { NIL, Pair, Sym, UNSPECIFIED, arrayToList, listToArray, writeValue, type Value } from '../scheme/values.js';
import type { Vocab } from '../vocab/index.js';
import type { FilterInfo, FilterSpelling, ModifierInfo, OperationInfo } from '../vocab/types.js';

/** Default class of `(extension)` with no argument (Apple 10.10 sbpl1.scm, research/semantics.md §3.1). */
const DEFAULT_EXTENSION_CLASS = 'com.apple.app-sandbox.read-write';
/** Apple's literal length limit: "data object length N exceeds maximum (65535)" (anchors.md §3 G). */
export const MAX_LITERAL_BYTES = 65535;

export interface SbplState {
  vocab: Vocab;
  params: Record<string, string>;
  rules: Rule[];
  /** Where allow/deny put rules (swapped while collecting an apply-message-filter body). */
  sink: Rule[];
  paramUses: Map<string, ParamUse>;
  imports: ImportRecord[];
  /** Files being evaluated, outermost first; `chain` caches the import spans rules at that level record. */
  importStack: Array<{ key: string; name: string; src?: Src; chain?: SourceSpan[] }>;
  contextFilters: FilterExpr[];
  contextModifiers: Modifier[];
  contextOperations: OperationInfo[][];
  version: number | null;
  versionSrc?: Src;
  trace?: string;
  warnings: Diagnostic[];
  debugForms: SourceSpan[];
  origin: RuleOrigin;
  storageClasses: Set<string>;
  paramFallback?: (key: string) => string | null;
  /** Load and evaluate another file (import); provided by the compile driver. */
  load(name: string, src: Src | undefined, ctx: PrimitiveContext): void;
  /** Include a C-preprocessor #include'd file (with --preprocess). */
  include(name: string, src: Src | undefined, ctx: PrimitiveContext): void;
}

type PrimitiveContext = SchemeContext<SbplState>;
type PrimitiveFn = SchemeFn<SbplState>;

function err(message: string, code: string, hint?: string): SchemeError {
  return new SchemeError(message, code, undefined, hint);
}

export function installSbpl(env: Env, vocab: Vocab): void {
  // the environment is built once per vocabulary and shared; per-compile state travels on the interpreter
  const stateOf = (it: Evaluator<SbplState>): SbplState => it.host;
  const prim = (name: string, fn: PrimitiveFn, min = 0, max = Infinity) => env.define(name, new Primitive<SbplState>(name, fn, min, max));

  // ---------------------------------------------------------------- constants
  for (const [name, value] of Object.entries(vocab.data.constants)) env.define(name, value);
  for (const f of vocab.filters) {
    if (f.argKind === 'symbol' && f.values) {
      for (const name of Object.keys(f.values)) if (env.vars.get(name) === undefined) env.define(name, Sym.of(name));
    }
  }
  for (const p of ['ip', 'ip4', 'ip6', 'tcp', 'tcp4', 'tcp6', 'udp', 'udp4', 'udp6'] as NetProto[]) env.define(p, new ProtoValue(p));
  // sbpl1.scm: (define unix 'unix) (define unix-socket unix)
  env.define('unix', new ProtoValue('unix'));
  env.define('unix-socket', new ProtoValue('unix'));

  // ---------------------------------------------------------------- operations
  for (const op of vocab.operations) env.define(op.name, new OperationValue(op, op.name));
  // sbpl1.scm binds its aliases after the native operations, so an alias wins over a table name
  // (Sonoma's table has `sysctl-write`, yet `(define sysctl-write sysctl*)` makes it mean sysctl*).
  for (const alias of Object.keys(vocab.data.operationAliases)) {
    const r = vocab.resolveOperation(alias);
    env.define(alias, new OperationValue(r?.kind === 'operation' ? r.op : null, alias));
  }

  // ---------------------------------------------------------------- filters
  for (const f of vocab.filters) {
    for (const s of f.spellings) {
      if (env.vars.get(s.name) instanceof Primitive) continue;
      env.define(s.name, new Primitive<SbplState>(s.name, (args, ctx) => makeFilter(f, s, args, ctx), 0));
    }
  }
  // `path-literal` is an alias of `path` (sbpl1.scm: support for old unix-socket syntax)
  if (!env.vars.get('path-literal') && env.vars.get('path')) env.define('path-literal', env.vars.get('path')!);

  const makeFilter = (f: FilterInfo, s: FilterSpelling, args: Value[], ctx: PrimitiveContext): FilterValue => {
    const span = toSpan(ctx.src);
    const test = (arg: FilterArgument): FilterTest => ({ type: 'test', filter: f.name, arg, spelled: s.name, span });
    if (f.argKind === 'network') return new FilterValue(networkFilter(f, s.name, args, span));
    if (args.length === 0) {
      if (f.name === 'extension') return new FilterValue(test({ kind: 'literal', value: DEFAULT_EXTENSION_CLASS }));
      if (f.argKind === 'none') return new FilterValue(test({ kind: 'boolean', value: true }));
      throw err(`${s.name}: expected at least one argument`, 'sbpl/filter-argument');
    }
    const tests = args.map((a, i) => test(filterArgument(f, s, a, i + 1)));
    return new FilterValue(tests.length === 1 ? tests[0] : { type: 'any', items: tests, span });
  };

  const filterArgument = (f: FilterInfo, s: FilterSpelling, a: Value, pos: number): FilterArgument => {
    const who = s.name;
    switch (f.argKind) {
      case 'path':
      case 'string': {
        if (typeof a !== 'string') {
          throw err(
            `${who}: argument ${pos} must be a string, got ${describeArg(a)}`,
            'sbpl/filter-argument',
            a === false ? 'an undefined (param "...") evaluates to #f: pass it with -D KEY=VALUE' : undefined,
          );
        }
        if (utf8Length(a) > MAX_LITERAL_BYTES) {
          throw err(`data object length ${utf8Length(a)} exceeds maximum (${MAX_LITERAL_BYTES})`, 'sbpl/literal-too-long');
        }
        return stringMatch(s.match, a);
      }
      case 'integer': {
        if (typeof a === 'number') {
          if (!Number.isInteger(a)) throw err(`${who}: argument ${pos} must be an integer, got ${a}`, 'sbpl/filter-argument');
          return { kind: 'integer', value: a };
        }
        const name = a instanceof Sym ? a.name : typeof a === 'string' ? a : undefined;
        if (name !== undefined && f.values && name in f.values) return { kind: 'integer', value: f.values[name], symbol: name };
        if (typeof a === 'string' && s.match !== 'value') return stringMatch(s.match, a);
        throw err(`${who}: argument ${pos} must be an integer${f.values ? ' or one of ' + listNames(f.values) : ''}, got ${describeArg(a)}`, 'sbpl/filter-argument');
      }
      case 'mode': {
        if (typeof a !== 'number' || !Number.isInteger(a) || a < 0) throw err(`${who}: argument ${pos} must be a file mode number such as #o0004, got ${describeArg(a)}`, 'sbpl/filter-argument');
        return { kind: 'mode-bits', value: a };
      }
      case 'symbol': {
        const name = a instanceof Sym ? a.name : typeof a === 'string' ? a : undefined;
        if (name === undefined) throw err(`${who}: argument ${pos} must be a name${f.values ? ' (one of ' + listNames(f.values) + ')' : ''}, got ${describeArg(a)}`, 'sbpl/filter-argument');
        if (f.values && !(name in f.values)) {
          const guess = didYouMean(name, Object.keys(f.values));
          throw err(`${who}: unknown value '${name}' (expected one of ${listNames(f.values)})`, 'sbpl/filter-argument', guess ? `did you mean '${guess}'?` : undefined);
        }
        return { kind: 'symbol', name };
      }
      case 'boolean': {
        if (typeof a !== 'boolean') throw err(`${who}: argument ${pos} must be #t or #f, got ${describeArg(a)}`, 'sbpl/filter-argument');
        return { kind: 'boolean', value: a };
      }
      case 'none':
        throw err(`${who}: takes no arguments`, 'sbpl/filter-argument');
      case 'entitlement': {
        if (typeof a !== 'string') throw err(`${who}: argument ${pos} must be an entitlement name string, got ${describeArg(a)}`, 'sbpl/filter-argument');
        return { kind: 'entitlement', key: a, value: { kind: 'present' } };
      }
      case 'network':
        throw err(`${who}: unexpected network filter argument`, 'sbpl/filter-argument');
    }
  };

  const networkFilter = (f: FilterInfo, who: string, args: Value[], span: SourceSpan | undefined): FilterExpr => {
    if (args.length === 0 || !(args[0] instanceof ProtoValue)) {
      throw err(
        `${who}: expected a protocol (ip, ip4, ip6, tcp, tcp4, tcp6, udp, udp4, udp6, unix-socket) first, got ${args.length ? describeArg(args[0]) : 'nothing'}`,
        'sbpl/network-filter',
      );
    }
    const proto = args[0].proto;
    const rest = args.slice(1);
    if (proto === 'unix') {
      // legacy (remote unix-socket (path-literal "/p")): the path filter itself (sbpl1.scm)
      const filters = rest.map((r, i) => {
        if (!(r instanceof FilterValue)) throw err(`${who} unix-socket: argument ${i + 2} must be a path filter, got ${describeArg(r)}`, 'sbpl/network-filter');
        return r.expr;
      });
      if (filters.length === 0) {
        return { type: 'test', filter: 'socket-domain', arg: { kind: 'integer', value: 1, symbol: 'AF_UNIX' }, spelled: `${who} unix-socket`, span };
      }
      return filters.length === 1 ? filters[0] : { type: 'any', items: filters, span };
    }
    const addrs = rest.length ? rest : ['*:*'];
    const tests: FilterTest[] = addrs.map((a, i) => {
      if (typeof a !== 'string') throw err(`${who}: argument ${i + 2} must be an address string "host:port", got ${describeArg(a)}`, 'sbpl/network-filter');
      let addr;
      try {
        addr = parseNetworkAddress(a);
      } catch (e) {
        if (!(e instanceof NetworkAddressError)) throw e;
        throw err(e.message, 'sbpl/network-address', 'host must be * or localhost and port * or one number, e.g. "localhost:8080" or "*:443"');
      }
      return { type: 'test', filter: f.name, arg: { kind: 'network', proto, host: addr.host, port: addr.port }, spelled: who, span };
    });
    return tests.length === 1 ? tests[0] : { type: 'any', items: tests, span };
  };

  // ---------------------------------------------------------------- metafilters
  const filterArgs = (who: string, args: Value[]): FilterExpr[] =>
    args.map((a, i) => {
      if (!(a instanceof FilterValue)) throw err(`${who}: argument ${i + 1} is not a filter: ${describeArg(a)}`, 'sbpl/metafilter-argument');
      return a.expr;
    });
  prim('require-any', (args, ctx) => new FilterValue({ type: 'any', items: filterArgs('require-any', args), span: toSpan(ctx.src) }));
  prim('require-all', (args, ctx) => new FilterValue({ type: 'all', items: filterArgs('require-all', args), span: toSpan(ctx.src) }));
  prim('require-not', (args, ctx) => new FilterValue({ type: 'not', item: filterArgs('require-not', args)[0], span: toSpan(ctx.src) }), 1, 1);

  // ---------------------------------------------------------------- entitlements (sbpl1.scm)
  prim('entitlement-value', (args) => {
    const a = args[0];
    if (typeof a === 'string') return new EntitlementValueFilter({ kind: 'string', match: { kind: 'literal', value: a } });
    if (typeof a === 'boolean') return new EntitlementValueFilter({ kind: 'boolean', value: a });
    throw err('entitlement-value argument must be string or boolean', 'sbpl/entitlement');
  }, 1, 1);
  prim('entitlement-value-regex', (args) => {
    const a = args[0];
    if (typeof a !== 'string') throw err('entitlement-value-regex argument must be string', 'sbpl/entitlement');
    return new EntitlementValueFilter({ kind: 'string', match: { kind: 'regex', source: a } });
  }, 1, 1);
  prim('require-entitlement', (args, ctx) => {
    const key = expectString(args[0], 'require-entitlement');
    if (args.length > 2) throw err('too many arguments to require-entitlement', 'sbpl/entitlement');
    const v = args[1];
    let value: import('./profile.js').EntitlementValueMatch = { kind: 'bool-true' };
    if (v !== undefined) {
      if (!(v instanceof EntitlementValueFilter)) throw err(`require-entitlement: second argument must be (entitlement-value ...), got ${describeArg(v)}`, 'sbpl/entitlement');
      value = v.match;
    }
    return new FilterValue({ type: 'test', filter: 'entitlement', arg: { kind: 'entitlement', key, value }, spelled: 'require-entitlement', span: toSpan(ctx.src) });
  }, 1, 2);

  // ---------------------------------------------------------------- helpers from sbpl1.scm
  prim('path-ancestors', (args, ctx) => {
    const lits: FilterExpr[] = [];
    const span = toSpan(ctx.src);
    for (const a of args) {
      const p = expectString(a, 'path-ancestors');
      if (!(p.startsWith('/') || p.startsWith('${'))) throw err('path must start with a /', 'sbpl/path-ancestors');
      // every ancestor directory, not the path itself: "/a/b/c" -> "/", "/a", "/a/b"
      const slashPositions: number[] = [];
      const withSlash = p.endsWith('/') ? p : p + '/';
      for (let i = 0; i < withSlash.length; i++) if (withSlash[i] === '/') slashPositions.push(i);
      const dirs = slashPositions.map((pos) => (pos === 0 ? '/' : withSlash.slice(0, pos)));
      dirs.pop();
      for (const d of dirs) lits.push({ type: 'test', filter: 'path', arg: { kind: 'literal', value: d }, spelled: 'literal', span });
    }
    return new FilterValue({ type: 'any', items: lits, span });
  });
  // (_IO "h" 47) = 47 + 256 * char-code("h") (sbpl1.scm)
  prim('_IO', (args) => {
    const g = expectString(args[0], '_IO');
    if (g.length === 0) throw err('_IO: group must be a one-character string', 'sbpl/filter-argument');
    const n = args[1];
    if (typeof n !== 'number') throw err(`_IO: second argument must be a number, got ${describeArg(n)}`, 'sbpl/filter-argument');
    return n + 256 * g.charCodeAt(0);
  }, 2, 2);
  prim('regex-quote', (args) => expectString(args[0], 'regex-quote').replace(/[\\^$.|?*+()[\]{}]/g, '\\$&'), 1, 1);
  // libsandbox native used by application.sb: (split-string "a:b" ":") -> ("a" "b")
  prim('split-string', (args) => {
    const s = expectString(args[0], 'split-string', 1);
    const sep = expectString(args[1], 'split-string', 2);
    return arrayToList(sep === '' ? [s] : s.split(sep));
  }, 2, 2);
  prim('disable-callouts', () => UNSPECIFIED, 0, 0);
  prim('disable-full-symbolication', () => UNSPECIFIED, 0, 0);
  prim('eliminate-duplicate-rules', () => UNSPECIFIED, 0, 0);
  prim('record', () => UNSPECIFIED, 1, 1);
  // sbpl1.scm helpers written in terms of filters
  const call = (name: string, args: Value[], ctx: PrimitiveContext): Value => {
    const f = env.lookup(name);
    if (f === undefined) throw err(`unbound variable '${name}'`, 'scheme/unbound-variable');
    return ctx.interp.call(f, args, ctx);
  };
  prim('tty', (_a, ctx) => call('vnode-type', [Sym.of('TTY')], ctx), 0, 0);
  prim('debug-mode', (_a, ctx) => call('system-attribute', [Sym.of('sandbox-debug-mode')], ctx), 0, 0);
  prim('process-is-plugin', (_a, ctx) => call('process-attribute', [Sym.of('is-plugin')], ctx), 0, 0);
  prim('process-is-installer', (_a, ctx) => call('process-attribute', [Sym.of('is-installer')], ctx), 0, 0);
  prim('datavault-file-filter', (_a, ctx) => call('file-attribute', [Sym.of('datavault')], ctx), 0, 0);
  prim('rootless-file-filter', (_a, ctx) => call('file-attribute', [Sym.of('sip-protected')], ctx), 0, 0);

  // ---------------------------------------------------------------- modifiers: (with NAME ARGS...)
  env.define(
    'with',
    new NativeSyntax<SbplState>('with', (form, it) => {
      const nameX = form.cdr instanceof Pair ? form.cdr.car : undefined;
      const nameSrc = form.cdr instanceof Pair ? form.cdr.carSrc ?? form.src : form.src;
      if (!(nameX instanceof Sym)) throw new SchemeError('with: expected a modifier name, e.g. (with report)', 'sbpl/modifier', form.src);
      const argCodes: Array<(e: Env) => Value> = [];
      let p = (form.cdr as Pair).cdr;
      while (p instanceof Pair) {
        argCodes.push(it.analyze(p.car, p.carSrc ?? form.src, false));
        p = p.cdr;
      }
      const name = nameX.name;
      return (e) => {
        const args = argCodes.map((c) => c(e));
        try {
          return makeModifier(name, args, form.src, stateOf(it));
        } catch (ex) {
          if (ex instanceof SchemeError && !ex.src) ex.src = nameSrc;
          throw ex;
        }
      };
    }),
  );

  const makeModifier = (spelled: string, args: Value[], src: Src | undefined, state: SbplState): ModifierValue => {
    let name = spelled;
    let modArgs = args;
    // (with termination) = (with send-signal SIGKILL), 10.15+ (research/semantics.md §1.4)
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
      throw err(`unknown modifier '${spelled}' in ${vocab.id}`, 'sbpl/unknown-modifier', guess ? `did you mean '${guess}'?` : `known modifiers: ${names.join(', ')}`);
    }
    if (info.deprecated) {
      if (modArgs.length) throw err('unexpected argument', 'sbpl/modifier');
      return new ModifierValue(null, spelled);
    }
    const margs: Array<string | number> = [];
    switch (info.arg) {
      case 'none':
        if (modArgs.length) throw err(`${spelled} modifier takes no argument`, 'sbpl/modifier');
        break;
      case 'signal':
      case 'integer': {
        if (modArgs.length !== 1 || typeof modArgs[0] !== 'number' || !Number.isInteger(modArgs[0])) {
          throw err(`${spelled} modifier expects one ${info.arg === 'signal' ? 'signal number (e.g. SIGKILL)' : 'integer'}, got ${modArgs.map(describeArg).join(' ') || 'nothing'}`, 'sbpl/modifier');
        }
        const n = modArgs[0] as number;
        if (info.arg === 'signal' && (n < 1 || n > 31)) throw err(`invalid signal number ${n} (expected 1..31)`, 'sbpl/modifier');
        margs.push(n);
        break;
      }
      case 'string':
        if (modArgs.length !== 1 || typeof modArgs[0] !== 'string') throw err(`${spelled} modifier expects one string, got ${modArgs.map(describeArg).join(' ') || 'nothing'}`, 'sbpl/modifier');
        margs.push(modArgs[0] as string);
        break;
      case 'errno': {
        const a = modArgs[0];
        const v = a instanceof Sym ? a.name : a;
        if (modArgs.length !== 1 || (typeof v !== 'string' && typeof v !== 'number')) throw err(`${spelled} modifier expects one errno name or number`, 'sbpl/modifier');
        margs.push(v);
        break;
      }
    }
    return new ModifierValue({ name: info.name, args: margs, spelled, span: toSpan(src) }, spelled);
  };

  // ---------------------------------------------------------------- rules
  const flattenRuleArgs = (who: string, args: Value[], out: Value[]): void => {
    for (const a of args) {
      if (a instanceof Pair || a === NIL) {
        const items = listToArray(a);
        if (!items) throw err(`${who}: improper list among the rule's arguments`, 'sbpl/rule-argument');
        flattenRuleArgs(who, items, out);
      } else out.push(a);
    }
  };

  const emitRule = (action: Action, rawArgs: Value[], ctx: PrimitiveContext): Value => {
    const state = stateOf(ctx.interp);
    const args: Value[] = [];
    flattenRuleArgs(action, rawArgs, args);
    const ops: OperationInfo[] = [];
    const written: string[] = [];
    let sawNoop = false;
    const filters: FilterExpr[] = [];
    const modifiers: Modifier[] = [];
    let messageFilter: Rule['messageFilter'];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a instanceof OperationValue) {
        if (a.info) {
          ops.push(a.info);
          written.push(a.spelled);
        } else sawNoop = true;
      } else if (a instanceof FilterValue) filters.push(a.expr);
      else if (a instanceof ModifierValue) {
        if (a.modifier) modifiers.push(a.modifier);
      } else if (a instanceof MessageFilterValue) {
        messageFilter = { modifiers: a.modifiers, rules: a.rules };
      } else {
        throw err(
          `${action}: argument ${i + 1} is not an operation, filter or modifier: ${describeArg(a)}`,
          'sbpl/rule-argument',
          a === false || a === UNSPECIFIED ? 'a helper or (param ...) returned no value here' : undefined,
        );
      }
    }
    for (const extra of state.contextOperations) for (const op of extra) {
      ops.push(op);
      written.push(op.name);
    }
    if (ops.length === 0) {
      if (sawNoop) return UNSPECIFIED; // rules naming only no-op operations are discarded
      throw err('at least one operation required', 'sbpl/no-operation');
    }
    const allModifiers = [...state.contextModifiers, ...modifiers];
    // modifier checks (sbpl1.scm %action): legal for the action, once per rule
    const seen = new Set<string>();
    for (const m of allModifiers) {
      const info = vocab.modifier(m.name);
      if (info && !info.actions.includes(action)) {
        throw err(`${m.spelled} modifier does not apply to ${action} action`, 'sbpl/modifier-action', `use it with (${info.actions.join(') or (')} ...)`);
      }
      if (seen.has(m.name)) throw err(`${m.spelled} modifier can only appear once per rule`, 'sbpl/modifier-repeated');
      seen.add(m.name);
    }
    let filter: FilterExpr | null = filters.length === 0 ? null : filters.length === 1 ? filters[0] : { type: 'any', items: filters, span: toSpan(ctx.src) };
    if (state.contextFilters.length) {
      const extra = state.contextFilters.length === 1 ? state.contextFilters[0] : ({ type: 'all', items: [...state.contextFilters] } as FilterExpr);
      filter = filter ? { type: 'all', items: [filter, extra] } : extra;
    }
    // filter applicability (sbpl1.scm check-filter: "X filter does not apply to Y operation"); since 10.11
    // the compiler takes such rules, so the vocabulary says whether this is an error or a warning
    if (filter) {
      for (const t of filterTests(filter)) {
        const finfo = vocab.filter(t.filter);
        if (!finfo) continue;
        for (const op of ops) {
          const c = vocab.checkFilter(op, finfo);
          if (!c) continue;
          const msg = `${t.spelled} filter does not apply to ${op.name} operation`;
          if (c.severity === 'warning' || vocab.lenient) {
            state.warnings.push({
              severity: 'warning',
              code: 'sbpl/filter-not-applicable',
              message: `${msg}: it can never match there`,
              span: t.span ?? toSpan(ctx.src),
              hint: `the rule still applies to its other filters; ${op.name} requests never carry a ${finfo.name} datum`,
            });
          } else throw new SchemeError(msg, 'sbpl/filter-not-applicable', undefined);
        }
      }
    }
    for (const m of allModifiers) {
      for (const op of ops) {
        const c = vocab.checkModifier(action, op, m.name);
        if (!c) continue;
        if (c.severity === 'warning' || vocab.lenient) state.warnings.push({ severity: 'warning', code: 'sbpl/modifier-not-applicable', message: c.message, span: m.span ?? toSpan(ctx.src) });
        else throw new SchemeError(c.message, 'sbpl/modifier-not-applicable', undefined);
      }
    }
    const dedup: string[] = [];
    const dedupWritten: string[] = [];
    ops.forEach((op, i) => {
      if (dedup.includes(op.name)) return;
      dedup.push(op.name);
      dedupWritten.push(written[i]);
    });
    const callChain = ctx.interp.callStack.filter((s): s is Src => !!s && s !== ctx.src).slice(-8).map((s) => toSpan(s)!);
    const rule: Rule = {
      id: state.sink === state.rules ? state.rules.length : state.sink.length,
      action,
      operations: dedup,
      filter,
      modifiers: allModifiers,
      span: toSpan(ctx.src),
      importChain: importChainOf(state),
      origin: state.origin,
    };
    if (callChain.length) rule.callChain = callChain;
    if (dedupWritten.some((w, i) => w !== dedup[i])) rule.operationsWritten = dedupWritten;
    if (messageFilter) rule.messageFilter = messageFilter;
    if (state.rules.length >= ctx.interp.limits.maxRules) throw err(`more than ${ctx.interp.limits.maxRules} rules`, 'limit/rules');
    state.sink.push(rule);
    return UNSPECIFIED;
  };
  prim('allow', (args, ctx) => emitRule('allow', args, ctx));
  prim('deny', (args, ctx) => emitRule('deny', args, ctx));

  // (apply-message-filter MODIFIERS... RULES...): rules evaluated into a nested list (version 2)
  env.define(
    'apply-message-filter',
    new NativeSyntax<SbplState>('apply-message-filter', (form, it) => {
      const codes: Array<{ code: (e: Env) => Value; src?: Src }> = [];
      let p = form.cdr;
      while (p instanceof Pair) {
        codes.push({ code: it.analyze(p.car, p.carSrc ?? form.src, false), src: p.carSrc });
        p = p.cdr;
      }
      return (e) => {
        const state = stateOf(it);
        const saved = state.sink;
        const nested: Rule[] = [];
        state.sink = nested;
        const mods: Modifier[] = [];
        try {
          for (const c of codes) {
            const v = c.code(e);
            if (v instanceof ModifierValue && v.modifier) mods.push(v.modifier);
          }
        } finally {
          state.sink = saved;
        }
        return new MessageFilterValue(mods, nested);
      };
    }),
  );

  // ---------------------------------------------------------------- with-filter / with-modifier / with-operations
  const contextSyntax = (name: string, kind: 'filter' | 'modifier' | 'operations') =>
    new NativeSyntax<SbplState>(name, (form, it) => {
      const parts: Array<{ x: Value; src?: Src }> = [];
      let p = form.cdr;
      while (p instanceof Pair) {
        parts.push({ x: p.car, src: p.carSrc ?? form.src });
        p = p.cdr;
      }
      if (parts.length < 1) throw new SchemeError(`${name}: expected (${name} ${kind} rules...)`, 'sbpl/syntax', form.src);
      const head = it.analyze(parts[0].x, parts[0].src, false);
      const body = parts.slice(1).map((q) => ({ code: it.analyze(q.x, q.src, false), src: q.src }));
      return (e) => {
        const state = stateOf(it);
        const v = head(e);
        let pop: () => void;
        if (kind === 'filter') {
          if (!(v instanceof FilterValue)) throw new SchemeError(`${name}: first argument must be a filter, got ${describeArg(v)}`, 'sbpl/syntax', parts[0].src);
          state.contextFilters.push(v.expr);
          pop = () => state.contextFilters.pop();
        } else if (kind === 'modifier') {
          if (!(v instanceof ModifierValue)) throw new SchemeError(`${name}: first argument must be a modifier (with ...), got ${describeArg(v)}`, 'sbpl/syntax', parts[0].src);
          const mods = v.modifier ? [v.modifier] : [];
          state.contextModifiers.push(...mods);
          pop = () => state.contextModifiers.splice(state.contextModifiers.length - mods.length, mods.length);
        } else {
          const items = v instanceof OperationValue ? [v] : listToArray(v);
          if (!items || !items.every((o) => o instanceof OperationValue)) {
            throw new SchemeError(`${name}: first argument must be an operation or a list of operations, got ${describeArg(v)}`, 'sbpl/syntax', parts[0].src);
          }
          state.contextOperations.push(items.map((o) => (o as OperationValue).info).filter((o): o is OperationInfo => !!o));
          pop = () => state.contextOperations.pop();
        }
        try {
          let r: Value = UNSPECIFIED;
          for (const b of body) r = it.run(b.code, e, b.src);
          return r;
        } finally {
          pop();
        }
      };
    });
  env.define('with-filter', contextSyntax('with-filter', 'filter'));
  env.define('with-modifier', contextSyntax('with-modifier', 'modifier'));
  env.define('with-operations', contextSyntax('with-operations', 'operations'));

  // ---------------------------------------------------------------- directives
  env.define(
    'debug',
    new NativeSyntax<SbplState>('debug', (form, it) => {
      // (macro (debug args)) since 10.11: an empty macro, so (debug deny) logs nothing.
      const span = toSpan(form.src);
      return () => {
        if (span) stateOf(it).debugForms.push(span);
        return UNSPECIFIED;
      };
    }),
  );

  prim('version', (args, ctx) => {
    const state = stateOf(ctx.interp);
    const v = args[0];
    if (typeof v !== 'number' || !Number.isInteger(v)) throw err(`version: expected an integer, got ${describeArg(v)}`, 'sbpl/version');
    const supported = vocab.id.startsWith('catalina') ? [1] : [1, 2];
    if (!supported.includes(v)) throw err(`unsupported version ${v}`, 'sbpl/version', `${vocab.id} accepts (version ${supported.join(') or (version ')})`);
    if (state.version !== null && state.version !== v) throw err('only one version may be specified', 'sbpl/version');
    if (state.version === null) {
      state.version = v;
      state.versionSrc = ctx.src;
    }
    return UNSPECIFIED;
  }, 1, 1);

  const paramFn: PrimitiveFn = (args, ctx) => {
    const state = stateOf(ctx.interp);
    const key = args[0];
    if (typeof key !== 'string') throw err(`param: expected a string key, got ${describeArg(key)}`, 'sbpl/param');
    const value = Object.prototype.hasOwnProperty.call(state.params, key) ? state.params[key] : (state.paramFallback?.(key) ?? null);
    if (!state.paramUses.has(key)) state.paramUses.set(key, { name: key, value, span: toSpan(ctx.src) });
    return value === null ? false : value;
  };
  prim('param', paramFn, 1, 1);
  prim('getenv', paramFn, 1, 1);

  prim('import', (args, ctx) => {
    const name = expectString(args[0], 'import');
    stateOf(ctx.interp).load(name, ctx.src, ctx);
    return UNSPECIFIED;
  }, 1, 1);
  prim('%cpp-include', (args, ctx) => {
    stateOf(ctx.interp).include(expectString(args[0], '#include'), ctx.src, ctx);
    return UNSPECIFIED;
  }, 1, 1);

  prim('trace', (args, ctx) => {
    const state = stateOf(ctx.interp);
    if (typeof args[0] !== 'string') throw err('argument to trace must be a string', 'sbpl/trace');
    if (state.trace !== undefined) throw err('only one trace path may be specified', 'sbpl/trace');
    state.trace = args[0];
    return UNSPECIFIED;
  }, 1, 1);

  // (define-storage-class "name" filter): platform-profile only since 10.14 (policy.scm); we keep the rule and warn.
  prim('define-storage-class', (args, ctx) => {
    const state = stateOf(ctx.interp);
    const name = expectString(args[0], 'define-storage-class');
    if (state.storageClasses.has(name)) throw err(`storage class "${name}" multiply defined`, 'sbpl/storage-class');
    state.storageClasses.add(name);
    const f = args[1];
    if (!(f instanceof FilterValue)) throw err(`define-storage-class: second argument must be a filter, got ${describeArg(f)}`, 'sbpl/storage-class');
    const scm = vocab.operation('storage-class-map');
    if (!scm) throw err('storage-class-map is not an operation in this OS vocabulary', 'sbpl/storage-class');
    const mod = makeModifier('assign-storage-class', [name], ctx.src, state);
    return emitRule('allow', [mod, new OperationValue(scm, 'storage-class-map'), f], ctx);
  }, 2, 2);

  // %finalize hook chain (sbpl1.scm: called after the profile is evaluated)
  prim('%finalize', () => UNSPECIFIED, 0, 0);
}

/** Spans of the import forms leading to the file being evaluated (computed once per import level). */
function importChainOf(state: SbplState): SourceSpan[] {
  const top = state.importStack[state.importStack.length - 1];
  if (!top) return [];
  return (top.chain ??= state.importStack.filter((i) => i.src).map((i) => toSpan(i.src)!));
}

function stringMatch(match: FilterSpelling['match'], value: string): StringMatch {
  switch (match) {
    case 'prefix':
      return { kind: 'prefix', value };
    case 'subpath':
      return { kind: 'subpath', value };
    case 'regex':
      return { kind: 'regex', source: value };
    default:
      return { kind: 'literal', value };
  }
}

function listNames(values: Record<string, number>): string {
  const names = Object.keys(values);
  return names.length > 12 ? names.slice(0, 12).join(', ') + ', ...' : names.join(', ');
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export { writeValue };
