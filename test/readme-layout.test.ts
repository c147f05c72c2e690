// The README's layout section is the tree: every folder of src/ has its one line, in pipeline order (the order
// test/architecture.test.ts ranks the stages in), and no line names a folder that is gone.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PIPELINE } from './pipeline.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function layoutLines(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Layout'));
  const block = /```\n([\s\S]*?)```/.exec(section);
  expect(block, 'README has a Layout section with a code block').not.toBeNull();
  return block![1].split('\n').filter((l) => l.trim() !== '');
}

describe('README layout section', () => {
  const lines = layoutLines();
  const named = lines.map((l) => /^src\/([\w-]+)\/\s+\S/.exec(l)?.[1]);

  it('is one line per src/ folder, each with its role', () => {
    expect(named.every((n) => n !== undefined)).toBe(true);
    const folders = readdirSync(join(ROOT, 'src')).filter((n) => statSync(join(ROOT, 'src', n)).isDirectory());
    expect([...named].sort()).toEqual([...folders].sort());
  });

  it('lists the folders in pipeline order', () => {
    expect(named).toEqual(PIPELINE.filter((p) => named.includes(p)));
    expect(named.length).toBe(PIPELINE.length);
  });
});
