// The VS Code extension's manifest agrees with the server and with its own files: the settings it
// contributes are the ones the server reads, and the grammar and language configuration it names exist
// and parse. (Packaging itself is `npm run vsix`, which needs the extension's own dependencies.)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SETTING_KEYS } from '../../src/cli/lsp/settings.js';

const EXT = fileURLToPath(new URL('../../editors/vscode/', import.meta.url));
const manifest = JSON.parse(readFileSync(join(EXT, 'package.json'), 'utf8'));
const rootPkg = JSON.parse(readFileSync(join(EXT, '..', '..', 'package.json'), 'utf8'));

describe('VS Code extension manifest', () => {
  it('contributes exactly the settings the language server reads, plus the client-side ones', () => {
    const keys = Object.keys(manifest.contributes.configuration.properties).map((k: string) => k.replace(/^sbpl\./, ''));
    expect(keys.filter((k) => !k.startsWith('server.') && !k.startsWith('trace.')).sort()).toEqual([...SETTING_KEYS].sort());
    const extension = readFileSync(join(EXT, 'src', 'extension.ts'), 'utf8');
    for (const k of SETTING_KEYS) expect(extension, `extension.ts sends ${k} at start-up`).toContain(`cfg.get('${k}')`);
  });

  it('names a language for .sb files whose grammar and configuration exist and parse', () => {
    const [lang] = manifest.contributes.languages;
    expect(lang).toMatchObject({ id: 'sbpl', extensions: ['.sb'] });
    const conf = JSON.parse(readFileSync(join(EXT, lang.configuration), 'utf8'));
    expect(conf.comments).toEqual({ lineComment: ';', blockComment: ['#|', '|#'] });
    expect(new RegExp(conf.wordPattern).exec('(allow file-read* x)')![0]).toBe('allow');
    expect(new RegExp(conf.wordPattern).exec(' file-read* ')![0]).toBe('file-read*');
    const [grammar] = manifest.contributes.grammars;
    expect(grammar.language).toBe('sbpl');
    expect(JSON.parse(readFileSync(join(EXT, grammar.path), 'utf8')).scopeName).toBe(grammar.scopeName);
    expect(manifest.main).toBe('./dist/extension.js');
    expect(existsSync(join(EXT, 'src', 'extension.ts'))).toBe(true);
  });

  it('stays out of the npm package, and its dependencies out of the root runtime dependencies', () => {
    expect(rootPkg.files.some((f: string) => f.startsWith('editors'))).toBe(false);
    for (const dep of Object.keys(manifest.dependencies ?? {})) expect(Object.keys(rootPkg.dependencies)).not.toContain(dep);
  });
});
