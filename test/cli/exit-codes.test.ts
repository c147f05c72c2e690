// Exit status comes from the diagnostic's kind (src/cli/exit-codes.ts), the same way for every command.
import { describe, expect, it, vi } from 'vitest';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './run-cli.js';
import { buildProgram } from '../../src/cli/main.js';
import { DEFAULT_EXIT_CODES, exitCodeFor, exitTableOf } from '../../src/cli/exit-codes.js';
import { reportFailure } from '../../src/cli/errors.js';
import { DecodeError } from '../../src/format/sonoma14/decode.js';
import { StageError } from '../../src/diagnostics/diagnostic.js';

const FIX = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'decide');
const ANSWER_IS_ONE = ['diff', 'learn', 'run', 'golden'];

describe('exit status from the kind of failure', () => {
  it('every command maps every kind to the documented status', async () => {
    for (const c of (await buildProgram()).commands) {
      const t = exitTableOf(c.name());
      expect(t.usage, c.name()).toBe(2);
      expect(t.internal, c.name()).toBe(70);
      expect(t.output, c.name()).toBe(1);
      expect(t.input, c.name()).toBe(ANSWER_IS_ONE.includes(c.name()) ? 2 : 1);
      for (const k of Object.keys(DEFAULT_EXIT_CODES) as Array<keyof typeof DEFAULT_EXIT_CODES>) expect(exitCodeFor(k, c.name())).toBe(t[k]);
    }
  });

  it('a stage error is reported from its diagnostic; anything else is internal (70)', () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(reportFailure(new DecodeError('bad header', 4), 'decode')).toBe(1);
      expect(reportFailure(new DecodeError('bad header', 4), 'diff')).toBe(2);
      expect(reportFailure(new StageError('no', 'x/y', 'usage'), 'check')).toBe(2);
      expect(reportFailure(new TypeError('boom'), 'check')).toBe(70);
    } finally {
      err.mockRestore();
    }
  });

  it('real runs: usage 2, a bad profile 1 (check, query), 2 for diff', async () => {
    expect((await runCli(['check'])).code).toBe(2);
    expect((await runCli(['check', '--no-such-option', 'x.sb'])).code).toBe(2);
    expect((await runCli(['check', join(FIX, 'missing.sb')])).code).toBe(2);
    const bad = join(FIX, 'bad-regex.sb');
    expect((await runCli(['query', bad, 'file-read-data', '/x'])).code).toBe(1);
    const d = await runCli(['diff', bad, bad]);
    expect(d.code).toBe(2);
  });
});

describe('--limit on every command that reads a profile', () => {
  it('query and compile accept it; a bad limit name is usage (2)', async () => {
    const basic = join(FIX, 'basic.sb');
    const q = await runCli(['query', basic, 'file-read-data', '/x', '-D', 'WORK=/w', '--limit', 'maxRules=1']);
    expect(q.code).toBe(1);
    expect(q.stderr).toContain('limit/rules');
    expect((await runCli(['query', basic, 'file-read-data', '/x', '-D', 'WORK=/w', '--limit', 'noSuchLimit=3'])).code).toBe(2);
    for (const c of (await buildProgram()).commands) {
      if (c.options.some((o) => o.long === '--define') && c.options.some((o) => o.long === '--prelude')) expect(c.options.some((o) => o.long === '--limit'), c.name()).toBe(true);
    }
  });
});
