// A filter's arguments, checked against the vocabulary's argument kind: strings become literal / prefix /
// subpath / regex matches by spelling, names become constants, `(remote tcp "host:port")` a network test.

import type { SourceSpan } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { describeArg } from '../scheme/builtins.js';
import { Sym, type Value } from '../scheme/values.js';
import type { FilterInfo, FilterSpelling } from '../vocab/types.js';
import { sbplError } from './host.js';
import { NetworkAddressError, parseNetworkAddress } from './network-address.js';
import { entitlementValueOf, type FilterArgument, type FilterExpr, type FilterTest, type StringMatch } from './profile.js';
import { FilterValue, ProtoValue } from './values.js';

/** Apple's literal length limit: "data object length N exceeds maximum (65535)" (anchors.md §3 G). */
export const MAX_LITERAL_BYTES = 65535;

/** Argument `pos` (1-based) of a call to filter spelling `s`. */
export function filterArgument(f: FilterInfo, s: FilterSpelling, a: Value, pos: number): FilterArgument {
  const who = s.name;
  switch (f.argKind) {
    case 'path':
    case 'string': {
      if (typeof a !== 'string') {
        throw sbplError(
          `${who}: argument ${pos} must be a string, got ${describeArg(a)}`,
          'sbpl/filter-argument',
          a === false ? 'an undefined (param "...") evaluates to #f: pass it with -D KEY=VALUE' : undefined,
        );
      }
      if (utf8Length(a) > MAX_LITERAL_BYTES) {
        throw sbplError(`data object length ${utf8Length(a)} exceeds maximum (${MAX_LITERAL_BYTES})`, 'sbpl/literal-too-long');
      }
      return stringMatch(s.match, a);
    }
    case 'integer': {
      if (typeof a === 'number') {
        if (!Number.isInteger(a)) throw sbplError(`${who}: argument ${pos} must be an integer, got ${a}`, 'sbpl/filter-argument');
        return { kind: 'integer', value: a };
      }
      const name = a instanceof Sym ? a.name : typeof a === 'string' ? a : undefined;
      if (name !== undefined && f.values && name in f.values) return { kind: 'integer', value: f.values[name], symbol: name };
      if (typeof a === 'string' && s.match !== 'value') return stringMatch(s.match, a);
      throw sbplError(`${who}: argument ${pos} must be an integer${f.values ? ' or one of ' + listNames(f.values) : ''}, got ${describeArg(a)}`, 'sbpl/filter-argument');
    }
    case 'mode': {
      if (typeof a !== 'number' || !Number.isInteger(a) || a < 0) throw sbplError(`${who}: argument ${pos} must be a file mode number such as #o0004, got ${describeArg(a)}`, 'sbpl/filter-argument');
      return { kind: 'mode-bits', value: a };
    }
    case 'symbol': {
      const name = a instanceof Sym ? a.name : typeof a === 'string' ? a : undefined;
      if (name === undefined) throw sbplError(`${who}: argument ${pos} must be a name${f.values ? ' (one of ' + listNames(f.values) + ')' : ''}, got ${describeArg(a)}`, 'sbpl/filter-argument');
      if (f.values && !(name in f.values)) {
        const guess = didYouMean(name, Object.keys(f.values));
        throw sbplError(`${who}: unknown value '${name}' (expected one of ${listNames(f.values)})`, 'sbpl/filter-argument', guess ? `did you mean '${guess}'?` : undefined);
      }
      return { kind: 'symbol', name };
    }
    case 'boolean': {
      if (typeof a !== 'boolean') throw sbplError(`${who}: argument ${pos} must be #t or #f, got ${describeArg(a)}`, 'sbpl/filter-argument');
      return { kind: 'boolean', value: a };
    }
    case 'none':
      throw sbplError(`${who}: takes no arguments`, 'sbpl/filter-argument');
    case 'entitlement': {
      if (typeof a !== 'string') throw sbplError(`${who}: argument ${pos} must be an entitlement name string, got ${describeArg(a)}`, 'sbpl/filter-argument');
      return { kind: 'entitlement', key: a, value: entitlementValueOf(f.name) };
    }
    case 'network':
      throw sbplError(`${who}: unexpected network filter argument`, 'sbpl/filter-argument');
  }
}

/** `(remote|local PROTO "host:port" ...)`; the legacy `(remote unix-socket (path-literal ...))` is its path filter. */
export function networkFilter(f: FilterInfo, who: string, args: Value[], span: SourceSpan | undefined): FilterExpr {
  if (args.length === 0 || !(args[0] instanceof ProtoValue)) {
    throw sbplError(
      `${who}: expected a protocol (ip, ip4, ip6, tcp, tcp4, tcp6, udp, udp4, udp6, unix-socket) first, got ${args.length ? describeArg(args[0]) : 'nothing'}`,
      'sbpl/network-filter',
    );
  }
  const proto = args[0].proto;
  const rest = args.slice(1);
  if (proto === 'unix') {
    // legacy (remote unix-socket (path-literal "/p")): the path filter itself (sbpl1.scm)
    const filters = rest.map((r, i) => {
      if (!(r instanceof FilterValue)) throw sbplError(`${who} unix-socket: argument ${i + 2} must be a path filter, got ${describeArg(r)}`, 'sbpl/network-filter');
      return r.expr;
    });
    if (filters.length === 0) {
      return { type: 'test', filter: 'socket-domain', arg: { kind: 'integer', value: 1, symbol: 'AF_UNIX' }, spelled: `${who} unix-socket`, span };
    }
    return filters.length === 1 ? filters[0] : { type: 'any', items: filters, span };
  }
  const addrs = rest.length ? rest : ['*:*'];
  const tests: FilterTest[] = addrs.map((a, i) => {
    if (typeof a !== 'string') throw sbplError(`${who}: argument ${i + 2} must be an address string "host:port", got ${describeArg(a)}`, 'sbpl/network-filter');
    let addr;
    try {
      addr = parseNetworkAddress(a);
    } catch (e) {
      if (!(e instanceof NetworkAddressError)) throw e;
      throw sbplError(e.message, 'sbpl/network-address', 'host must be * or localhost and port * or one number, e.g. "localhost:8080" or "*:443"');
    }
    return { type: 'test', filter: f.name, arg: { kind: 'network', proto, host: addr.host, port: addr.port }, spelled: who, span };
  });
  return tests.length === 1 ? tests[0] : { type: 'any', items: tests, span };
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
