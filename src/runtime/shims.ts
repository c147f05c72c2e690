// Shims: named, visible transformations of a profile that make it runnable by a harness.
// Each shim appends SBPL text inside a labelled block; the shimmed text is what every backend decides
// or applies, and each result row names the shims so a shimmed profile is never mistaken for the original.
// Appending puts the shim's filtered rules after the profile's own (later filtered rules win,
// docs/semantics.md §0), so a shim can override a later deny; the shim-effect report shows when it does.

import { StageError } from '../diagnostics/diagnostic.js';
import type { FilterExpr, FilterTest, Profile, StringMatch } from '../sbpl/profile.js';
import { ruleToSbpl, sbplString } from '../sbpl/print.js';
import { checkCopiedFilters } from '../sbpl/shared-filters.js';
import { getVocab } from '../vocab/all.js';

/** A shim as a matrix names it: a built-in name, or an object (custom SBPL, exec-probe paths). */
export type ShimRef = string | { name: string; description?: string; sbpl?: string; paths?: string[] };

/** What a shim needs to know about a probe. */
export interface ShimProbe {
  exercise: string;
  target: { path?: string };
}

export interface ShimContext {
  /** The original profile compiled, when the front end could compile it (needed by tmp-alias). */
  profile?: Profile;
  /** The probes this profile runs. */
  probes: ShimProbe[];
}

export interface AppliedShim {
  name: string;
  description: string;
  /** The SBPL lines the shim added (without the marker comments); empty when it had nothing to add. */
  text: string;
  /** What the shim did or could not do (rules it skipped ...). */
  notes: string[];
}

interface ShimDef {
  description: string;
  build(ctx: ShimContext, ref: Exclude<ShimRef, string> | undefined): { text: string; notes: string[] };
}

/** Map every primitive test through `f` (returning a new expression). */
function mapTests(e: FilterExpr, f: (t: FilterTest) => FilterTest): FilterExpr {
  switch (e.type) {
    case 'test':
      return f(e);
    case 'all':
    case 'any':
      return { ...e, items: e.items.map((i) => mapTests(i, f)) };
    case 'not':
      return { ...e, item: mapTests(e.item, f) };
  }
}

/** Symlinks macOS resolves to /private/... before the sandbox sees the path (docs/semantics.md §4). */
export const ALIAS_PREFIXES: ReadonlyArray<[string, string]> = [
  ['/tmp', '/private/tmp'],
  ['/var', '/private/var'],
  ['/etc', '/private/etc'],
];

function aliasPath(p: string): string | undefined {
  for (const [from, to] of ALIAS_PREFIXES) {
    if (p === from || p.startsWith(from + '/')) return to + p.slice(from.length);
  }
  return undefined;
}

function aliasMatch(m: StringMatch): StringMatch | undefined {
  if (m.kind === 'regex') {
    // Only the plain anchored form `^/tmp/...` is rewritten; other regexes are left alone (and reported).
    for (const [from, to] of ALIAS_PREFIXES) {
      if (m.source.startsWith('^' + from + '/') || m.source === '^' + from || m.source.startsWith('^' + from + '$')) {
        return { kind: 'regex', source: '^' + to + m.source.slice(1 + from.length) };
      }
    }
    return undefined;
  }
  const v = aliasPath(m.value);
  return v === undefined ? undefined : { ...m, value: v };
}

