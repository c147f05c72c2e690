// The values a profile is built from: statements (version, rules, imports, comments), filters, modifiers and
// string expressions. Plain immutable data; print.ts turns them into SBPL text.

import type { FilterName, ModifierName, OperationName, TargetName, VnodeType } from './names.js';

/** A string-valued SBPL expression: a string, `(param "KEY")`, `(string-append ...)` or `(regex-quote ...)`. */
export type Str = string | Param | StringAppend | RegexQuote;

export interface Param {
  readonly kind: 'param';
  readonly key: string;
}
export interface StringAppend {
  readonly kind: 'string-append';
  readonly parts: readonly Str[];
}
export interface RegexQuote {
  readonly kind: 'regex-quote';
  readonly text: Str;
}

/** A symbol argument written bare: `DIRECTORY`, `self`, `AF_INET`, `SIGKILL`. */
export interface Symbol_ {
  readonly kind: 'symbol';
  readonly name: string;
}

/** What a filter procedure takes: strings (or expressions), numbers, booleans, symbols. */
export type FilterArg = Str | number | boolean | Symbol_;

export type Filter =
  | { readonly kind: 'filter'; readonly name: FilterName; readonly args: readonly FilterArg[] }
  | { readonly kind: 'require-all' | 'require-any'; readonly items: readonly Filter[] }
  | { readonly kind: 'require-not'; readonly item: Filter }
  /** `(require-entitlement "key" [(entitlement-value ...)])`. */
  | { readonly kind: 'entitlement'; readonly key: string; readonly value?: { readonly regex?: string; readonly equals?: string | boolean } }
  /** `(path-ancestors "/a/b")`: Apple's helper for a literal filter on every ancestor directory. */
  | { readonly kind: 'path-ancestors'; readonly path: Str };

/**
 * `(with NAME ARGS...)`. `A` is the actions it may be used with: `Modifier<'allow'>` only in allow rules,
 * `Modifier<'allow' | 'deny'>` in both (checked by the type system and, when built, by the vocabulary).
 */
export interface Modifier<A extends 'allow' | 'deny' = 'allow' | 'deny'> {
  readonly kind: 'modifier';
  readonly name: ModifierName;
  readonly args: readonly (string | number | Symbol_)[];
  /** Type-level only: which rule actions accept it. */
  readonly forActions?: (action: A) => void;
}

export type RulePart<A extends 'allow' | 'deny'> = OperationName | Filter | Modifier<A>;

export type Statement =
  | { readonly kind: 'version'; readonly version: number }
  /** Parts of any rule (a `Modifier<never>` is a modifier for some action: allow / deny typed them). */
  | { readonly kind: 'rule'; readonly action: 'allow' | 'deny'; readonly parts: readonly RulePart<never>[] }
  | { readonly kind: 'import'; readonly name: string }
  /** `; text` lines (a line break in the text starts another comment line). */
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'blank' };

// ------------------------------------------------------------------ statements

export const version = (n: number = 1): Statement => ({ kind: 'version', version: n });

/** `(allow OPERATIONS... FILTERS... MODIFIERS...)`: parts in the order written. */
export const allow = (...parts: RulePart<'allow'>[]): Statement => ({ kind: 'rule', action: 'allow', parts });
export const deny = (...parts: RulePart<'deny'>[]): Statement => ({ kind: 'rule', action: 'deny', parts });

/** `(import "name.sb")`. */
export const importProfile = (name: string): Statement => ({ kind: 'import', name });
export const comment = (text: string): Statement => ({ kind: 'comment', text });
export const blankLine = (): Statement => ({ kind: 'blank' });

// ------------------------------------------------------------------ string expressions

export const param = (key: string): Param => ({ kind: 'param', key });
export const stringAppend = (...parts: Str[]): StringAppend => ({ kind: 'string-append', parts });
export const regexQuote = (text: Str): RegexQuote => ({ kind: 'regex-quote', text });
export const symbol = (name: string): Symbol_ => ({ kind: 'symbol', name });

// ------------------------------------------------------------------ filters

/** Any filter by name; a string argument of a symbol or integer filter is written as the named constant. */
export const filter = (name: FilterName, ...args: FilterArg[]): Filter => ({ kind: 'filter', name, args });

