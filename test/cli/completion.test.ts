// Convention 10: `sbpl completion bash|zsh|fish`, generated from the commander program.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';
import { buildProgram } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'sbpl-completion-'));
const has = (shell: string): boolean => spawnSync(shell, ['-c', 'exit 0']).status === 0;

async function script(shell: string): Promise<string> {
  const r = await runCli(['completion', shell]);
  expect(r.code).toBe(0);
  return r.stdout;
}

const program = await buildProgram();

describe('sbpl completion', () => {
  const commands = program.commands.map((c) => c.name());

  it('every script names every command and every long option of the program', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const text = await script(shell);
      for (const c of program.commands) {
        expect(text, `${shell}: ${c.name()}`).toContain(c.name());
        for (const o of c.options) if (o.long) expect(text, `${shell}: ${c.name()} ${o.long}`).toContain(shell === 'fish' ? `-l ${o.long.slice(2)}` : o.long);
      }
    }
    expect(commands).toContain('completion');
    expect((await runCli(['completion', 'tcsh'])).code).toBe(2);
  });

  it('bash: completes command names and the options of the command being typed', async () => {
    const file = join(dir, 'sbpl.bash');
    writeFileSync(file, await script('bash'));
    const complete = (words: string[]): string[] => {
      const cmd = `source ${file}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _sbpl; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.split('\n').filter(Boolean);
    };
    expect(complete(['sbpl', 'que'])).toEqual(['query']);
    expect(complete(['sbpl', 'check', '--wer'])).toEqual(['--werror']);
    expect(complete(['sbpl', 'query', 'p.sb', '--exp'])).toEqual(expect.arrayContaining(['--expect', '--explain']));
  });

  it.skipIf(!has('zsh'))('zsh: the script parses', async () => {
    const file = join(dir, '_sbpl');
    writeFileSync(file, await script('zsh'));
    const r = spawnSync('zsh', ['-n', file], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });

  it.skipIf(!has('fish'))('fish: the script loads and completes a command', async () => {
    const file = join(dir, 'sbpl.fish');
    writeFileSync(file, await script('fish'));
    const r = spawnSync('fish', ['-c', `source ${file}; complete -C 'sbpl que'`], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^query\t/m);
  });
});