const BUILTIN: Record<string, ShimDef> = {
  'tmp-alias': {
    description:
      'for every rule naming a path under /tmp, /var or /etc, append a copy naming the /private/... spelling the kernel matches (docs/semantics.md §4)',
    build(ctx) {
      const notes: string[] = [];
      if (!ctx.profile) return { text: '', notes: ['the original profile could not be compiled, so no alias rules were derived'] };
      const lines: string[] = [];
      const vocab = getVocab(ctx.profile.os);
      const isFlag = (f: string) => vocab.filter(f)?.argKind === 'none';
      // each rule is written out again, shared (defined) parts copied
      checkCopiedFilters(ctx.profile.rules, 'writing alias rules');
      for (const rule of ctx.profile.rules) {
        if (rule.origin !== 'profile' || !rule.filter) continue;
        let touched = false;
        let unhandled = false;
        const aliased = mapTests(rule.filter, (t: FilterTest): FilterTest => {
          if (t.filter !== 'path') return t;
          const a = t.arg;
          if (a.kind !== 'literal' && a.kind !== 'prefix' && a.kind !== 'subpath' && a.kind !== 'regex') return t;
          const m = aliasMatch(a);
          if (m) {
            touched = true;
            return { ...t, arg: m };
          }
          if (a.kind === 'regex' && /\/(tmp|var|etc)\b/.test(a.source) && !a.source.includes('/private/')) unhandled = true;
          return t;
        });
        if (unhandled) notes.push(`rule ${rule.id}: a regex mentions /tmp, /var or /etc in a form this shim does not rewrite`);
        if (!touched) continue;
        lines.push(ruleToSbpl({ ...rule, filter: aliased }, isFlag));
      }
      if (!lines.length) notes.push('no rule names an aliased path; nothing added');
      return { text: lines.join('\n'), notes };
    },
  },
  'alias-traversal': {
    description: 'allow file-read-metadata on the /tmp, /var and /etc symlinks so paths spelled through them can be traversed (docs/semantics.md §4)',
    build() {
      return { text: `(allow file-read-metadata ${ALIAS_PREFIXES.map(([from]) => `(literal ${sbplString(from)})`).join(' ')})`, notes: [] };
    },
  },
  'loader-reads': {
    description:
      'allow the reads dyld needs to start a program under (deny default): "/", the dyld shared cache (Cryptexes), /usr/lib, /System/Library, /private/var/db/dyld (docs/semantics.md §4 "Loader needs")',
    build() {
      const data = ['/usr/lib', '/System/Library', '/System/Volumes/Preboot/Cryptexes/OS', '/System/Cryptexes/OS', '/private/var/db/dyld'];
      const meta = ['/private', '/private/var', '/private/var/db', '/System', '/System/Volumes', '/System/Volumes/Preboot', '/System/Cryptexes', '/usr'];
      return {
        text: [
          `(allow file-read* (literal "/") ${data.map((d) => `(subpath ${sbplString(d)})`).join(' ')})`,
          `(allow file-read-metadata ${meta.map((d) => `(literal ${sbplString(d)})`).join(' ')})`,
        ].join('\n'),
        notes: [],
      };
    },
  },
  'exec-probe': {
    description: 'allow process-exec* of the probe programs (the exec probes\' targets, or the paths given)',
    build(ctx, ref) {
      const paths = ref?.paths ?? [...new Set(ctx.probes.filter((p) => p.exercise === 'exec' && p.target.path).map((p) => p.target.path!))];
      if (!paths.length) return { text: '', notes: ['no exec probes and no paths given; nothing added'] };
      return { text: `(allow process-exec* ${paths.map((p) => `(literal ${sbplString(p)})`).join(' ')})`, notes: [] };
    },
  },
};

export function shimNames(): string[] {
  return [...Object.keys(BUILTIN), 'custom'];
}

export class ShimError extends StageError {
  constructor(message: string) {
    super(message, 'runtime/shim', 'input');
    this.name = 'ShimError';
  }
}

/** Build the shims a profile asks for, in order. */
export function buildShims(refs: ShimRef[], ctx: ShimContext): AppliedShim[] {
  return refs.map((ref) => {
    const name = typeof ref === 'string' ? ref : ref.name;
    const obj = typeof ref === 'string' ? undefined : ref;
    if (obj?.sbpl !== undefined && (name === 'custom' || !BUILTIN[name])) {
      return { name, description: obj.description ?? 'custom SBPL from the matrix', text: obj.sbpl.trim(), notes: [] };
    }
    const def = BUILTIN[name];
    if (!def) throw new ShimError(`unknown shim '${name}' (known: ${shimNames().join(', ')}; or give {"name": ..., "sbpl": ...})`);
    const { text, notes } = def.build(ctx, obj);
    return { name, description: obj?.description ?? def.description, text, notes };
  });
}

/** The original text followed by one labelled block per shim. */
export function applyShims(original: string, shims: AppliedShim[]): string {
  if (!shims.length) return original;
  let out = original.endsWith('\n') ? original : original + '\n';
  for (const s of shims) {
    out += `\n;; ---- sbpl-kit shim "${s.name}": not part of the original profile ----\n`;
    out += `;; ${s.description}\n`;
    if (s.text) out += s.text + '\n';
    out += `;; ---- end shim "${s.name}" ----\n`;
  }
  return out;
}
