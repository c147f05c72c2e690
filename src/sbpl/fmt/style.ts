// The canonical style's knowledge of SBPL forms: which heads are rules, which take a body (and how many of
// their parts stay on the first line), and which forms are statements that never share a line with a body.

/** allow / deny: operations on the first line (wrapped, aligned), then one filter or modifier per line. */
export const RULE_HEADS: ReadonlySet<string> = new Set(['allow', 'deny']);

/**
 * Forms with a body indented two spaces, by how many parts stay on the first line with the head
 * (`(define (f x)` / `(let ((a 1))` / `(with-filter (subpath "/x")`). Metafilters and `begin` keep none:
 * their parts go one per line under the head.
 */
export const BODY_HEADS: ReadonlyMap<string, number> = new Map([
  ['define', 1],
  ['define-macro', 1],
  ['macro', 1],
  ['lambda', 1],
  ['let', 1],
  ['let*', 1],
  ['letrec', 1],
  ['letrec*', 1],
  ['when', 1],
  ['unless', 1],
  ['case', 1],
  ['do', 2],
  ['with-filter', 1],
  ['with-modifier', 1],
  ['with-operations', 1],
  ['begin', 0],
  ['require-any', 0],
  ['require-all', 0],
  ['require-not', 0],
  ['apply-message-filter', 0],
]);

/** Heads of forms that do something (emit rules, bind names): a body holding one is never printed on one line. */
export const STATEMENT_HEADS: ReadonlySet<string> = new Set([
  ...RULE_HEADS,
  'define',
  'define-macro',
  'macro',
  'begin',
  'when',
  'unless',
  'let',
  'let*',
  'letrec',
  'letrec*',
  'do',
  'with-filter',
  'with-modifier',
  'with-operations',
  'import',
]);
