// `sbpl fmt` as a library function (browser-safe: it backs the CLI, an editor's formatter and a playground):
// SBPL text -> its canonical text (layout.ts). It never changes what a profile means: the output is read back
// and must give exactly the data the input gave (the same forms, atoms and strings), or formatting fails.

import { SbplError } from '../../diagnostics/diagnostic.js';
import { DEFAULT_LIMITS } from '../../scheme/limits.js';
import { readSource } from '../../scheme/reader.js';
import { SourceFile } from '../../scheme/source.js';
import { readSyntaxTree, treeComments, type SyntaxTree } from '../../scheme/syntax-tree.js';
import { isEqual, type Value } from '../../scheme/values.js';
import { layoutTree } from './layout.js';

export interface FormatOptions {
  /** Name shown in diagnostics. */
  fileName?: string;
  /** Line width lists are fitted to (default 80). */
  width?: number;
  /** Lists nested inside one another (Limits.maxNesting). */
  maxNesting?: number;
}

export const DEFAULT_FORMAT_WIDTH = 80;

/**
 * The canonical text of an SBPL profile (or fragment, or C-preprocessor template). Throws a located SbplError
 * for text the reader rejects (the reader's codes), and `fmt/changed-meaning` should the layout ever change a
 * datum (a bug: the text is then left alone).
 */
export function formatSbpl(text: string, options: FormatOptions = {}): string {
  const name = options.fileName ?? '<inline>';
  const maxNesting = options.maxNesting ?? DEFAULT_LIMITS.maxNesting;
  const tree = readSyntaxTree(new SourceFile(name, text), { maxNesting });
  const before = readData(name, text, tree, maxNesting);
  const out = formatSyntaxTree(tree, options);
  const after = readData(name, out, readSyntaxTree(new SourceFile(name, out), { maxNesting }), maxNesting);
  const differs = before.length !== after.length || before.some((d, i) => !isEqual(d, after[i]));
  if (differs) {
    const at = before.findIndex((d, i) => !isEqual(d, after[i]));
    throw new SbplError({
      severity: 'error',
      code: 'fmt/changed-meaning',
      message: `formatting would change form ${at + 1} of the profile; the file is left as it is`,
      hint: 'this is a bug in sbpl fmt: please report it with the file',
    });
  }
  return out;
}

/** The canonical text of a syntax tree (built by the reader or by hand, as the profile builder does). */
export function formatSyntaxTree(tree: SyntaxTree, options: Pick<FormatOptions, 'width'> = {}): string {
  return layoutTree(tree, { width: options.width ?? DEFAULT_FORMAT_WIDTH });
}

/** Whether `text` is already in canonical form. */
export function isFormatted(text: string, options: FormatOptions = {}): boolean {
  return formatSbpl(text, options) === text;
}

/**
 * The data the reader reads from `text`, with the C-preprocessor lines of a template blanked out (so a
 * template is checked as the text between its directives; the reader's errors keep their offsets).
 */
function readData(name: string, text: string, tree: SyntaxTree, maxNesting: number): Value[] {
  let masked = text;
  const directives = [...treeComments(tree)].filter((c) => c.kind === 'directive');
  if (directives.length) {
    const parts: string[] = [];
    let at = 0;
    for (const d of directives) {
      parts.push(text.slice(at, d.start), ' '.repeat(d.end - d.start));
      at = d.end;
    }
    parts.push(text.slice(at));
    masked = parts.join('');
  }
  return readSource(new SourceFile(name, masked), { maxNesting }).map((f) => f.datum);
}
