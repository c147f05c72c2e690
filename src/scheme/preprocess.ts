// A small C preprocessor for SBPL templates (WebKit's profiles are run through cpp before use).
// Supports #if/#ifdef/#ifndef/#elif/#else/#endif, #define/#undef (object-like macros are substituted in
// SBPL text), #include "file" (evaluated like an import, at that point), #error, #pragma (ignored).
// Removed lines become blank lines, so line numbers in diagnostics still point into the original file.
// WebKit's feature macros ENABLE(X), USE(X), HAVE(X), PLATFORM(X) are true when ENABLE_X (USE_X ...)
// is defined to a non-zero value — WebKit's convention (Source/WTF/wtf/Platform.h).

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { SbplError } from '../diagnostics/diagnostic.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { SourceFile } from './source.js';

export interface PreprocessResult {
  text: string;
  diagnostics: Diagnostic[];
}

const FEATURE_MACROS = ['ENABLE', 'USE', 'HAVE', 'PLATFORM', 'OS', 'CPU', 'COMPILER'];

/** `maxNesting` bounds parentheses and unary operators in one #if expression (parsed recursively). */
export function preprocess(file: SourceFile, predefined: Record<string, string>, maxNesting = DEFAULT_LIMITS.maxNesting): PreprocessResult {
  const defines = new Map<string, string>(Object.entries(predefined));
  const lines = file.text.split(/\r\n|\n|\r/);
  const out: string[] = [];
  const diagnostics: Diagnostic[] = [];
  // stack of { active: this branch emits, taken: some branch already taken, parentActive, line }
  const stack: Array<{ active: boolean; taken: boolean; parentActive: boolean; line: number; sawElse: boolean }> = [];
  const active = () => (stack.length ? stack[stack.length - 1].active : true);
  let offset = 0;
  const fail = (lineNo: number, col: number, message: string, hint?: string): never => {
    const lineStart = offsetOfLine(lines, lineNo);
    throw new SbplError({ severity: 'error', code: 'cpp/error', message, span: file.span(lineStart + col, lineStart + col + 1), hint });
  };
  void offset;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const m = /^(\s*)#\s*([a-z]+)\b(.*)$/.exec(line);
    if (!m) {
      out.push(active() ? substitute(line, defines) : '');
      continue;
    }
    const col = m[1].length;
    const directive = m[2];
    const rest = stripComment(m[3]).trim();
    const lineNo = i + 1;
    switch (directive) {
      case 'if':
      case 'ifdef':
      case 'ifndef': {
        const parentActive = active();
        let cond = false;
        if (parentActive) {
          if (directive === 'if') cond = evalCondition(rest, defines, (msg) => fail(lineNo, col, msg), maxNesting);
          else {
            const name = /^[A-Za-z_]\w*$/.exec(rest)?.[0];
            if (!name) fail(lineNo, col, `#${directive} expects a macro name`);
            cond = defines.has(name!) === (directive === 'ifdef');
          }
        }
        stack.push({ active: parentActive && cond, taken: cond, parentActive, line: lineNo, sawElse: false });
        break;
      }
      case 'elif': {
        const top = stack[stack.length - 1];
        if (!top) fail(lineNo, col, '#elif without #if');
        if (top.sawElse) fail(lineNo, col, '#elif after #else');
        if (top.taken || !top.parentActive) top.active = false;
        else {
          const cond = evalCondition(rest, defines, (msg) => fail(lineNo, col, msg), maxNesting);
          top.active = cond;
          top.taken = cond;
        }
        break;
      }
      case 'else': {
        const top = stack[stack.length - 1];
        if (!top) fail(lineNo, col, '#else without #if');
        if (top.sawElse) fail(lineNo, col, 'second #else for the same #if');
        top.sawElse = true;
        top.active = top.parentActive && !top.taken;
        top.taken = true;
        break;
      }
      case 'endif':
        if (!stack.pop()) fail(lineNo, col, '#endif without #if');
        break;
      case 'define':
        if (active()) {
          const dm = /^([A-Za-z_]\w*)(\([^)]*\))?\s*(.*)$/.exec(rest);
          if (!dm) fail(lineNo, col, '#define expects a macro name');
          if (dm![2]) diagnostics.push({ severity: 'warning', code: 'cpp/function-macro', message: `function-like macro ${dm![1]} is not expanded in SBPL text`, span: file.span(offsetOfLine(lines, lineNo) + col) });
          else defines.set(dm![1], dm![3]);
        }
        break;
      case 'undef':
        if (active()) defines.delete(rest);
        break;
      case 'include':
        if (active()) {
          const im = /^"([^"]+)"|^<([^>]+)>/.exec(rest);
          if (!im) fail(lineNo, col, '#include expects "file" or <file>');
          out.push(`(%cpp-include ${JSON.stringify(im![1] ?? im![2])})`);
          continue;
        }
        break;
      case 'error':
        if (active()) fail(lineNo, col, `#error ${rest}`);
        break;
      case 'pragma':
      case 'warning':
      case 'line':
        break;
      default:
        if (active()) fail(lineNo, col, `unknown preprocessor directive '#${directive}'`);
    }
    out.push('');
  }
  if (stack.length) {
    const top = stack[stack.length - 1];
    fail(top.line, 0, `#if${''} without #endif (end of file reached)`);
  }
  return { text: out.join('\n'), diagnostics };
}

