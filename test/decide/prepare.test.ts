// Request preparation, shared by the decision engine and the graph evaluator: the operation a request names,
// the kernel's path spelling, node facts, and the symlinks crossed.
import { describe, expect, it } from 'vitest';
import { getVocab } from '../../src/vocab/index.js';
import { DecideError } from '../../src/decide/errors.js';
import { crossedLinks, linkFacts, requestedOperation, RequestPreparer } from '../../src/decide/prepare.js';

const vocab = getVocab('sonoma-14.4.1');

describe('requestedOperation', () => {
  it('takes a kernel table name over the SBPL alias of the same spelling, and resolves other aliases', () => {
    expect(requestedOperation(vocab, 'sysctl-write').name).toBe('sysctl-write');
    expect(requestedOperation(vocab, 'process-exec').name).toBe('process-exec*');
  });

  it('refuses unknown names (with a guess) and aliases that name no kernel operation', () => {
    expect(() => requestedOperation(vocab, 'file-raed-data')).toThrow(new DecideError("unknown operation 'file-raed-data' for sonoma-14.4.1 (did you mean 'file-read-data'?)"));
    expect(() => requestedOperation(vocab, 'qtn-download')).toThrow(/names no kernel operation/);
  });
});

describe('RequestPreparer', () => {
  const prep = new RequestPreparer();

  it('resolves paths to the kernel spelling, records the links crossed and fills node facts', () => {
    const p = prep.prepare({ path: '/tmp/../tmp/x' });
    expect(p.facts.path).toBe('/private/tmp/x');
    expect(p.resolved?.normalized).toBe(true);
    expect(crossedLinks(p).map((l) => l.link)).toEqual(['/tmp']);
    expect(prep.prepare({ path: '/etc/hosts' }).facts).toMatchObject({ path: '/private/etc/hosts', vnodeType: 'REGULAR-FILE', fileMode: 0o644 });
    // a socket path's links count when the path crossed none
    expect(crossedLinks(prep.prepare({ path: '/private/tmp/x', socketPath: '/var/run/s' })).map((l) => l.link)).toEqual(['/var']);
  });

  it('leaves facts alone on the hot path when the kernel already sees them so', () => {
    const facts = { path: '/private/tmp/x' };
    expect(prep.prepareIfNeeded(facts)).toBeUndefined();
    expect(prep.prepareIfNeeded({ path: '/tmp/x', pathIsResolved: true })).toBeUndefined();
    expect(prep.prepareIfNeeded({ path: '/tmp/x' })?.facts.path).toBe('/private/tmp/x');
    // canonical, but with node facts to add
    expect(prep.prepareIfNeeded({ path: '/private/etc/hosts' })?.facts.vnodeType).toBe('REGULAR-FILE');
  });

  it('turns unresolvable paths into DecideError', () => {
    expect(() => prep.prepare({ path: 'relative/x' })).toThrow(DecideError);
  });

  it('checks a link with the link\'s own facts and the process\'s', () => {
    expect(linkFacts('/tmp', { path: '/private/tmp/x', processPath: '/bin/ls', fileMode: 0o600 })).toEqual({
      path: '/tmp',
      pathIsResolved: true,
      vnodeType: 'SYMLINK',
      entitlements: undefined,
      processPath: '/bin/ls',
      signingIdentifier: undefined,
      other: undefined,
    });
  });
});
