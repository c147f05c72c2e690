// The VS Code extension's TextMate grammar, loaded the way VS Code loads it (vscode-textmate on the
// Oniguruma WebAssembly build): it is what src/editor/textmate.ts generates, it gives the expected scopes
// on our own fixtures, and over the real-world corpus every string, regex and comment the reader sees
// (and every operation and filter name in a rule) gets its scope.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { sbplTextMateGrammar } from '../../src/editor/textmate.js';
import { headName, parseTree, type Node } from '../../src/editor/syntax.js';
import { getVocab } from '../../src/vocab/index.js';
import { CORPUS_DIR, HAVE_CORPUS, warnIfNoCorpus } from '../corpus/harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const GRAMMAR_FILE = join(ROOT, 'editors', 'vscode', 'syntaxes', 'sbpl.tmLanguage.json');
const require = createRequire(import.meta.url);

interface Token {
  start: number;
  end: number;
  scopes: string[];
}

let grammar: vsctm.IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (scope === 'source.sbpl' ? vsctm.parseRawGrammar(readFileSync(GRAMMAR_FILE, 'utf8'), GRAMMAR_FILE) : null),
  });
  grammar = (await registry.loadGrammar('source.sbpl'))!;
});

/** Tokens of a whole text, with offsets into it; throws if a line was not tokenized to its end. */
function tokenize(text: string, file = '<text>'): Token[] {
  const out: Token[] = [];
  let state = vsctm.INITIAL;
  let base = 0;
  for (const m of text.matchAll(/([^\r\n]*)(\r\n|\r|\n|$)/g)) {
    const line = m[1];
    if (m.index! >= text.length && line === '' && m[2] === '') break;
    const r = grammar.tokenizeLine(line, state, 10_000);
    if (r.stoppedEarly) throw new Error(`${file}: tokenizing stopped early on line at offset ${base}`);
    r.tokens.forEach((t, i) => out.push({ start: base + t.startIndex, end: base + (r.tokens[i + 1]?.startIndex ?? line.length), scopes: t.scopes }));
    state = r.ruleStack;
    base += m[0].length;
  }
  return out;
}

function scopesAt(tokens: Token[], offset: number): string[] {
  return tokens.find((t) => t.start <= offset && offset < t.end)?.scopes ?? [];
}

/** The scopes of the first occurrence of `needle` (plus `delta`). */
function scopesOf(text: string, tokens: Token[], needle: string, delta = 0): string[] {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`'${needle}' not in text`);
  return scopesAt(tokens, at + delta);
}

