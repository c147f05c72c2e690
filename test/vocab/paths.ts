// Where the shared research data lives relative to the repo (read in place, never copied).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
export const sharedRoot = resolve(repoRoot, '..', 'shared');
export const corpusRoot = join(sharedRoot, 'corpus');
export const vocabDataRoot = join(sharedRoot, 'data', 'vocab');
export const fixturesRoot = join(repoRoot, 'test', 'fixtures', 'vocab');

export const haveCorpus = existsSync(join(corpusRoot, 'MANIFEST.json'));
export const haveVocabData = existsSync(join(vocabDataRoot, 'ops.json')) && existsSync(join(vocabDataRoot, 'filters.json'));
