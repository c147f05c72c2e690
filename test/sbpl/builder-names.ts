// The text of src/sbpl/builder/names.ts, made from the vocabularies: the names the builder's types accept.
// Regenerate with: UPDATE_BUILDER_NAMES=1 npx vitest run test/sbpl/builder-names.test.ts
import '../../src/vocab/all.js'; // Catalina and the newer releases are registered by the sbpl-kit/vocab entry
import { getVocab } from '../../src/vocab/index.js';

export const NAME_VOCABULARIES = ['sonoma-14.4.1', 'catalina-10.15'];

function union(name: string, doc: string, values: Iterable<string>): string {
  const sorted = [...new Set(values)].sort();
  return `/** ${doc} */\nexport type ${name} =\n${sorted.map((v) => `  | ${JSON.stringify(v)}`).join('\n')};\n`;
}

export function builderNamesSource(): string {
  const vocabs = NAME_VOCABULARIES.map((id) => getVocab(id));
  const symbolValues = (filter: string) => vocabs.flatMap((v) => Object.keys(v.filter(filter)?.values ?? {}));
  return [
    '// Generated from the vocabularies (' + NAME_VOCABULARIES.join(', ') + ') by test/sbpl/builder-names.ts; do not edit.',
    '// Regenerate with: UPDATE_BUILDER_NAMES=1 npx vitest run test/sbpl/builder-names.test.ts',
    '',
    union('OperationName', 'Operation names and aliases of every vocabulary (a name one OS lacks is reported when the profile is checked).', vocabs.flatMap((v) => v.operationSpellings())),
    union('FilterName', 'Filter procedure names (`subpath`, `global-name-prefix` ...) of every vocabulary.', vocabs.flatMap((v) => v.filterSpellingNames())),
    union('ModifierName', 'Modifier names and aliases (`(with NAME ...)`) of every vocabulary.', [...vocabs.flatMap((v) => v.modifierNames()), ...vocabs.flatMap((v) => Object.keys(v.data.modifierShorthands ?? {}))]),
    union('VnodeType', 'Arguments of `(vnode-type ...)`.', symbolValues('vnode-type')),
    union('TargetName', 'Arguments of `(target ...)`.', symbolValues('target')),
  ].join('\n');
}
