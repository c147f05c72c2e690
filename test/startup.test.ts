// Start-up loads only what the command line needs (docs/performance.md "Start-up"): a registered vocabulary
// loader runs the first time its vocabulary is asked for, and the bundled `sbpl --help` / `sbpl query` do not
// load the Node built-ins that only other commands use (node:crypto for atomic writes and hashes,
// node:child_process for commander's executable subcommands).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getVocab, hasVocabulary, listVocabularies, registerVocabularies } from '../src/vocab/index.js';
import { sonoma } from '../src/vocab/data/sonoma-14.4.1.js';

describe('vocabulary loaders', () => {
  it('run once, on the first lookup of their vocabulary (or of any), not at registration', () => {
    let calls = 0;
    registerVocabularies({
      'test-lazy-1': () => {
        calls++;
        return { ...sonoma, id: 'test-lazy-1', displayName: 'a loader under test' };
      },
    });
    expect(calls).toBe(0);
    expect(hasVocabulary('test-lazy-1')).toBe(true);
    expect(listVocabularies()).toContain('test-lazy-1');
    expect(calls).toBe(0);
    expect(getVocab('test-lazy-1').data.displayName).toBe('a loader under test');
    expect(getVocab('test-lazy-1').id).toBe('test-lazy-1');
    getVocab('any');
    expect(calls).toBe(1);
  });

  it('a loader that fails reports its error where the vocabulary is asked for', () => {
    registerVocabularies({
      'test-lazy-2': () => {
        throw new Error('test-lazy-2: slot 3 names no operation');
      },
    });
    expect(() => getVocab('test-lazy-2')).toThrow(/slot 3 names no operation/);
  });
});

const BIN = fileURLToPath(new URL('../dist/cli/bundle/sbpl.js', import.meta.url));
const built = existsSync(BIN);
if (!built) console.warn('[skip] dist/cli/bundle/sbpl.js not built (npm run build): bundled start-up checks skipped');

describe.skipIf(!built)('bundled CLI start-up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sbpl-startup-'));
  const hook = join(dir, 'hook.cjs');
  const list = join(dir, 'builtins.json');
  // records the Node built-ins the process loaded, when it exits
  writeFileSync(
    hook,
    `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)))));\n`,
  );
  const profile = join(dir, 'p.sb');
  writeFileSync(profile, '(version 1)\n(deny default)\n(allow file-read* (subpath "/usr/lib"))\n');

  function builtinsOf(args: string[]): { out: string; builtins: string[] } {
    const out = execFileSync(process.execPath, ['-r', hook, BIN, ...args], { encoding: 'utf8' });
    return { out, builtins: JSON.parse(readFileSync(list, 'utf8')) as string[] };
  }

  it('sbpl --help loads neither node:crypto nor node:child_process', () => {
    const { out, builtins } = builtinsOf(['--help']);
    expect(out).toMatch(/query/);
    expect(builtins).not.toContain('crypto');
    expect(builtins).not.toContain('child_process');
  });

  it('sbpl query answers without loading them either', () => {
    const { out, builtins } = builtinsOf(['query', profile, 'file-read-data', '/usr/lib/libc.dylib']);
    expect(out).toMatch(/^ALLOW file-read-data/);
    expect(builtins).not.toContain('crypto');
    expect(builtins).not.toContain('child_process');
  });
});
