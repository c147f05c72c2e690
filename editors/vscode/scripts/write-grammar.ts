// Write the extension's TextMate grammar from the vocabularies (run from the repository root:
// `npm run vscode:grammar`). test/editor/grammar.test.ts fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sbplTextMateGrammar } from '../../../src/editor/textmate.js';

const out = fileURLToPath(new URL('../syntaxes/sbpl.tmLanguage.json', import.meta.url));
writeFileSync(out, JSON.stringify(sbplTextMateGrammar(), null, 2) + '\n');
console.log(`wrote ${out}`);
