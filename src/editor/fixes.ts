// Code actions: the fixes the front end and lint suggest, as edits. Lint states its suggestions in words
// (a hint); each fix here derives the same change from the facts lint used (the path resolver, the regex
// checker, the rules' fallback chains) and the text at the diagnostic's span, and offers nothing when
// the text there is not the simple form the fix can rewrite (a path built by string-append, a rule
// emitted by a helper).

import type { Diagnostic, Rule } from '../sbpl/index.js';
import { PathResolver, STOCK_MACOS_FS, regex } from '../decide/index.js';
import type { Analysis } from './analysis.js';
import { findList } from './diagnostics.js';
import { headName, type Atom, type List, type Node } from './syntax.js';
import type { CodeFix, Range, TextEdit } from './types.js';

/** Fixes for the analysis' diagnostics whose range meets `range` (all of them without one). */
export function codeFixes(a: Analysis, range?: Range): CodeFix[] {
  const out: CodeFix[] = [];
  const regexSeen = new Map<string, number>();
  for (const d of a.diagnostics) {
    if (!d.span || d.span.file !== a.doc.name) continue;
    const dr = a.doc.lines.range(d.span.offset, d.span.endOffset);
    if (range && (cmp(dr.end, range.start) < 0 || cmp(range.end, dr.start) < 0)) continue;
    const fix = (title: string, edits: TextEdit[], preferred = false) => out.push({ title, code: d.code, diagnosticRange: dr, edits, preferred });
    for (const f of fixesFor(a, d, regexSeen)) fix(f.title, f.edits, f.preferred);
  }
  return out;
}

function cmp(p: Range['start'], q: Range['start']): number {
  return p.line - q.line || p.character - q.character;
}

interface Fix {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
}

