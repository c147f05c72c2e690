// Scheme values of the SBPL layer: operations, filters, modifiers, protocols — first-class, as in
// libsandbox, where operation names are variables and filters are procedures returning filter objects.

import type { OperationInfo } from '../vocab/types.js';
import type { EntitlementValueMatch, FilterExpr, Modifier, NetProto, Rule } from './profile.js';
import type { OpaqueValue } from '../scheme/values.js';
import { filterToSbpl } from './print.js';

export class OperationValue implements OpaqueValue {
  readonly opaqueKind = 'operation';
  constructor(
    /** null = an accepted no-op operation (the rule naming it is dropped). */
    readonly info: OperationInfo | null,
    readonly spelled: string,
  ) {}
  describe(): string {
    return `#<operation ${this.info?.name ?? this.spelled + ' (no-op)'}>`;
  }
}

export class FilterValue implements OpaqueValue {
  readonly opaqueKind = 'filter';
  constructor(
    readonly expr: FilterExpr,
    /** require-any / require-all / require-not levels in `expr` (bounded by Limits.maxFilterDepth). */
    readonly depth: number = expr.type === 'test' ? 0 : 1,
  ) {}
  describe(): string {
    return `#<filter ${describeFilter(this.expr)}>`;
  }
}

export class ModifierValue implements OpaqueValue {
  readonly opaqueKind = 'modifier';
  constructor(
    /** null for deprecated modifiers that are accepted and dropped. */
    readonly modifier: Modifier | null,
    readonly spelled: string,
  ) {}
  describe(): string {
    return `#<modifier ${this.spelled}>`;
  }
}

export class ProtoValue implements OpaqueValue {
  readonly opaqueKind = 'network-protocol';
  constructor(readonly proto: NetProto) {}
  describe(): string {
    return this.proto;
  }
}

/** `(entitlement-value ...)`: only meaningful as the second argument of require-entitlement. */
export class EntitlementValueFilter implements OpaqueValue {
  readonly opaqueKind = 'entitlement-value';
  constructor(readonly match: EntitlementValueMatch) {}
  describe(): string {
    return `#<entitlement-value ${JSON.stringify(this.match)}>`;
  }
}

/** `(apply-message-filter ...)`: nested rules for the message-filter operations (version 2 profiles). */
export class MessageFilterValue implements OpaqueValue {
  readonly opaqueKind = 'message-filter';
  constructor(
    readonly modifiers: Modifier[],
    readonly rules: Rule[],
  ) {}
  describe(): string {
    return `#<message-filter ${this.rules.length} rule(s)>`;
  }
}

export function describeFilter(e: FilterExpr, budget = 120): string {
  return filterToSbpl(e, undefined, budget);
}
