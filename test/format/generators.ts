// fast-check generators of SBPL profiles and requests over a small shared vocabulary of paths and names,
// so generated requests actually hit generated rules.
import fc from 'fast-check';
import type { Modifier } from '../../src/sbpl/profile.js';
import type { Request } from '../../src/decide/request.js';

export const PATHS = ['/', '/tmp', '/tmp/a', '/tmp/ab', '/tmp/a/b', '/private/tmp/a', '/private/tmp/a/c', '/usr', '/usr/lib', '/usr/lib/x.dylib', '/etc/hosts', '/var/db', '/a/b.txt'];
const REGEXES = ['^/tmp/', 'a$', '/usr/.*\\.dylib$', 'b', '^/private/(tmp|var)/', '[0-9]', '^/a/b\\.txt$'];
const NAMES = ['com.apple.a', 'com.apple.ab', 'com.apple.b', 'org.x'];
const OPS = ['file-read*', 'file-read-data', 'file-read-metadata', 'file-write*', 'file-write-data', 'file*', 'process-exec', 'network-outbound', 'mach-lookup', 'signal', 'sysctl-read', 'sysctl-write', 'sysctl*', 'mach-task-name', 'process-info-pidinfo', 'file-map-executable', 'default'];
export const REQUEST_OPS = [...OPS.filter((o) => o !== 'default'), 'file-write-create', 'file-test-existence', 'darwin-notification-post', 'job-creation', 'iokit-open-user-client', 'mach-register', 'network-bind', 'mach-message-send'];

const str = (s: string) => JSON.stringify(s);

const pathTest = fc.oneof(
  fc.tuple(fc.constantFrom('literal', 'prefix', 'subpath'), fc.constantFrom(...PATHS)).map(([k, p]) => `(${k} ${str(p)})`),
  fc.constantFrom(...REGEXES).map((r) => `(regex #"${r}")`),
);
const nameTest = fc.tuple(fc.constantFrom('global-name', 'global-name-prefix', 'local-name'), fc.constantFrom(...NAMES)).map(([k, n]) => `(${k} ${str(n)})`);
const otherTest = fc.constantFrom(
  '(vnode-type SYMLINK)',
  '(vnode-type DIRECTORY)',
  '(target self)',
  '(target others)',
  '(socket-domain AF_INET)',
  '(socket-type SOCK_STREAM)',
  '(file-mode #o0004)',
  '(sysctl-name "kern.hostname")',
  '(sysctl-name-prefix "kern.")',
  '(remote tcp "*:443")',
  '(remote ip "localhost:*")',
  '(require-entitlement "com.x")',
  '(require-entitlement "com.x" (entitlement-value #f))',
  '(require-entitlement "com.y" (entitlement-value "v"))',
);
const leaf = fc.oneof({ weight: 4, arbitrary: pathTest }, { weight: 1, arbitrary: nameTest }, { weight: 2, arbitrary: otherTest });

const filterExpr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(tie('e'), { minLength: 1, maxLength: 3 }).map((xs) => `(require-all ${xs.join(' ')})`) },
    { weight: 1, arbitrary: fc.array(tie('e'), { minLength: 1, maxLength: 3 }).map((xs) => `(require-any ${xs.join(' ')})`) },
    { weight: 1, arbitrary: tie('e').map((x) => `(require-not ${x})`) },
  ),
})).e;

const rule = fc
  .tuple(
    fc.constantFrom('allow', 'deny'),
    fc.uniqueArray(fc.constantFrom(...OPS.filter((o) => o !== 'default')), { minLength: 1, maxLength: 2 }),
    fc.option(fc.array(filterExpr, { minLength: 1, maxLength: 2 }), { freq: 4 }),
    fc.integer({ min: 0, max: 5 }),
  )
  .map(([action, ops, filters, m]) => {
    const mod = m === 1 ? (action === 'allow' ? ' (with report)' : ' (with no-report)') : m === 2 ? ' (with send-signal 9)' : m === 3 ? ' (with message "x")' : '';
    return `(${action} ${ops.join(' ')}${mod}${filters ? ' ' + filters.join(' ') : ''})`;
  });

export function genProfileText(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom('allow', 'deny'), fc.array(rule, { maxLength: 8 }))
    .map(([d, rules]) => `(version 1)\n(${d} default)\n${rules.join('\n')}\n`);
}

export function genRequest(): fc.Arbitrary<Request> {
  return fc
    .record({
      operation: fc.constantFrom(...REQUEST_OPS),
      path: fc.option(fc.constantFrom(...PATHS, '/tmp/a/b/c', '/private/var/db'), { freq: 3 }),
      vnodeType: fc.option(fc.constantFrom('SYMLINK', 'DIRECTORY', 'REGULAR-FILE') as fc.Arbitrary<'SYMLINK' | 'DIRECTORY' | 'REGULAR-FILE'>),
      fileMode: fc.option(fc.constantFrom(0o644, 0o600)),
      serviceName: fc.option(fc.constantFrom(...NAMES)),
      target: fc.option(fc.constantFrom('self', 'others') as fc.Arbitrary<'self' | 'others'>),
      socketDomain: fc.option(fc.constantFrom(2, 30)),
      socketType: fc.option(fc.constantFrom(1, 2)),
      sysctlName: fc.option(fc.constantFrom('kern.hostname', 'kern.osversion', 'hw.ncpu')),
      remote: fc.option(fc.constantFrom({ proto: 'tcp' as const, family: 'inet' as const, host: '127.0.0.1', port: 443 }, { proto: 'udp' as const, family: 'inet' as const, host: '8.8.8.8', port: 53 })),
      ent: fc.option(fc.boolean()),
      entY: fc.option(fc.constantFrom('v', 'w')),
    })
    .map((r) => {
      const facts: Request['facts'] = {};
      if (r.path !== null) facts.path = r.path;
      if (r.vnodeType !== null) facts.vnodeType = r.vnodeType;
      if (r.fileMode !== null) facts.fileMode = r.fileMode;
      if (r.serviceName !== null) facts.serviceName = r.serviceName;
      if (r.target !== null) facts.target = r.target;
      if (r.socketDomain !== null) facts.socketDomain = r.socketDomain;
      if (r.socketType !== null) facts.socketType = r.socketType;
      if (r.sysctlName !== null) facts.sysctlName = r.sysctlName;
      if (r.remote !== null) facts.remote = r.remote;
      if (r.ent !== null || r.entY !== null) {
        facts.entitlements = {};
        if (r.ent !== null) facts.entitlements['com.x'] = r.ent;
        if (r.entY !== null) facts.entitlements['com.y'] = r.entY;
      }
      return { operation: r.operation, facts };
    });
}

/** Decision plus what the kernel would do with it: reporting and the other modifiers (names and arguments). */
export function effective(v: { decision: string; modifiers: readonly Modifier[] }): { decision: string; reported: boolean; modifiers: string[] } {
  const names = v.modifiers.map((m) => m.name);
  const reported = v.decision === 'deny' ? !names.includes('no-report') : names.includes('report');
  const modifiers = v.modifiers
    .filter((m) => m.name !== 'report' && m.name !== 'no-report')
    .map((m) => `${m.name}(${m.args.map((a) => String(a)).join(',')})`)
    .sort();
  return { decision: v.decision, reported, modifiers };
}
