// The TextMate grammar for SBPL (scope `source.sbpl`), built from the vocabularies so operation, filter and
// modifier names stay in step with src/vocab. The VS Code extension ships its JSON
// (editors/vscode/syntaxes/sbpl.tmLanguage.json, written by `npm run vscode:grammar`); a web page can hand
// the same object to a TextMate-based highlighter.

import { getVocab, listVocabularies } from '../vocab/all.js';

/** A symbol ends at whitespace, a paren, a quote character, `;` or `"` (the reader's delimiters). */
const END = `(?![^\\s()";'\`,])`;
/** ... and starts after one. */
const START = `(?<![^\\s()'\`,])`;
const SYMBOL = `[^\\s()";'\`,]+`;

function alternation(names: Iterable<string>): string {
  const sorted = [...new Set(names)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return `(?:${sorted.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
}

function vocabularyNames(): { operations: string[]; filters: string[]; modifiers: string[] } {
  const operations: string[] = [];
  const filters: string[] = [];
  const modifiers: string[] = [];
  for (const id of listVocabularies()) {
    const v = getVocab(id);
    // op#N: an op-table slot with no known name (derived vocabularies), not a word anyone types
    operations.push(...v.operations.map((o) => o.name).filter((n) => !/^op#\d+$/.test(n)), ...Object.keys(v.data.operationAliases));
    for (const f of v.filters) filters.push(...f.spellings.map((s) => s.name));
    for (const m of v.data.modifiers) modifiers.push(m.name, ...(m.aliases ?? []));
    modifiers.push(...Object.keys(v.data.modifierShorthands ?? {}));
  }
  return { operations, filters, modifiers };
}

const KEYWORD_FORMS = ['define', 'define-macro', 'lambda', 'let', 'let*', 'letrec', 'letrec*', 'if', 'cond', 'case', 'when', 'unless', 'begin', 'and', 'or', 'not', 'else', 'do', 'set!', 'quote', 'quasiquote'];
const BUILTIN_FORMS = ['version', 'import', 'param', 'debug', 'trace', 'string-append', 'apply-message-filter', 'list', 'cons', 'car', 'cdr', 'append', 'map', 'for-each', 'apply', 'string=?', 'equal?', 'eq?', 'null?'];

export function sbplTextMateGrammar(): Record<string, unknown> {
  const { operations, filters, modifiers } = vocabularyNames();
  const head = (names: string) => `(\\()\\s*(${names})${END}`;
  const list = (name: string, begin: string, headScope: string, patterns: object[]) => ({
    name,
    begin,
    beginCaptures: { '1': { name: 'punctuation.section.list.begin.sbpl' }, '2': { name: headScope } },
    end: '\\)',
    endCaptures: { '0': { name: 'punctuation.section.list.end.sbpl' } },
    patterns,
  });
  const expr: object[] = [{ include: '#expression' }];
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'SBPL',
    scopeName: 'source.sbpl',
    fileTypes: ['sb'],
    comment: 'Generated from src/editor/textmate.ts by `npm run vscode:grammar`; do not edit by hand.',
    patterns: [{ include: '#expression' }, { name: 'invalid.illegal.stray-paren.sbpl', match: '\\)' }],
    repository: {
      expression: {
        patterns: [
          { include: '#comment' },
          { include: '#preprocessor' },
          { include: '#regex' },
          { include: '#string' },
          { include: '#atom' },
          { include: '#rule' },
          { include: '#with' },
          { include: '#define' },
          { include: '#require' },
          { include: '#keyword-form' },
          { include: '#builtin-form' },
          { include: '#filter-form' },
          { include: '#call' },
          { include: '#list' },
          { include: '#operation' },
          { include: '#constant' },
        ],
      },
      comment: {
        patterns: [
          { name: 'comment.line.semicolon.sbpl', match: '(;+).*$', captures: { '1': { name: 'punctuation.definition.comment.sbpl' } } },
          { include: '#block-comment' },
          { name: 'comment.datum.sbpl', match: '#;' },
        ],
      },
      'block-comment': {
        name: 'comment.block.sbpl',
        begin: '#\\|',
        end: '\\|#',
        beginCaptures: { '0': { name: 'punctuation.definition.comment.begin.sbpl' } },
        endCaptures: { '0': { name: 'punctuation.definition.comment.end.sbpl' } },
        patterns: [{ include: '#block-comment' }],
      },
      preprocessor: {
        name: 'meta.preprocessor.sbpl',
        match: '^\\s*#\\s*(?:if|ifdef|ifndef|elif|else|endif|include|define|undef|pragma|error)\\b.*$',
      },
      regex: {
        name: 'string.regexp.sbpl',
        begin: '#"',
        end: '"',
        beginCaptures: { '0': { name: 'punctuation.definition.string.begin.sbpl' } },
        endCaptures: { '0': { name: 'punctuation.definition.string.end.sbpl' } },
      },
      string: {
        name: 'string.quoted.double.sbpl',
        begin: '"',
        end: '"',
        beginCaptures: { '0': { name: 'punctuation.definition.string.begin.sbpl' } },
        endCaptures: { '0': { name: 'punctuation.definition.string.end.sbpl' } },
        patterns: [{ name: 'constant.character.escape.sbpl', match: '\\\\(?:[xX][0-9a-fA-F]{1,2}|.|$)' }],
      },
      atom: {
        patterns: [
          { name: 'constant.language.boolean.sbpl', match: `#(?:true|false|t|f)${END}` },
          { name: 'constant.character.sbpl', match: `#\\\\(?:x[0-9a-fA-F]+|[a-zA-Z]+|.)` },
          { name: 'constant.numeric.sbpl', match: `#[xXoObBdD][0-9a-fA-F.+-]+${END}` },
          { name: 'constant.numeric.sbpl', match: `${START}[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?${END}` },
          { name: 'keyword.operator.quote.sbpl', match: ",@|['`,]" },
        ],
      },
      rule: list('meta.rule.sbpl', head('allow|deny'), 'keyword.control.action.sbpl', expr),
      with: list('meta.modifier.sbpl', head('with'), 'keyword.other.modifier.sbpl', [{ include: '#modifier' }, ...expr]),
      modifier: { name: 'support.constant.modifier.sbpl', match: `${START}${alternation(modifiers)}${END}` },
      define: list('meta.definition.sbpl', head('define|define-macro|define-syntax'), 'keyword.control.define.sbpl', [
        {
          begin: `\\G\\s*(\\()\\s*(${SYMBOL})`,
          beginCaptures: { '1': { name: 'punctuation.section.list.begin.sbpl' }, '2': { name: 'entity.name.function.sbpl' } },
          end: '\\)',
          endCaptures: { '0': { name: 'punctuation.section.list.end.sbpl' } },
          patterns: [{ include: '#comment' }, { name: 'variable.parameter.sbpl', match: SYMBOL }],
        },
        { match: `\\G\\s*(${SYMBOL})`, captures: { '1': { name: 'entity.name.variable.sbpl' } } },
        ...expr,
      ]),
      require: list('meta.require.sbpl', head('require-any|require-all|require-not'), 'keyword.operator.logical.sbpl', expr),
      'keyword-form': list('meta.form.sbpl', head(alternation(KEYWORD_FORMS.filter((k) => !k.startsWith('define')))), 'keyword.control.sbpl', expr),
      'builtin-form': list('meta.form.sbpl', head(alternation(BUILTIN_FORMS)), 'support.function.builtin.sbpl', expr),
      'filter-form': list('meta.filter.sbpl', head(alternation(filters)), 'support.function.filter.sbpl', expr),
      call: list('meta.call.sbpl', `(\\()\\s*(?=[^\\s()";'\`,#0-9])(${SYMBOL})`, 'entity.name.function.call.sbpl', expr),
      list: {
        begin: '\\(',
        end: '\\)',
        beginCaptures: { '0': { name: 'punctuation.section.list.begin.sbpl' } },
        endCaptures: { '0': { name: 'punctuation.section.list.end.sbpl' } },
        patterns: expr,
      },
      operation: { name: 'support.type.operation.sbpl', match: `${START}${alternation(operations)}${END}` },
      constant: { name: 'constant.other.sbpl', match: `${START}[A-Z][A-Z0-9_]*(?:-[A-Z0-9_]+)*${END}` },
    },
  };
}
