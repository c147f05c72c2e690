// Per-OS-version vocabularies: operations (with their fallback tree), filters (with argument kinds and
// SBPL spellings), modifiers, aliases and symbolic constants. One data module per OS version.

/**
 * How sure we are of a fact, as docs/semantics.md grades sources: A Apple-authored text (sbpl1.scm, shipped
 * profiles), B tables extracted from Apple binaries (simbple, sandbox-boostrap, sandblaster), C runtime
 * measurements by third parties, D secondary summaries, H hypothesis that needs a probe, I inferred by us from
 * names, families and neighbouring versions. See src/vocab/README.md for how each table is graded.
 */
export type Evidence = 'A' | 'B' | 'C' | 'D' | 'H' | 'I';

/**
 * How one vocabulary fact is known (docs/vocab-evidence.md):
 * - `witnessed`: seen in this release's own output (libsandbox 14.4.1's compiled profiles) or runtime;
 * - `extracted`: a table extracted from this release's binaries (names, ids);
 * - `documented`: Apple-authored text (sbpl1.scm, policy.scm, shipped profiles), usually of an older release;
 * - `carried`: an older release's extracted table (Catalina's), assumed unchanged;
 * - `neighbour`: extracted tables of the adjacent releases (macOS 15.2, iOS 17) agree;
 * - `inferred`: from the name, the family and the neighbours in the table;
 * - `hypothesis`: a guess that needs a probe on a Mac.
 */
export type FactTier = 'witnessed' | 'extracted' | 'documented' | 'carried' | 'neighbour' | 'inferred' | 'hypothesis';

export interface FactSource {
  tier: FactTier;
  /** Keys of VOCAB_SOURCES (src/vocab/data/sources.ts), strongest first. */
  sources: string[];
  /** Prose: not in the runtime data, see FACT_NOTES (src/vocab/notes.ts, the `sbpl-kit/vocab/evidence` subpath). */
  note?: string;
}

/** Where each fact of an operation comes from. */
export interface OperationFacts {
  /** The fallback: parent, or fixed decision (a "terminal" operation). */
  fallback: FactSource;
  /** filterClasses (filter applicability). */
  filterClasses?: FactSource;
  /** The per-operation modifier list. */
  modifiers?: FactSource;
  /** Derived vocabularies (src/vocab/data/derive.ts): how the operation's op-table slot is known. */
  slot?: FactSource;
}

/** Where each fact of a filter comes from. */
export interface FilterFacts {
  /** argKind and SBPL spellings (the argument kind and how it may be matched). */
  argument: FactSource;
  /** classes (which operations it applies to). */
  classes: FactSource;
}

/** An operation of the vocabulary: id, name, where its rule list falls back, which filters and modifiers it takes. */
export interface OperationInfo {
  /** Index in libsandbox's `_operation_names` (also the compiled op-table slot). */
  id: number;
  name: string;
  /** Operation consulted when this one's rule list runs out; null for `default` and fixed-decision ops. */
  parent: string | null;
  /** Fixed decision for "terminal" operations: their list ends in this decision, not a jump. */
  fixed?: 'allow' | 'deny';
  /** Evidence grade for parent / fixed. */
  evidence: Evidence;
  /**
   * Filter classes the operation table lists for this operation itself (see FilterInfo.classes). Undefined = not
   * known for this OS: any filter is accepted without a diagnostic. Vocab.accepts also counts the classes of the
   * operations that fall back to this one, since a rule here is consulted for their requests.
   */
  filterClasses?: string[];
  /** Evidence grade for filterClasses (the table it was copied from, or 'I' when derived by family). */
  filterClassesEvidence?: Evidence;
  /**
   * Modifiers this operation accepts (canonical names, see ModifierInfo.name). Undefined = not known:
   * any modifier legal for the action is accepted.
   */
  modifiers?: string[];
  /** Operations outside the compiled op table (Sonoma's message-filter family, ids 190..195). */
  notInOpTable?: boolean;
  /** Tier and source of each fact above. */
  facts?: OperationFacts;
}