describe('TextMate grammar', () => {
  it('is the one src/editor/textmate.ts generates (run `npm run vscode:grammar` after a vocabulary change)', () => {
    expect(JSON.parse(readFileSync(GRAMMAR_FILE, 'utf8'))).toEqual(JSON.parse(JSON.stringify(sbplTextMateGrammar())));
  });

  it('scopes strings, regexes, comments, operations, filters, modifiers, numbers, booleans and definitions', () => {
    const text = [
      '(version 1)',
      '; a line comment',
      '#| a block',
      '   comment |#',
      '(deny default)',
      '(define (home-sub rel) (subpath (string-append "/Users/me" rel)))',
      '(allow file-read* (subpath "/usr/lib") (with report))',
      '(allow file-write* (regex #"^/private/tmp/[^/]+$"))',
      '(allow mach-lookup (global-name "com.apple.\\"x\\""))',
      '(allow file-read-data (vnode-type SYMLINK) (require-not (literal "/etc")))',
      '(allow network-outbound (remote tcp "*:443"))',
      '(define flag #t) (define other #f) (define mode #o755)',
    ].join('\n');
    const t = tokenize(text);
    const has = (needle: string, scope: string, delta = 1) => expect(scopesOf(text, t, needle, delta), needle).toContain(scope);
    has('version', 'support.function.builtin.sbpl');
    has(' 1)', 'constant.numeric.sbpl');
    has('; a line', 'comment.line.semicolon.sbpl');
    has('#| a block', 'comment.block.sbpl');
    has('   comment |#', 'comment.block.sbpl', 4);
    has('deny', 'keyword.control.action.sbpl');
    has('default', 'support.type.operation.sbpl');
    has('home-sub', 'entity.name.function.sbpl');
    has(' rel)', 'variable.parameter.sbpl');
    has('"/Users/me"', 'string.quoted.double.sbpl');
    has('file-read*', 'support.type.operation.sbpl');
    has('file-read*', 'support.type.operation.sbpl', 'file-read'.length);
    has('subpath "/usr', 'support.function.filter.sbpl');
    has('"/usr/lib"', 'string.quoted.double.sbpl', 3);
    has('with report', 'keyword.other.modifier.sbpl');
    has('report)', 'support.constant.modifier.sbpl');
    has('#"^/private', 'string.regexp.sbpl', 0);
    has('#"^/private', 'string.regexp.sbpl', 12);
    has('\\"x', 'constant.character.escape.sbpl', 0);
    has('global-name', 'support.function.filter.sbpl');
    has('SYMLINK', 'constant.other.sbpl');
    has('require-not', 'keyword.operator.logical.sbpl');
    has('network-outbound', 'support.type.operation.sbpl');
    has('#t', 'constant.language.boolean.sbpl', 0);
    has('#f', 'constant.language.boolean.sbpl', 1);
    has('#o755', 'constant.numeric.sbpl', 2);
    // a filter name is not an operation, and a word inside a string is not a name
    expect(scopesOf(text, t, 'subpath "/usr', 1)).not.toContain('support.type.operation.sbpl');
    expect(scopesOf(text, t, 'Users')).toEqual(['source.sbpl', 'meta.definition.sbpl', 'meta.filter.sbpl', 'meta.form.sbpl', 'string.quoted.double.sbpl']);
  });

  const fixtureFiles = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? fixtureFiles(p) : p.endsWith('.sb') ? [p] : [];
    });

  it('tokenizes our own fixtures with every string, regex, comment, operation and filter scoped', () => {
    const files = [...fixtureFiles(join(ROOT, 'test', 'fixtures')), ...fixtureFiles(join(ROOT, 'examples'))];
    expect(files.length).toBeGreaterThan(50);
    const problems = files.flatMap((f) => checkFile(f));
    expect(problems.slice(0, 20)).toEqual([]);
  });

  warnIfNoCorpus('TextMate grammar over the corpus');
  it.skipIf(!HAVE_CORPUS)('tokenizes every corpus profile with every string, regex, comment, operation and filter scoped', () => {
    const files = fixtureFiles(CORPUS_DIR);
    expect(files.length).toBeGreaterThan(400);
    let checked = 0;
    const problems = files.flatMap((f) => {
      const p = checkFile(f);
      checked++;
      return p;
    });
    console.log(`grammar: ${checked} corpus files tokenized, ${problems.length} scope mismatches`);
    expect(problems.slice(0, 20)).toEqual([]);
  });
});

const ANY = getVocab('any');
const PREPROCESSOR_LINE = /^[ \t]*#[ \t]*(?:if|ifdef|ifndef|elif|else|endif|include|define|undef|pragma|error)\b/;

/** Cross-check the grammar's tokens against the editor's reading of the file. */
function checkFile(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const tokens = tokenize(text, file);
  const tree = parseTree(text);
  const problems: string[] = [];
  const line = (offset: number) => text.slice(0, offset).split('\n').length;
  const onPreprocessorLine = (offset: number) => PREPROCESSOR_LINE.test(text.slice(text.lastIndexOf('\n', offset - 1) + 1));
  const expectScope = (offset: number, scope: string, what: string) => {
    if (onPreprocessorLine(offset)) return;
    const s = scopesAt(tokens, offset);
    if (!s.includes(scope)) problems.push(`${file}:${line(offset)}: ${what} has scopes ${s.join(' ')}, expected ${scope}`);
  };
  for (const c of tree.comments) expectScope(c.start, c.kind === 'line' ? 'comment.line.semicolon.sbpl' : 'comment.block.sbpl', `comment`);
  const walk = (items: Node[], parentHead: string | undefined) => {
    for (const nd of items) {
      if (nd.prefix?.includes('#;')) continue;
      if (nd.kind === 'string') expectScope(nd.start, 'string.quoted.double.sbpl', `string ${nd.text.slice(0, 20)}`);
      else if (nd.kind === 'regex') expectScope(nd.start + 2, 'string.regexp.sbpl', `regex ${nd.text.slice(0, 20)}`);
      else if (nd.kind === 'symbol' && (parentHead === 'allow' || parentHead === 'deny') && ANY.resolveOperation(nd.text) && !nd.prefix) {
        expectScope(nd.start, 'support.type.operation.sbpl', `operation ${nd.text}`);
      } else if (nd.kind === 'list') {
        const head = headName(nd);
        const h = nd.items[0];
        // a filter at the head of a list inside a rule, written on the same line as its '('
        if (head && h && (parentHead === 'allow' || parentHead === 'deny') && ANY.filterSpelling(head) && !/[\r\n]/.test(text.slice(nd.start, h.start))) {
          expectScope(h.start, 'support.function.filter.sbpl', `filter ${head}`);
        }
        walk(nd.items.slice(head ? 1 : 0), head);
      }
    }
  };
  walk(tree.forms, undefined);
  return problems;
}
