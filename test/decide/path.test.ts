import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PathError, PathResolver, STOCK_MACOS_FS, parseFileSystemDescription, type ResolvedPath } from '../../src/decide/path.js';

const r = new PathResolver();

describe('path resolution (stock macOS layout)', () => {
  it.each([
    ['/tmp/x', '/private/tmp/x', ['/tmp']],
    ['/var/folders/zz/T', '/private/var/folders/zz/T', ['/var']],
    ['/etc/hosts', '/private/etc/hosts', ['/etc']],
    ['/etc/resolv.conf', '/private/var/run/resolv.conf', ['/etc', '/private/etc/resolv.conf', '/var']],
    ['/private/tmp/x', '/private/tmp/x', []],
    ['/Users/u/a', '/Users/u/a', []],
    ['/', '/', []],
    ['/a/./b//c/', '/a/b/c', []],
    ['/a/b/../c', '/a/c', []],
    ['/../..', '/', []],
    ['/tmp/../etc/hosts', '/private/etc/hosts', ['/tmp']],
    ['/System/Volumes/Data/Users/u', '/Users/u', []],
    ['/System/Volumes/Data/private/tmp/x', '/private/tmp/x', []],
    ['/System/Volumes/Data/opt/homebrew', '/opt/homebrew', []],
    ['/System/Volumes/Data/other', '/System/Volumes/Data/other', []],
  ])('%s -> %s', (input, path, links) => {
    const res = r.resolve(input);
    expect(res.path).toBe(path);
    expect(res.symlinks.map((s) => s.link)).toEqual(links);
  });
  it('firmlink spellings are recorded', () => {
    expect(r.resolve('/System/Volumes/Data/Users/u').firmlinks).toEqual([{ from: '/System/Volumes/Data/Users', to: '/Users' }]);
  });
  it('does not follow a final symlink on request', () => {
    const res = r.resolve('/tmp', { followFinal: false });
    expect(res.path).toBe('/tmp');
    expect(res.symlinks).toEqual([]);
    expect(r.resolve('/tmp').path).toBe('/private/tmp');
  });
  it('reports bad paths clearly', () => {
    expect(() => r.resolve('relative')).toThrow(PathError);
    expect(() => r.resolve('relative')).toThrow("path must be absolute: 'relative'");
    const loop = new PathResolver({ symlinks: { '/a': '/b', '/b': '/a' }, firmlinks: {} });
    expect(() => loop.resolve('/a/x')).toThrow('too many levels of symbolic links (ELOOP)');
    expect(() => r.resolve('/' + 'x'.repeat(2000))).toThrow('ENAMETOOLONG');
  });
  it('property: resolving is idempotent and yields clean absolute paths', () => {
    const part = fc.constantFrom('tmp', 'var', 'etc', 'private', 'a', 'b', '.', '..', '', 'System', 'Volumes', 'Data', 'Users', 'resolv.conf');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), (parts) => {
        const once = r.resolve('/' + parts.join('/')).path;
        expect(once.startsWith('/')).toBe(true);
        expect(once === '/' || !once.endsWith('/')).toBe(true);
        expect(once.split('/').slice(1).some((p) => p === '.' || p === '..' || (p === '' && once !== '/'))).toBe(false);
        expect(r.resolve(once).path).toBe(once);
        expect(r.isCanonical(once)).toBe(true);
      }),
    );
  });
});

describe('path resolution on the text (clean paths) against the component walk', () => {
  // random layouts of our own: links at any depth, relative and absolute targets (clean or not, chains, loops),
  // firmlinks, node tables; every path resolves the same both ways, errors included
  const name = fc.constantFrom('a', 'b', 'c', 'tmp', 'private', 'Data');
  const absPath = fc.array(name, { minLength: 1, maxLength: 3 }).map((xs) => '/' + xs.join('/'));
  const target = fc.oneof(absPath, fc.array(fc.oneof(name, fc.constantFrom('.', '..')), { minLength: 1, maxLength: 3 }).map((xs) => xs.join('/')), fc.constantFrom('/', 'a/', '/a//b'));
  const layout = fc.record({
    symlinks: fc.dictionary(absPath, target, { maxKeys: 5 }),
    firmlinks: fc.dictionary(absPath.map((p) => '/Data' + p), fc.oneof(absPath, fc.constant('/')), { maxKeys: 3 }),
    nodes: fc.dictionary(absPath, fc.constant({ type: 'DIRECTORY' as const }), { maxKeys: 4 }),
  });
  const outcome = (f: () => ResolvedPath): unknown => {
    try {
      return f();
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  it('property: resolve() equals resolveByComponents() and hasNode() the node table', () => {
    fc.assert(
      fc.property(layout, fc.array(fc.array(name, { minLength: 0, maxLength: 6 }).map((xs) => '/' + xs.join('/')), { minLength: 1, maxLength: 8 }), fc.boolean(), (fs, paths, followFinal) => {
        const res = new PathResolver(fs);
        for (const p of paths) {
          expect(outcome(() => res.resolve(p, { followFinal })), p).toEqual(outcome(() => res.resolveByComponents(p, followFinal)));
          expect(res.hasNode(p), p).toBe(p in fs.nodes);
          // canonical: a path the walk leaves as it is, crossing no link (and a loop is no error here)
          const r = outcome(() => res.resolveByComponents(p, true)) as ResolvedPath | { error: string };
          const crosses = 'error' in r || r.symlinks.length > 0 || r.firmlinks.length > 0 || r.path !== p;
          expect(res.isCanonical(p), p).toBe(!crosses);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('file-system descriptions', () => {
  it('extends the stock layout', () => {
    const fs = parseFileSystemDescription({ extends: 'stock', symlinks: { '/Users/u/p': '/Volumes/w/p' }, nodes: { '/Volumes/w/p/x': { type: 'REGULAR-FILE', mode: '644' } } });
    const res = new PathResolver(fs);
    expect(res.resolve('/Users/u/p/x').path).toBe('/Volumes/w/p/x');
    expect(res.resolve('/tmp').path).toBe('/private/tmp');
    expect(res.node('/Volumes/w/p/x')).toEqual({ type: 'REGULAR-FILE', mode: 0o644 });
  });
  it('an empty layout has no symlinks', () => {
    const res = new PathResolver(parseFileSystemDescription({ symlinks: {} }));
    expect(res.resolve('/tmp/x').path).toBe('/tmp/x');
  });
  it.each([
    [[], "<fs description>: $: expected an object"],
    [{ symlinks: { tmp: '/x' } }, '$.symlinks["tmp"]: key must be an absolute path'],
    [{ symlinks: { '/a': 3 } }, '$.symlinks["/a"]: expected a non-empty string'],
    [{ firmlinks: { '/a': 'b' } }, '$.firmlinks["/a"]: value must be an absolute path'],
    [{ nodes: { '/a': { type: 'FILE' } } }, '$.nodes["/a"].type: expected one of'],
    [{ nodes: { '/a': { mode: 99999 } } }, '$.nodes["/a"].mode: expected an integer'],
    [{ extends: 'ubuntu' }, '$.extends: expected "stock" or "empty"'],
    [{ symlink: {} }, '$.symlink: unknown key'],
  ])('rejects %j', (data, msg) => {
    expect(() => parseFileSystemDescription(data)).toThrow(msg);
  });
  it('the stock description names its sources', () => {
    expect(STOCK_MACOS_FS.description).toContain('firmlinks');
  });
});