export const literal = (path: Str): Filter => filter('literal', path);
export const path = (p: Str): Filter => filter('path', p);
export const subpath = (p: Str): Filter => filter('subpath', p);
export const prefix = (p: Str): Filter => filter('prefix', p);
/** `(regex #"...")`: the source as the regex engine sees it (printed as a raw string, no escaping needed). */
export const regex = (source: Str): Filter => filter('regex', source);
export const pathAncestors = (p: Str): Filter => ({ kind: 'path-ancestors', path: p });
export const globalName = (...names: Str[]): Filter => filter('global-name', ...names);
export const globalNamePrefix = (...names: Str[]): Filter => filter('global-name-prefix', ...names);
export const localName = (...names: Str[]): Filter => filter('local-name', ...names);
export const xpcServiceName = (...names: Str[]): Filter => filter('xpc-service-name', ...names);
export const sysctlName = (...names: Str[]): Filter => filter('sysctl-name', ...names);
export const sysctlNamePrefix = (...names: Str[]): Filter => filter('sysctl-name-prefix', ...names);
export const preferenceDomain = (...domains: Str[]): Filter => filter('preference-domain', ...domains);
export const iokitRegistryEntryClass = (...classes: Str[]): Filter => filter('iokit-registry-entry-class', ...classes);
export const vnodeType = (...types: VnodeType[]): Filter => filter('vnode-type', ...types.map(symbol));
export const target = (t: TargetName): Filter => filter('target', symbol(t));
export const extension = (cls?: string): Filter => filter('extension', ...(cls === undefined ? [] : [cls]));
export const socketDomain = (d: string | number): Filter => filter('socket-domain', typeof d === 'string' ? symbol(d) : d);

export type NetworkProtocol = 'ip' | 'ip4' | 'ip6' | 'tcp' | 'tcp4' | 'tcp6' | 'udp' | 'udp4' | 'udp6' | 'unix-socket';
/** `(remote tcp "localhost:8080")`; a unix socket takes no address (use a path filter with it). */
export const remote = (proto: NetworkProtocol, address?: string): Filter => filter('remote', symbol(proto), ...(address === undefined ? [] : [address]));
export const local = (proto: NetworkProtocol, address?: string): Filter => filter('local', symbol(proto), ...(address === undefined ? [] : [address]));

export const requireEntitlement = (key: string, value?: { regex?: string; equals?: string | boolean }): Filter => ({ kind: 'entitlement', key, value });
export const requireAll = (...items: Filter[]): Filter => ({ kind: 'require-all', items });
export const requireAny = (...items: Filter[]): Filter => ({ kind: 'require-any', items });
export const requireNot = (item: Filter): Filter => ({ kind: 'require-not', item });

// ------------------------------------------------------------------ modifiers

/** Any modifier by name (`A` says which actions take it; the vocabulary checks it when the profile is built). */
export const modifier = <A extends 'allow' | 'deny' = 'allow' | 'deny'>(name: ModifierName, ...args: (string | number | Symbol_)[]): Modifier<A> => ({ kind: 'modifier', name, args });

export const withReport = (): Modifier<'allow'> => modifier('report');
export const withNoReport = (): Modifier<'deny'> => modifier('no-report');
/** `(with no-log)`: the same as no-report. */
export const withNoLog = (): Modifier<'deny'> => modifier('no-log');
/** A signal by name (`SIGKILL`) or number. */
export const withSendSignal = (signal: string | number): Modifier => modifier('send-signal', typeof signal === 'string' ? symbol(signal) : signal);
/** `(with termination)`: SIGKILL the process (10.15+). */
export const withTermination = (): Modifier => modifier('termination');
export const withMessage = (text: string): Modifier => modifier('message', text);
export const withNoSandbox = (): Modifier<'allow'> => modifier('no-sandbox');
export const withGrant = (): Modifier<'allow'> => modifier('grant');
/** A denied call fails with this errno (`EPERM`, or a number) instead of the default. */
export const withErrno = (errno: string | number): Modifier<'deny'> => modifier('errno', typeof errno === 'string' ? symbol(errno) : errno);
export const withTelemetry = (): Modifier => modifier('telemetry');
export const withTelemetryBacktrace = (): Modifier => modifier('telemetry-backtrace');
export const withUserApproval = (): Modifier => modifier('user-approval');