function fixesFor(a: Analysis, d: Diagnostic, regexSeen: Map<string, number>): Fix[] {
  const span = d.span!;
  const { lines } = a.doc;
  const replace = (start: number, end: number, newText: string): TextEdit => ({ range: lines.range(start, end), newText });
  const didYouMean = /did you mean '([^']+)'\?/.exec(d.hint ?? '');
  if (didYouMean) {
    const written = a.doc.text.slice(span.offset, span.endOffset);
    if (/^[^\s()";']+$/.test(written)) return [{ title: `Change '${written}' to '${didYouMean[1]}'`, edits: [replace(span.offset, span.endOffset, didYouMean[1])], preferred: true }];
  }
  if (d.code === 'sbpl/no-version') return [{ title: 'Add (version 1)', edits: [replace(0, 0, '(version 1)\n')], preferred: true }];
  if (d.code === 'lint/debug-noop') {
    const form = findList(a.doc.tree.forms, span.offset, span.endOffset);
    return form ? [{ title: 'Remove the (debug ...) form', edits: [removeForm(a, form)], preferred: true }] : [];
  }
  if (d.code === 'lint/path-never-seen') return pathFix(a, d);
  if (d.code === 'lint/shadowed-rule' || d.code === 'lint/replaced-unfiltered') return ruleMoves(a, d);
  if (d.code === 'lint/child-op-wins') return childOpFix(a, d);
  if (d.code.startsWith('regex/')) {
    const key = `${span.offset}|${d.code}`;
    const nth = regexSeen.get(key) ?? 0;
    regexSeen.set(key, nth + 1);
    return regexFix(a, d, nth);
  }
  return [];
}

/** Delete a form, with its line when nothing else is on it. */
function removeForm(a: Analysis, form: Node): TextEdit {
  const { lines, text } = a.doc;
  const start = form.prefixStart ?? form.start;
  const ls = lines.lineStart(start);
  const le = lines.lineEnd(form.end);
  const before = text.slice(ls, start);
  const after = text.slice(form.end, le);
  if (!/\S/.test(before) && !/\S/.test(after.replace(/;.*$/, ''))) return { range: lines.range(ls, le), newText: '' };
  return { range: lines.range(start, form.end), newText: '' };
}

/** The top-level (or nested) `(allow ...)`/`(deny ...)` form at exactly this span, if the rule was written there directly. */
function ruleForm(a: Analysis, start: number, end: number): List | undefined {
  const form = findList(a.doc.tree.forms, start, end);
  const h = form && headName(form);
  return h === 'allow' || h === 'deny' ? form : undefined;
}

// --- paths the kernel never reports ------------------------------------------------------------------

const resolver = new PathResolver(STOCK_MACOS_FS);

/** The kernel's spelling of an absolute path: through symlinks and firmlinks, or the link's target when the path is one. */
function kernelSpelling(path: string): string | undefined {
  try {
    const r = resolver.resolve(path, { followFinal: false });
    if (r.path !== path) return r.path;
    if (resolver.isSymlink(path)) return resolver.resolve(path).path;
  } catch {
    /* not an absolute, clean path */
  }
  return undefined;
}

function pathFix(a: Analysis, d: Diagnostic): Fix[] {
  const span = d.span!;
  const form = findList(a.doc.tree.forms, span.offset, span.endOffset);
  const arg = form?.items[1];
  if (!form || !arg || (arg.kind !== 'string' && arg.kind !== 'regex') || arg.value === undefined || arg.unterminated) return [];
  const value = arg.value;
  const body = arg.kind === 'regex' ? arg.text.slice(2, -1) : arg.text.slice(1, -1);
  if (body !== value) return []; // escapes: the written text is not the value
  let dir: string;
  if (arg.kind === 'regex') {
    // the literal path the regex starts with, up to its last complete component (as lint reads it)
    const lit = /^\^?([^.[\]()*+?{}|\\$^]*)/.exec(value)![1];
    const cut = lit.lastIndexOf('/');
    if (cut <= 0) return [];
    dir = lit.slice(0, cut);
  } else dir = value.length > 1 ? value.replace(/\/+$/, '') : value;
  const fixed = kernelSpelling(dir);
  if (fixed === undefined) return [];
  const from = dir;
  const at = value.indexOf(from);
  if (at < 0) return [];
  const start = arg.start + (arg.kind === 'regex' ? 2 : 1) + at;
  return [{ title: `Write '${from}' as '${fixed}' (the path the kernel reports)`, edits: [{ range: a.doc.lines.range(start, start + from.length), newText: fixed }], preferred: true }];
}

// --- rules that never decide ---------------------------------------------------------------------------

function ruleMoves(a: Analysis, d: Diagnostic): Fix[] {
  const span = d.span!;
  const form = ruleForm(a, span.offset, span.endOffset);
  if (!form) return [];
  const out: Fix[] = [];
  const redundant = d.severity === 'note';
  out.push({ title: redundant ? 'Remove the redundant rule' : 'Remove this rule', edits: [removeForm(a, form)], preferred: redundant });
  // a shadowed rule that should win goes after the rule that beats it (later filtered rules win)
  const winner = d.code === 'lint/shadowed-rule' && !redundant ? d.related?.[0]?.span : undefined;
  const wform = winner && winner.file === a.doc.name ? ruleForm(a, winner.offset, winner.endOffset) : undefined;
  if (wform && wform.start > form.end) {
    const { lines, text } = a.doc;
    const line = lines.position(wform.start).line + 1;
    const indent = /^[ \t]*/.exec(text.slice(lines.lineStart(form.start)))![0];
    const insertAt = lines.lineEnd(wform.end);
    const nl = insertAt === text.length && !/[\r\n]$/.test(text) ? '\n' : '';
    out.push({
      title: `Move this rule after line ${line} (so it wins)`,
      edits: [removeForm(a, form), { range: lines.range(insertAt, insertAt), newText: `${nl}${indent}${text.slice(form.prefixStart ?? form.start, form.end)}\n` }],
    });
  }
  return out;
}

/** `(allow file-read* ...)` beaten by an earlier `(deny file-read-data ...)`: name the specific operation in the later rule too. */
function childOpFix(a: Analysis, d: Diagnostic): Fix[] {
  const span = d.span!;
  const form = ruleForm(a, span.offset, span.endOffset);
  const narrowSpan = d.related?.[0]?.span;
  if (!form || !narrowSpan) return [];
  const sameSpan = (r: Rule, s: { file: string; offset: number }) => r.span?.file === s.file && r.span.offset === s.offset;
  const wide = a.result.profile.rules.find((r) => sameSpan(r, span));
  const narrow = a.result.profile.rules.find((r) => sameSpan(r, narrowSpan));
  if (!wide || !narrow) return [];
  const missing = narrow.operations.filter(
    (n) => !wide.operations.includes(n) && wide.operations.some((w) => a.vocab.fallbackChain(n).some((o) => o.name === w)),
  );
  const ops = form.items.slice(1).filter((it, i, all) => it.kind === 'symbol' && all.slice(0, i).every((p) => p.kind === 'symbol')) as Atom[];
  const lastOp = ops[ops.length - 1];
  if (!missing.length || !lastOp) return [];
  return [{
    title: `Name ${missing.map((m) => `'${m}'`).join(', ')} in this rule too`,
    edits: [{ range: a.doc.lines.range(lastOp.end, lastOp.end), newText: missing.map((m) => ' ' + m).join('') }],
    preferred: true,
  }];
}

// --- regex dialect ----------------------------------------------------------------------------------

const SHORTHAND: Record<string, string> = { d: '[0-9]', D: '[^0-9]', w: '[A-Za-z0-9_]', W: '[^A-Za-z0-9_]' };

/** Whether `offset` of a pattern is inside a bracket expression. */
function inBracket(src: string, offset: number): boolean {
  let open = -1;
  for (let i = 0; i < offset; i++) {
    const c = src[i];
    if (open < 0) {
      if (c === '\\') i++;
      else if (c === '[') {
        open = i;
        if (src[i + 1] === '^') i++;
        if (src[i + 1] === ']') i++;
      }
    } else if (c === ']') open = -1;
  }
  return open >= 0;
}

/** A replacement for one dialect warning's text, or undefined when the fix is not mechanical. */
function regexReplacement(code: string, src: string, w: { offset: number; end: number }): { text: string; title: string } | undefined {
  const s = src.slice(w.offset, w.end);
  switch (code) {
    case 'regex/non-capturing-group':
    case 'regex/named-group':
      return s.startsWith('(?') && code === 'regex/non-capturing-group' ? { text: '(', title: "Use a plain group '('" } : undefined;
    case 'regex/shorthand-class': {
      const meaning = SHORTHAND[s[1]];
      if (!meaning) return undefined;
      const inside = inBracket(src, w.offset);
      if (inside && meaning.startsWith('[^')) return undefined;
      return { text: inside ? meaning.slice(1, -1) : meaning, title: `Spell '${s}' out as ${inside ? meaning.slice(1, -1) : meaning}` };
    }
    case 'regex/word-boundary':
      if (s === '\\A') return { text: '^', title: "Use '^'" };
      if (s === '\\z' || s === '\\Z') return { text: '$', title: "Use '$'" };
      return undefined;
    case 'regex/escape-sequence':
      return /^\\[a-zA-Z0-9]$/.test(s) && !'ntrfvae0'.includes(s[1]) ? { text: s[1], title: `Write '${s[1]}' without the backslash` } : undefined;
    case 'regex/lazy-quantifier':
      return s.endsWith('?') && s.length === 2 ? { text: s[0], title: 'Drop the extra ?' } : undefined;
    case 'regex/literal-quantifier':
    case 'regex/brace-literal':
      return s.length === 1 && '?*+{'.includes(s) ? { text: '\\' + s, title: `Escape '${s}' as a literal` } : undefined;
    default:
      return undefined;
  }
}

function regexFix(a: Analysis, d: Diagnostic, nth: number): Fix[] {
  const span = d.span!;
  const form = findList(a.doc.tree.forms, span.offset, span.endOffset);
  // the pattern atom: the filter's argument, raw #"..." or a "..." string written without escapes
  const arg = form?.items.find((it): it is Atom => (it.kind === 'regex' || (it.kind === 'string' && !it.text.includes('\\'))) && !it.unterminated);
  if (!arg || arg.value === undefined) return [];
  const check = regex.checkRegex(arg.value);
  const w = check.diagnostics.filter((x) => x.code === d.code)[nth];
  if (!w) return [];
  const r = regexReplacement(d.code, arg.value, w);
  if (!r) return [];
  // a "..." string would need the backslash doubled
  if (arg.kind === 'string' && r.text.includes('\\')) return [];
  const base = arg.start + (arg.kind === 'regex' ? 2 : 1);
  return [{ title: r.title, edits: [{ range: a.doc.lines.range(base + w.offset, base + w.end), newText: r.text }], preferred: true }];
}