function offsetOfLine(lines: string[], lineNo: number): number {
  let o = 0;
  for (let i = 0; i < lineNo - 1; i++) o += lines[i].length + 1;
  return o;
}

function stripComment(s: string): string {
  return s.replace(/\/\*.*?\*\//g, ' ').replace(/\/\/.*$/, '');
}

/** Substitute object-like macros outside strings and comments. */
function substitute(line: string, defines: Map<string, string>): string {
  if (defines.size === 0) return line;
  let out = '';
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ';') return out + line.slice(i);
    if (c === '"') {
      const end = findStringEnd(line, i);
      out += line.slice(i, end);
      i = end;
      continue;
    }
    const m = /^[A-Za-z_]\w*/.exec(line.slice(i));
    if (m) {
      const prev = i > 0 ? line[i - 1] : ' ';
      const rep = /[\w\-*?!<>=/.%]/.test(prev) ? undefined : defines.get(m[0]);
      const next = line[i + m[0].length] ?? ' ';
      out += rep !== undefined && !/[\w\-*?!<>=/.%]/.test(next) ? rep : m[0];
      i += m[0].length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function findStringEnd(line: string, start: number): number {
  let i = start + 1;
  while (i < line.length) {
    if (line[i] === '\\') i += 2;
    else if (line[i] === '"') return i + 1;
    else i++;
  }
  return line.length;
}

/** Evaluate a #if expression: integers, identifiers (undefined = 0), defined X / defined(X), feature macros, ! && || == != < > <= >= + - * / % ( ). */
function evalCondition(expr: string, defines: Map<string, string>, fail: (msg: string) => never, maxNesting: number, expansions = 0): boolean {
  const tokens = expr.match(/\s*(\d+[uUlL]*|[A-Za-z_]\w*|&&|\|\||==|!=|<=|>=|[()!<>+\-*/%])/g)?.map((t) => t.trim()) ?? [];
  if (tokens.join('').replace(/\s/g, '') !== expr.replace(/\s/g, '')) fail(`cannot parse #if expression '${expr}'`);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  // expansions count across nested conditions too, so `#define A (A)` ends with an error
  const expandIdent = (name: string, depth: number): number => {
    if (depth + expansions > 20) fail(`macro ${name} expands recursively`);
    const v = defines.get(name);
    if (v === undefined) return 0;
    const t = v.trim();
    if (t === '') return 1;
    if (/^\d+/.test(t)) return parseInt(t, 10);
    if (/^[A-Za-z_]\w*$/.test(t)) return expandIdent(t, depth + 1);
    return evalCondition(t, defines, fail, maxNesting, expansions + depth + 1) ? 1 : 0;
  };
  let nesting = 0;
  const primary = (): number => {
    if (++nesting > maxNesting) fail(`#if expression nested more than ${maxNesting} deep (limit maxNesting)`);
    try {
      return primaryInner();
    } finally {
      nesting--;
    }
  };
  const primaryInner = (): number => {
    const t = next();
    if (t === undefined) fail('unexpected end of #if expression');
    if (t === '(') {
      const v = or();
      if (next() !== ')') fail("missing ')' in #if expression");
      return v;
    }
    if (t === '!') return primary() ? 0 : 1;
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (/^\d/.test(t)) return parseInt(t, 10);
    if (t === 'defined') {
      let name = next();
      let paren = false;
      if (name === '(') {
        paren = true;
        name = next();
      }
      if (!name || !/^[A-Za-z_]\w*$/.test(name)) fail('defined expects a macro name');
      if (paren && next() !== ')') fail("missing ')' after defined(");
      return defines.has(name) ? 1 : 0;
    }
    if (/^[A-Za-z_]/.test(t)) {
      if (peek() === '(' && FEATURE_MACROS.includes(t)) {
        next();
        const feature = next();
        if (!feature || !/^\w+$/.test(feature) || next() !== ')') fail(`${t}(FEATURE) expects one feature name`);
        return expandIdent(`${t}_${feature}`, 0) ? 1 : 0;
      }
      if (peek() === '(') fail(`function-like macro '${t}' is not known; define the condition with --cpp-define`);
      return expandIdent(t, 0);
    }
    fail(`unexpected '${t}' in #if expression`);
  };
  const binary = (sub: () => number, ops: Record<string, (a: number, b: number) => number>) => (): number => {
    let v = sub();
    while (peek() !== undefined && peek() in ops) {
      const op = next();
      v = ops[op](v, sub());
    }
    return v;
  };
  const mul = binary(primary, { '*': (a, b) => a * b, '/': (a, b) => (b ? Math.trunc(a / b) : fail('division by zero in #if')), '%': (a, b) => (b ? a % b : fail('division by zero in #if')) });
  const add = binary(mul, { '+': (a, b) => a + b, '-': (a, b) => a - b });
  const rel = binary(add, { '<': (a, b) => +(a < b), '>': (a, b) => +(a > b), '<=': (a, b) => +(a <= b), '>=': (a, b) => +(a >= b) });
  const eq = binary(rel, { '==': (a, b) => +(a === b), '!=': (a, b) => +(a !== b) });
  const and = binary(eq, { '&&': (a, b) => +(!!a && !!b) });
  const or = binary(and, { '||': (a, b) => +(!!a || !!b) });
  const v = or();
  if (pos < tokens.length) fail(`unexpected '${tokens[pos]}' in #if expression`);
  return v !== 0;
}