/** What kind of argument a filter takes. */
export type FilterArgKind =
  /** path-like string: literal / prefix / subpath / regex forms. */
  | 'path'
  /** plain string, exact unless a -prefix / -regex spelling is used. */
  | 'string'
  /** integer (numbers or named constants). */
  | 'integer'
  /** file-mode bits. */
  | 'mode'
  /** network address `(remote tcp "*:443")`. */
  | 'network'
  /** one of a closed set of symbols (target self, vnode-type SYMLINK ...). */
  | 'symbol'
  | 'boolean'
  /** entitlement key (+ value filter). */
  | 'entitlement'
  /** takes no argument (flags such as rootless-disk-filter). */
  | 'none';

export interface FilterSpelling {
  /** SBPL procedure name, e.g. `subpath`, `global-name-prefix`, `sysctl-name-regex`. */
  name: string;
  /** How the argument is compared. `value` = the filter's natural comparison (exact for strings, equality for integers). */
  match: 'literal' | 'prefix' | 'subpath' | 'regex' | 'value';
}

/** A filter of the vocabulary: id, name, argument kind, SBPL spellings, named values, applicability classes. */
export interface FilterInfo {
  /** Index in libsandbox's filter table (compiled node filter byte = id + 1). */
  id: number;
  name: string;
  argKind: FilterArgKind;
  spellings: FilterSpelling[];
  /** For 'symbol' and 'integer' filters: named values accepted as arguments (`SYMLINK`, `self`, `AF_INET` ...), name -> number. */
  values?: Record<string, number>;
  /** Classes used by OperationInfo.filterClasses to say which operations accept this filter. */
  classes: string[];
  evidence: Evidence;
  /** Tier and source of each fact above. */
  facts?: FilterFacts;
}

export interface ModifierInfo {
  name: string;
  /** Actions it may be used with. */
  actions: Array<'allow' | 'deny'>;
  /** Argument shape. */
  arg: 'none' | 'integer' | 'string' | 'signal' | 'errno';
  /** Aliases (`no-log` for `no-report`). */
  aliases?: string[];
  /** Deprecated modifiers are accepted and dropped (they switched sandbox options in old releases). */
  deprecated?: boolean;
  evidence: Evidence;
}

export interface Vocabulary {
  /** `sonoma-14.4.1`, `catalina-10.15` ... */
  id: string;
  displayName: string;
  /** Operations in id order. */
  operations: OperationInfo[];
  /** Filters in id order. */
  filters: FilterInfo[];
  modifiers: ModifierInfo[];
  /**
   * `(with NAME)` spellings the SBPL layer expands into another modifier before anything checks it:
   * `termination` -> send-signal 9 (Apple sbpl1.scm 10.15). Not listed in `modifiers`.
   */
  modifierShorthands?: Record<string, { name: string; args: Array<string | number> }>;
  /** SBPL operation spellings that are not table names: alias -> canonical name, or null for accepted no-ops. */
  operationAliases: Record<string, string | null>;
  /** Global symbolic constants bound in the SBPL environment (AF_INET, SOCK_STREAM, SIGKILL, SYS_read, PRIV_*, ...). */
  constants: Record<string, number>;
  /**
   * How the compiler treats a filter outside an operation's categories (see Vocab.checkFilter). 'error': rejected
   * ("X filter does not apply to Y operation", Apple's 10.10 sbpl1.scm). 'warning': compiled, but the filter can
   * never match there (Apple's own 10.15 profiles contain such rules, e.g. subpath on mach-lookup). Default 'error'.
   */
  filterApplicability?: 'error' | 'warning';
  /** Number of op-table slots in a compiled profile (Sonoma: 190), if known. */
  opTableSize?: number;
  /** Rules Apple appends to every profile (policy.scm), as SBPL text. */
  standardPolicy: string;
  /** Tier and source of the standard policy. */
  standardPolicySource?: FactSource;
  /** Tier and source of each operation alias (keys of operationAliases). */
  operationAliasSources?: Record<string, FactSource>;
}
