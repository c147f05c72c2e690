// Our own profile x request table: every precedence rule, every filter kind, path resolution and regex.
// Each case asserts the verdict AND the explanation: the deciding rule (its line in p.sb, or 'fixed'),
// the operation list it was found in, and where it matters the chain walked / the check that failed.
import { describe, expect, it } from 'vitest';
import type { RequestFacts } from '../../src/decide/request.js';
import type { EngineOptions } from '../../src/decide/engine.js';
import type { ReadOptions } from '../../src/sbpl/index.js';
import { ask, deciderLine } from './helpers.js';

interface Case {
  /** Forms after `(version 1)`; the first is on line 2 of p.sb. */
  p: string[];
  op: string;
  f: RequestFacts;
  d: 'allow' | 'deny';
  /** Line of the deciding rule, 'fixed', or a location label for other files (standard policy). */
  by: number | 'fixed' | 'std';
  /** Operation list the decider was found in. */
  in: string;
  chain?: string[];
  check?: 'main' | 'symlink-traversal';
  /** Substring expected in the deciding consulted rule's reason, or in a note. */
  why?: string;
  eo?: EngineOptions;
  co?: ReadOptions;
}

const DD = '(deny default)';
const AD = '(allow default)';
const tcp = (host: string, port: number, family: 'inet' | 'inet6' = host.includes(':') ? 'inet6' : 'inet') => ({ proto: 'tcp' as const, family, host, port });
const udp = (host: string, port: number, family: 'inet' | 'inet6' = host.includes(':') ? 'inet6' : 'inet') => ({ proto: 'udp' as const, family, host, port });

const table: Record<string, Record<string, Case>> = {
  'precedence: filtered rules on one operation': {
    'later allow beats earlier deny': { p: [AD, '(deny file-read* (subpath "/a"))', '(allow file-read* (literal "/a/b"))'], op: 'file-read-data', f: { path: '/a/b' }, d: 'allow', by: 4, in: 'file-read*' },
    'later deny beats earlier allow': { p: [DD, '(allow file-read* (literal "/a/b"))', '(deny file-read* (subpath "/a"))'], op: 'file-read-data', f: { path: '/a/b' }, d: 'deny', by: 4, in: 'file-read*' },
    'earlier rule decides when the later does not match': { p: [DD, '(allow file-read* (subpath "/a"))', '(deny file-read* (literal "/a/c"))'], op: 'file-read-data', f: { path: '/a/b' }, d: 'allow', by: 3, in: 'file-read*' },
    'three rules, middle one matches only': { p: [DD, '(allow file-read* (literal "/x"))', '(deny file-read* (literal "/y"))', '(allow file-read* (literal "/z"))'], op: 'file-read-data', f: { path: '/y' }, d: 'deny', by: 4, in: 'file-read*' },
    'same rule twice: the later copy decides': { p: [DD, '(allow file-read* (literal "/x"))', '(allow file-read* (literal "/x"))'], op: 'file-read-data', f: { path: '/x' }, d: 'allow', by: 4, in: 'file-read*' },
    'rule listing two operations applies to both (first)': { p: [DD, '(allow file-read* file-write* (subpath "/w"))'], op: 'file-write-data', f: { path: '/w/f' }, d: 'allow', by: 3, in: 'file-write*' },
    'rule listing two operations applies to both (second)': { p: [DD, '(allow file-read* file-write* (subpath "/w"))'], op: 'file-read-data', f: { path: '/w/f' }, d: 'allow', by: 3, in: 'file-read*' },
    'a later rule on another op of the same rule list does not interfere': { p: [DD, '(allow file-read* (subpath "/w"))', '(deny file-write* (subpath "/w"))'], op: 'file-read-data', f: { path: '/w/f' }, d: 'allow', by: 3, in: 'file-read*' },
  },
  'precedence: filtered vs unfiltered': {
    'filtered allow before unfiltered deny': { p: [DD, '(allow network-outbound (remote tcp "*:443"))', '(deny network-outbound)'], op: 'network-outbound', f: { remote: tcp('1.2.3.4', 443) }, d: 'allow', by: 3, in: 'network-outbound' },
    'filtered allow after unfiltered deny': { p: [DD, '(deny network-outbound)', '(allow network-outbound (remote tcp "*:443"))'], op: 'network-outbound', f: { remote: tcp('1.2.3.4', 443) }, d: 'allow', by: 4, in: 'network-outbound' },
    'filtered deny vs later unfiltered allow (mxc#754)': { p: [DD, '(deny file-read* (subpath "/s"))', '(allow file-read*)'], op: 'file-read-data', f: { path: '/s/k' }, d: 'deny', by: 3, in: 'file-read*' },
    'unfiltered allow decides when no filtered rule matches': { p: [DD, '(deny file-read* (subpath "/s"))', '(allow file-read*)'], op: 'file-read-data', f: { path: '/t' }, d: 'allow', by: 4, in: 'file-read*' },
    'two unfiltered rules: the later replaced the earlier': { p: [DD, '(allow file-read*)', '(deny file-read*)'], op: 'file-read-data', f: { path: '/t' }, d: 'deny', by: 4, in: 'file-read*', why: 'replaced' },
    'two unfiltered rules, reversed': { p: [DD, '(deny file-read*)', '(allow file-read*)'], op: 'file-read-data', f: { path: '/t' }, d: 'allow', by: 4, in: 'file-read*' },
    'unfiltered rule with a modifier still a fallback': { p: [AD, '(deny file-write* (with no-report))', '(allow file-write* (subpath "/ok"))'], op: 'file-write-data', f: { path: '/ok/x' }, d: 'allow', by: 4, in: 'file-write*' },
  },
  'precedence: default': {
    '(allow default) at the top': { p: [AD, '(deny file-write*)'], op: 'file-read-data', f: { path: '/x' }, d: 'allow', by: 2, in: 'default', chain: ['file-read-data', 'file-read*', 'file*', 'default'] },
    '(allow default) at the bottom': { p: ['(deny file-write*)', AD], op: 'file-read-data', f: { path: '/x' }, d: 'allow', by: 3, in: 'default' },
    '(deny default) vs allow on another op': { p: ['(allow mach-lookup)', DD], op: 'mach-lookup', f: { serviceName: 'a' }, d: 'allow', by: 2, in: 'mach-lookup' },
    'both defaults: the later one wins': { p: [AD, DD], op: 'mach-lookup', f: { serviceName: 'a' }, d: 'deny', by: 3, in: 'default' },
    'no default at all: built-in deny': { p: ['(allow mach-lookup (global-name "a"))'], op: 'mach-lookup', f: { serviceName: 'b' }, d: 'deny', by: 'fixed', in: 'default', why: "'default' starts as deny" },
    'empty profile denies': { p: [], op: 'file-read-data', f: { path: '/' }, d: 'deny', by: 'fixed', in: 'default' },
    'default with a message modifier tags the default deny': { p: ['(deny default (with message "TAG"))'], op: 'file-read-data', f: { path: '/x' }, d: 'deny', by: 2, in: 'default' },
    'filtered rule on default itself': { p: [DD, '(allow default (process-path "/bin/ok"))'], op: 'mach-lookup', f: { serviceName: 'x', processPath: '/bin/ok' }, d: 'allow', by: 3, in: 'default' },
  },
  'precedence: child before parent (childBeforeParent)': {
    'child deny beats later parent allow': { p: [AD, '(deny file-read-data (literal "/k"))', '(allow file-read* (literal "/k"))'], op: 'file-read-data', f: { path: '/k' }, d: 'deny', by: 3, in: 'file-read-data', why: 'childBeforeParent' },
    'child allow beats later parent deny (greywall#20)': { p: [DD, '(allow file-read-data (subpath "/"))', '(deny file-read* (literal "/p/.env"))'], op: 'file-read-data', f: { path: '/p/.env' }, d: 'allow', by: 3, in: 'file-read-data' },
    'parent rule reached when the child has none matching': { p: [DD, '(allow file-read-data (literal "/a"))', '(allow file-read* (literal "/b"))'], op: 'file-read-data', f: { path: '/b' }, d: 'allow', by: 4, in: 'file-read*', chain: ['file-read-data', 'file-read*'] },
    'grandparent rule reached': { p: [DD, '(allow file* (subpath "/g"))'], op: 'file-write-xattr', f: { path: '/g/x' }, d: 'allow', by: 3, in: 'file*', chain: ['file-write-xattr', 'file-write*', 'file*'] },
    'unfiltered child cuts off filtered parent': { p: [AD, '(deny file* (subpath "/d"))', '(allow file-read*)'], op: 'file-read-data', f: { path: '/d/x' }, d: 'allow', by: 4, in: 'file-read*', why: 'cuts off' },
    'unfiltered child deny cuts off parent allow': { p: [DD, '(allow file* (subpath "/d"))', '(deny file-write*)'], op: 'file-write-data', f: { path: '/d/x' }, d: 'deny', by: 4, in: 'file-write*' },
    'sibling rules do not interfere': { p: [DD, '(allow file-read-metadata (subpath "/m"))'], op: 'file-read-data', f: { path: '/m/x' }, d: 'deny', by: 2, in: 'default' },
    'childBeforeParent off: later parent rule wins': { p: [AD, '(deny file-read-data (literal "/k"))', '(allow file-read* (literal "/k"))'], op: 'file-read-data', f: { path: '/k' }, d: 'allow', by: 4, in: 'file-read*', eo: { childBeforeParent: false }, why: 'childBeforeParent is off' },
    'childBeforeParent off: later child rule still wins': { p: [AD, '(allow file-read* (literal "/k"))', '(deny file-read-data (literal "/k"))'], op: 'file-read-data', f: { path: '/k' }, d: 'deny', by: 4, in: 'file-read-data', eo: { childBeforeParent: false } },
    'network-bind falls back to network-inbound': { p: [DD, '(allow network-inbound (local tcp "*:8080"))'], op: 'network-bind', f: { local: tcp('0.0.0.0', 8080) }, d: 'allow', by: 3, in: 'network-inbound', chain: ['network-bind', 'network-inbound'] },
    'managed-preference-read falls back to user-preference-read': { p: [DD, '(allow user-preference-read (preference-domain "com.x"))'], op: 'managed-preference-read', f: { preferenceDomain: 'com.x' }, d: 'allow', by: 3, in: 'user-preference-read', chain: ['managed-preference-read', 'user-preference-read'] },
    'mach-lookup falls back to mach*': { p: [DD, '(allow mach*)'], op: 'mach-lookup', f: { serviceName: 'x' }, d: 'allow', by: 3, in: 'mach*' },
    'ipc-posix-shm-write-data chain': { p: [DD, '(allow ipc-posix* (ipc-posix-name "s"))'], op: 'ipc-posix-shm-write-data', f: { ipcPosixName: 's' }, d: 'allow', by: 3, in: 'ipc-posix*', chain: ['ipc-posix-shm-write-data', 'ipc-posix-shm-write*', 'ipc-posix-shm*', 'ipc-posix*'] },
    'system-kext-load chain to system*': { p: [DD, '(allow system*)'], op: 'system-kext-load', f: { kextBundleId: 'k' }, d: 'allow', by: 3, in: 'system*', chain: ['system-kext-load', 'system-kext*', 'system*'] },
    'device-camera chain': { p: [DD, '(allow device*)'], op: 'device-camera', f: {}, d: 'allow', by: 3, in: 'device*' },
  },
  'terminal (fixed-decision) operations': {
    'file-map-executable under deny default': { p: [DD], op: 'file-map-executable', f: { path: '/x.dylib' }, d: 'allow', by: 'fixed', in: 'file-map-executable' },
    '(deny file*) does not reach file-map-executable': { p: [AD, '(deny file*)'], op: 'file-map-executable', f: { path: '/x.dylib' }, d: 'allow', by: 'fixed', in: 'file-map-executable' },
    'rule naming the terminal op changes it': { p: [AD, '(deny file-map-executable)'], op: 'file-map-executable', f: { path: '/x.dylib' }, d: 'deny', by: 3, in: 'file-map-executable' },
    'filtered rule on a terminal op': { p: [DD, '(deny file-map-executable (subpath "/evil"))'], op: 'file-map-executable', f: { path: '/evil/x.dylib' }, d: 'deny', by: 3, in: 'file-map-executable' },
    'terminal op after a non-matching filtered rule': { p: [DD, '(deny file-map-executable (subpath "/evil"))'], op: 'file-map-executable', f: { path: '/ok/x.dylib' }, d: 'allow', by: 'fixed', in: 'file-map-executable' },
    'iokit-get-properties fixed allow': { p: [DD], op: 'iokit-get-properties', f: { iokitClass: 'IOService' }, d: 'allow', by: 'fixed', in: 'iokit-get-properties' },
    'system-privilege fixed allow': { p: [DD], op: 'system-privilege', f: {}, d: 'allow', by: 'fixed', in: 'system-privilege' },
    'job-creation fixed deny': { p: [AD], op: 'job-creation', f: {}, d: 'deny', by: 'fixed', in: 'job-creation' },
    '(allow job-creation) overrides the fixed deny': { p: [DD, '(allow job-creation)'], op: 'job-creation', f: {}, d: 'allow', by: 3, in: 'job-creation' },
    'file-link fixed allow': { p: [DD], op: 'file-link', f: { path: '/x' }, d: 'allow', by: 'fixed', in: 'file-link' },
    'mach-cross-domain-lookup fixed allow': { p: [DD], op: 'mach-cross-domain-lookup', f: {}, d: 'allow', by: 'fixed', in: 'mach-cross-domain-lookup' },
    'nvram-get via terminal nvram*': { p: [DD], op: 'nvram-get', f: { nvramVariable: 'boot-args' }, d: 'allow', by: 'fixed', in: 'nvram*', chain: ['nvram-get', 'nvram*'] },
    'dynamic-code-generation fixed allow': { p: [DD], op: 'dynamic-code-generation', f: {}, d: 'allow', by: 'fixed', in: 'dynamic-code-generation' },
    '(deny dynamic-code-generation) as Apple profiles do': { p: [DD, '(deny dynamic-code-generation)'], op: 'dynamic-code-generation', f: {}, d: 'deny', by: 3, in: 'dynamic-code-generation' },
    'file-test-existence fixed allow': { p: [DD], op: 'file-test-existence', f: { path: '/x' }, d: 'allow', by: 'fixed', in: 'file-test-existence' },
    'socket-ioctl fixed allow': { p: [DD], op: 'socket-ioctl', f: {}, d: 'allow', by: 'fixed', in: 'socket-ioctl' },
    'file-write-setugid fixed deny': { p: [AD], op: 'file-write-setugid', f: { path: '/x' }, d: 'deny', by: 'fixed', in: 'file-write-setugid' },
    'darwin-notification-post fixed allow': { p: [DD], op: 'darwin-notification-post', f: { notificationName: 'n' }, d: 'allow', by: 'fixed', in: 'darwin-notification-post' },
    'file-clone fixed allow': { p: [DD], op: 'file-clone', f: { path: '/x' }, d: 'allow', by: 'fixed', in: 'file-clone' },
    'storage-class-map fixed deny': { p: [AD], op: 'storage-class-map', f: {}, d: 'deny', by: 'fixed', in: 'storage-class-map' },
    'process-info-codesignature fixed allow': { p: [DD], op: 'process-info-codesignature', f: { target: 'others' }, d: 'allow', by: 'fixed', in: 'process-info-codesignature' },
    'process-info* rule on the terminal parent': { p: [AD, '(deny process-info* (target others))'], op: 'process-info-pidinfo', f: { target: 'others' }, d: 'deny', by: 3, in: 'process-info*' },
    'process-info* unfiltered deny replaces the fixed allow': { p: [AD, '(deny process-info*)'], op: 'process-info-listpids', f: {}, d: 'deny', by: 3, in: 'process-info*' },
  },
  'standard policy and aliases': {
    'signal to self allowed by the standard policy': { p: [DD], op: 'signal', f: { target: 'self' }, d: 'allow', by: 'std', in: 'signal' },
    'mach-task-name to self allowed by the standard policy': { p: [DD], op: 'mach-task-name', f: { target: 'self' }, d: 'allow', by: 'std', in: 'mach-task-name' },
    'profile deny of signal to self loses to the appended policy': { p: [AD, '(deny signal (target self))'], op: 'signal', f: { target: 'self' }, d: 'allow', by: 'std', in: 'signal' },
    'signal to others is not covered': { p: [DD], op: 'signal', f: { target: 'others' }, d: 'deny', by: 2, in: 'default' },
    'process-exec alias in a rule': { p: [DD, '(allow process-exec (literal "/bin/ls"))'], op: 'process-exec*', f: { path: '/bin/ls' }, d: 'allow', by: 3, in: 'process-exec*' },
    'process-exec alias in a request': { p: [DD, '(allow process-exec* (literal "/bin/ls"))'], op: 'process-exec', f: { path: '/bin/ls' }, d: 'allow', by: 3, in: 'process-exec*' },
    'process-exec-interpreter falls back to process-exec*': { p: [DD, '(allow process-exec (subpath "/bin"))'], op: 'process-exec-interpreter', f: { path: '/bin/sh' }, d: 'allow', by: 3, in: 'process-exec*' },
    'iokit-open alias': { p: [DD, '(allow iokit-open (iokit-user-client-class "IOSurfaceRootUserClient"))'], op: 'iokit-open-user-client', f: { iokitClass: 'IOSurfaceRootUserClient' }, d: 'allow', by: 3, in: 'iokit-open*' },
    'sysctl-write alias covers sysctl-read': { p: [AD, '(deny sysctl-write (sysctl-name "kern.x"))'], op: 'sysctl-read', f: { sysctlName: 'kern.x' }, d: 'deny', by: 3, in: 'sysctl*', chain: ['sysctl-read', 'sysctl*'] },
    'sysctl-write alias covers sysctl-write itself': { p: [AD, '(deny sysctl-write (sysctl-name "kern.x"))'], op: 'sysctl-write', f: { sysctlName: 'kern.x' }, d: 'deny', by: 3, in: 'sysctl*', chain: ['sysctl-write', 'sysctl*'] },
    'sysctl-read rule does not cover writes': { p: [DD, '(allow sysctl-read)'], op: 'sysctl-write', f: { sysctlName: 'kern.x' }, d: 'deny', by: 2, in: 'default', chain: ['sysctl-write', 'sysctl*', 'default'] },
  },
  'modifiers never flip the decision': {
    'deny with no-report stays deny': { p: [AD, '(deny file-read* (with no-report) (literal "/q"))'], op: 'file-read-data', f: { path: '/q' }, d: 'deny', by: 3, in: 'file-read*' },
    'allow with report stays allow': { p: [DD, '(allow file-read* (with report) (literal "/q"))'], op: 'file-read-data', f: { path: '/q' }, d: 'allow', by: 3, in: 'file-read*' },
    'deny with send-signal': { p: [AD, '(deny file-write* (with send-signal SIGKILL) (subpath "/ro"))'], op: 'file-write-data', f: { path: '/ro/f' }, d: 'deny', by: 3, in: 'file-write*' },
    'deny with message': { p: [AD, '(deny mach-lookup (with message "no xpc") (global-name "com.x"))'], op: 'mach-lookup', f: { serviceName: 'com.x' }, d: 'deny', by: 3, in: 'mach-lookup' },
    'allow with no-sandbox on exec': { p: [DD, '(allow process-exec (with no-sandbox) (literal "/bin/ls"))'], op: 'process-exec*', f: { path: '/bin/ls' }, d: 'allow', by: 3, in: 'process-exec*' },
  },
  'path filters': {
    'literal exact': { p: [DD, '(allow file-read* (literal "/private/etc/hosts"))'], op: 'file-read-data', f: { path: '/private/etc/hosts' }, d: 'allow', by: 3, in: 'file-read*', why: 'equals' },
    'literal does not match a child': { p: [DD, '(allow file-read* (literal "/a"))'], op: 'file-read-data', f: { path: '/a/b' }, d: 'deny', by: 2, in: 'default' },
    'path spelling = literal': { p: [DD, '(allow file-read* (path "/a"))'], op: 'file-read-data', f: { path: '/a' }, d: 'allow', by: 3, in: 'file-read*' },
    'literal is case-sensitive': { p: [DD, '(allow file-read* (literal "/Users/U"))'], op: 'file-read-data', f: { path: '/Users/u' }, d: 'deny', by: 2, in: 'default' },
    'prefix as string prefix': { p: [DD, '(allow file-read* (prefix "/a/b"))'], op: 'file-read-data', f: { path: '/a/bc' }, d: 'allow', by: 3, in: 'file-read*', why: 'starts with' },
    'path-prefix spelling': { p: [DD, '(allow file-read* (path-prefix "/a/b"))'], op: 'file-read-data', f: { path: '/a/b/c' }, d: 'allow', by: 3, in: 'file-read*' },
    'prefix does not match a shorter path': { p: [DD, '(allow file-read* (prefix "/a/b"))'], op: 'file-read-data', f: { path: '/a' }, d: 'deny', by: 2, in: 'default' },
    'subpath matches itself': { p: [DD, '(allow file-read* (subpath "/a/b"))'], op: 'file-read-data', f: { path: '/a/b' }, d: 'allow', by: 3, in: 'file-read*', why: 'exactly' },
    'subpath matches a deep descendant': { p: [DD, '(allow file-read* (subpath "/a"))'], op: 'file-read-data', f: { path: '/a/b/c/d/e' }, d: 'allow', by: 3, in: 'file-read*', why: 'under' },
    'subpath needs a boundary': { p: [DD, '(allow file-read* (subpath "/a/b"))'], op: 'file-read-data', f: { path: '/a/bc' }, d: 'deny', by: 2, in: 'default' },
    'subpath "/" matches everything': { p: [DD, '(allow file-read* (subpath "/"))'], op: 'file-read-data', f: { path: '/any/thing' }, d: 'allow', by: 3, in: 'file-read*' },
    'trailing-slash subpath = without slash (default)': { p: [DD, '(allow file-read* (subpath "/Library/Keychains/"))'], op: 'file-read-data', f: { path: '/Library/Keychains' }, d: 'allow', by: 3, in: 'file-read*' },
    'trailing-slash subpath, literal option': { p: [DD, '(allow file-read* (subpath "/Library/Keychains/"))'], op: 'file-read-data', f: { path: '/Library/Keychains' }, d: 'deny', by: 2, in: 'default', eo: { match: { subpathTrailingSlash: 'literal' } } },
    'regex on paths': { p: [DD, '(allow file-read* (regex #"^/Users/[^/]+/Documents/"))'], op: 'file-read-data', f: { path: '/Users/u/Documents/a.txt' }, d: 'allow', by: 3, in: 'file-read*', why: 'occurs in' },
    'path-regex spelling': { p: [AD, '(deny file-read* (path-regex #"\\.plist$"))'], op: 'file-read-data', f: { path: '/x/a.plist' }, d: 'deny', by: 3, in: 'file-read*' },
    'regex not found': { p: [AD, '(deny file-read* (regex #"/secret/"))'], op: 'file-read-data', f: { path: '/public/x' }, d: 'allow', by: 2, in: 'default' },
    'literal list is OR': { p: [DD, '(allow file-read* (literal "/a" "/b" "/c"))'], op: 'file-read-data', f: { path: '/c' }, d: 'allow', by: 3, in: 'file-read*' },
    'path filter on a request without a path does not match': { p: [DD, '(allow mach-lookup (subpath "/"))'], op: 'mach-lookup', f: { serviceName: 'x' }, d: 'deny', by: 2, in: 'default', why: 'no path in the request' },
    'process-exec with a path': { p: [DD, '(allow process-exec (subpath "/usr/bin"))'], op: 'process-exec*', f: { path: '/usr/bin/git' }, d: 'allow', by: 3, in: 'process-exec*' },
    'string-append built path': { p: [DD, '(allow file-read* (subpath (string-append "/Users/" "u" "/x")))'], op: 'file-read-data', f: { path: '/Users/u/x/y' }, d: 'allow', by: 3, in: 'file-read*' },
    'with-filter ANDs the outer filter': { p: [DD, '(with-filter (subpath "/a") (allow file-read* (regex #"\\.txt$")))'], op: 'file-read-data', f: { path: '/b/x.txt' }, d: 'deny', by: 2, in: 'default' },
    'with-filter inner and outer both match': { p: [DD, '(with-filter (subpath "/a") (allow file-read* (regex #"\\.txt$")))'], op: 'file-read-data', f: { path: '/a/x.txt' }, d: 'allow', by: 3, in: 'file-read*' },
  },
  'path resolution': {
    '/tmp request, /private/tmp rule, link metadata allowed': { p: [DD, '(allow file-read-metadata (literal "/tmp"))', '(allow file-read* (subpath "/private/tmp"))'], op: 'file-read-data', f: { path: '/tmp/a' }, d: 'allow', by: 4, in: 'file-read*' },
    '/tmp request, subpath /private/tmp only: /tmp link refused': { p: [DD, '(allow file-read* (subpath "/private/tmp"))'], op: 'file-read-data', f: { path: '/tmp/a' }, d: 'deny', by: 2, in: 'default', check: 'symlink-traversal' },
    '/tmp link covered by a subpath "/" metadata rule': { p: [DD, '(allow file-read-metadata (subpath "/"))', '(allow file-read* (subpath "/private/tmp"))'], op: 'file-read-data', f: { path: '/tmp/a' }, d: 'allow', by: 4, in: 'file-read*' },
    'symlink check off: only the main check': { p: [DD, '(allow file-read* (subpath "/private/tmp"))'], op: 'file-read-data', f: { path: '/tmp/a' }, d: 'allow', by: 3, in: 'file-read*', eo: { symlinkTraversalCheck: false } },
    'profile spelling /tmp never matches the kernel path': { p: [AD, '(deny file-write* (subpath "/tmp"))'], op: 'file-write-create', f: { path: '/tmp/x' }, d: 'allow', by: 2, in: 'default' },
    '/private/tmp deny catches /tmp requests': { p: [AD, '(deny file-write* (subpath "/private/tmp"))'], op: 'file-write-create', f: { path: '/tmp/x' }, d: 'deny', by: 3, in: 'file-write*' },
    '/var/folders is /private/var/folders': { p: [AD, '(deny file-write* (subpath "/private/var/folders"))'], op: 'file-write-data', f: { path: '/var/folders/zz/T/f' }, d: 'deny', by: 3, in: 'file-write*' },
    '/etc/hosts is /private/etc/hosts': { p: [DD, '(allow file-read-metadata)', '(allow file-read* (literal "/private/etc/hosts"))'], op: 'file-read-data', f: { path: '/etc/hosts' }, d: 'allow', by: 4, in: 'file-read*' },
    'two-hop chain /etc/resolv.conf -> /var/run/resolv.conf': { p: [DD, '(allow file-read-metadata (literal "/etc" "/private/etc/resolv.conf" "/var"))', '(allow file-read* (literal "/private/var/run/resolv.conf"))'], op: 'file-read-data', f: { path: '/etc/resolv.conf' }, d: 'allow', by: 4, in: 'file-read*' },
    'two-hop chain: intermediate link refused (nono#1771)': { p: [DD, '(allow file-read-metadata (literal "/etc" "/var"))', '(allow file-read* (literal "/private/var/run/resolv.conf"))'], op: 'file-read-data', f: { path: '/etc/resolv.conf' }, d: 'deny', by: 2, in: 'default', check: 'symlink-traversal' },
    'dot-dot resolved before the check': { p: [DD, '(allow file-read* (literal "/private/etc/hosts"))'], op: 'file-read-data', f: { path: '/private/tmp/../etc/hosts' }, d: 'allow', by: 3, in: 'file-read*', why: 'resolves' },
    'dot-dot through a symlink goes up from the target': { p: [DD, '(allow file-read-metadata)', '(allow file-read* (literal "/private/etc/hosts"))'], op: 'file-read-data', f: { path: '/tmp/../etc/hosts' }, d: 'allow', by: 4, in: 'file-read*' },
    'dot and double slash removed': { p: [DD, '(allow file-read* (literal "/a/b"))'], op: 'file-read-data', f: { path: '//a/./b/' }, d: 'allow', by: 3, in: 'file-read*' },
    'literal containing .. never matches': { p: [DD, '(allow file-read* (literal "/a/../b"))'], op: 'file-read-data', f: { path: '/a/../b' }, d: 'deny', by: 2, in: 'default' },
    'firmlink: Data spelling of /Users': { p: [DD, '(allow file-read* (subpath "/Users/u"))'], op: 'file-read-data', f: { path: '/System/Volumes/Data/Users/u/f' }, d: 'allow', by: 3, in: 'file-read*', why: 'firmlink' },
    'firmlink: Data-only rule never matches': { p: [DD, '(allow file-read* (subpath "/System/Volumes/Data/Users"))'], op: 'file-read-data', f: { path: '/System/Volumes/Data/Users/u' }, d: 'deny', by: 2, in: 'default' },
    'non-firmlinked Data path keeps its spelling': { p: [DD, '(allow file-read* (subpath "/System/Volumes/Data/sw"))'], op: 'file-read-data', f: { path: '/System/Volumes/Data/sw/x' }, d: 'allow', by: 3, in: 'file-read*' },
    'no-follow: the final symlink is not followed': { p: [DD, '(allow file-write-unlink (literal "/tmp"))'], op: 'file-write-unlink', f: { path: '/tmp', noFollow: true }, d: 'allow', by: 3, in: 'file-write-unlink' },
    'follow: the final symlink is resolved': { p: [DD, '(allow file-read-metadata (literal "/tmp"))'], op: 'file-read-metadata', f: { path: '/tmp' }, d: 'deny', by: 2, in: 'default' },
    'pathIsResolved: no resolution (log-line paths)': { p: [DD, '(allow file-read* (subpath "/tmp"))'], op: 'file-read-data', f: { path: '/tmp/x', pathIsResolved: true }, d: 'allow', by: 3, in: 'file-read*' },
    'custom file system: a symlinked project dir': { p: [DD, '(allow file-read-metadata (literal "/Users/u/proj"))', '(allow file-read* (subpath "/Volumes/work/proj"))'], op: 'file-read-data', f: { path: '/Users/u/proj/src/a.ts' }, d: 'allow', by: 4, in: 'file-read*', eo: { fs: { symlinks: { '/Users/u/proj': '/Volumes/work/proj' }, firmlinks: {} } } },
    'custom file system: a file-read* deny on the link path blocks traversal (metadata check)': { p: [AD, '(deny file-read* (subpath "/Users/u/secret"))'], op: 'file-read-data', f: { path: '/Users/u/secret/k' }, d: 'deny', by: 3, in: 'file-read*', check: 'symlink-traversal', eo: { fs: { symlinks: { '/Users/u/secret': '/Volumes/v/s' }, firmlinks: {} } } },
    'custom file system: a file-read-data deny on the link path does not protect the target': { p: [AD, '(deny file-read-data (subpath "/Users/u/secret"))'], op: 'file-read-data', f: { path: '/Users/u/secret/k' }, d: 'allow', by: 2, in: 'default', eo: { fs: { symlinks: { '/Users/u/secret': '/Volumes/v/s' }, firmlinks: {} } } },
    'custom file system: relative link target': { p: [DD, '(allow file-read-metadata)', '(allow file-read* (literal "/opt/app/v2/bin"))'], op: 'file-read-data', f: { path: '/opt/app/current/bin' }, d: 'allow', by: 4, in: 'file-read*', eo: { fs: { symlinks: { '/opt/app/current': 'v2' }, firmlinks: {} } } },
    'node table fills vnode-type': { p: [DD, '(allow file-read* (require-all (subpath "/dev") (vnode-type CHARACTER-DEVICE)))'], op: 'file-read-data', f: { path: '/dev/null' }, d: 'allow', by: 3, in: 'file-read*' },
    'node table fills the file mode': { p: [AD, '(deny file-read* (file-mode #o0004))'], op: 'file-read-data', f: { path: '/private/etc/master.passwd' }, d: 'allow', by: 2, in: 'default' },
    'unix socket path resolved': { p: [DD, '(allow network-outbound (literal "/private/var/run/syslog"))'], op: 'network-outbound', f: { socketPath: '/private/var/run/syslog' }, d: 'allow', by: 3, in: 'network-outbound' },
    'unix socket via /var spelling needs the link': { p: [DD, '(allow network-outbound (literal "/private/var/run/syslog"))'], op: 'network-outbound', f: { socketPath: '/var/run/syslog' }, d: 'deny', by: 2, in: 'default', check: 'symlink-traversal' },
  },
  'regex dialect': {
    'unanchored search finds the pattern mid-path': { p: [AD, '(deny file-read* (regex #"\\.ssh/"))'], op: 'file-read-data', f: { path: '/Users/u/.ssh/id_rsa' }, d: 'deny', by: 3, in: 'file-read*' },
    '^ anchors the start': { p: [AD, '(deny file-read* (regex #"^/etc"))'], op: 'file-read-data', f: { path: '/private/etc/x' }, d: 'allow', by: 2, in: 'default' },
    'alternation group': { p: [DD, '(allow file-read* (regex #"^/(usr|bin)/"))'], op: 'file-read-data', f: { path: '/bin/ls' }, d: 'allow', by: 3, in: 'file-read*' },
    'interval {16} exact': { p: [DD, '(allow file-read* (regex #"~[-A-Za-z0-9_]{16}$"))'], op: 'file-read-data', f: { path: '/L/~0123456789abcdef' }, d: 'allow', by: 3, in: 'file-read*' },
    'interval too short': { p: [DD, '(allow file-read* (regex #"~[-A-Za-z0-9_]{16}$"))'], op: 'file-read-data', f: { path: '/L/~0123456789abcde' }, d: 'deny', by: 2, in: 'default' },
    'negated class': { p: [DD, '(allow file-read* (regex #"^/Users/[^/]+$"))'], op: 'file-read-data', f: { path: '/Users/u/x' }, d: 'deny', by: 2, in: 'default' },
    '(?: is literal: ** glob deny matches nothing deep (nono#1764)': { p: [AD, '(deny file-read-data (regex #"^/p/(?:.*/)?\\.env$"))'], op: 'file-read-data', f: { path: '/p/deep/.env' }, d: 'allow', by: 2, in: 'default', why: 'does not occur' },
    'plain group version of the same glob works': { p: [AD, '(deny file-read-data (regex #"^/p/(.*/)?\\.env$"))'], op: 'file-read-data', f: { path: '/p/deep/.env' }, d: 'deny', by: 3, in: 'file-read-data' },
    '\\d is the letter d': { p: [AD, '(deny file-read* (regex #"/v\\d+/"))'], op: 'file-read-data', f: { path: '/api/v2/x' }, d: 'allow', by: 2, in: 'default' },
    'regex over UTF-8 bytes': { p: [DD, '(allow file-read* (regex #"/caf..$"))'], op: 'file-read-data', f: { path: '/caf\u00e9' }, d: 'allow', by: 3, in: 'file-read*' },
    'regex on service names': { p: [DD, '(allow mach-lookup (global-name-regex #"^com\\.apple\\.[a-z]+d$"))'], op: 'mach-lookup', f: { serviceName: 'com.apple.logd' }, d: 'allow', by: 3, in: 'mach-lookup' },
  },
  'string filters on other data': {
    'global-name literal': { p: [DD, '(allow mach-lookup (global-name "com.apple.logd"))'], op: 'mach-lookup', f: { serviceName: 'com.apple.logd' }, d: 'allow', by: 3, in: 'mach-lookup' },
    'global-name-prefix': { p: [DD, '(allow mach-lookup (global-name-prefix "com.apple."))'], op: 'mach-lookup', f: { serviceName: 'com.apple.x' }, d: 'allow', by: 3, in: 'mach-lookup' },
    'global-name does not see a local service': { p: [DD, '(allow mach-lookup (global-name "com.x"))'], op: 'mach-lookup', f: { serviceName: 'com.x', serviceKind: 'local' }, d: 'deny', by: 2, in: 'default', why: 'no global service name' },
    'local-name sees a local service': { p: [DD, '(allow mach-lookup (local-name "com.x"))'], op: 'mach-lookup', f: { serviceName: 'com.x', serviceKind: 'local' }, d: 'allow', by: 3, in: 'mach-lookup' },
    'xpc-service-name': { p: [DD, '(allow mach-lookup (xpc-service-name "com.x.helper"))'], op: 'mach-lookup', f: { serviceName: 'com.x.helper', serviceKind: 'xpc' }, d: 'allow', by: 3, in: 'mach-lookup' },
    'mach-register with global-name': { p: [DD, '(allow mach-register (global-name "com.me"))'], op: 'mach-register', f: { serviceName: 'com.me' }, d: 'allow', by: 3, in: 'mach-register' },
    'sysctl-name literal': { p: [DD, '(allow sysctl-read (sysctl-name "kern.hostname"))'], op: 'sysctl-read', f: { sysctlName: 'kern.hostname' }, d: 'allow', by: 3, in: 'sysctl-read' },
    'sysctl-name-prefix': { p: [DD, '(allow sysctl-read (sysctl-name-prefix "hw."))'], op: 'sysctl-read', f: { sysctlName: 'hw.ncpu' }, d: 'allow', by: 3, in: 'sysctl-read' },
    'sysctl-name-regex': { p: [DD, '(allow sysctl-read (sysctl-name-regex #"^kern\\.os"))'], op: 'sysctl-read', f: { sysctlName: 'kern.osrelease' }, d: 'allow', by: 3, in: 'sysctl-read' },
    'sysctl-name mismatch': { p: [DD, '(allow sysctl-read (sysctl-name "kern.hostname"))'], op: 'sysctl-read', f: { sysctlName: 'kern.hostnames' }, d: 'deny', by: 2, in: 'default' },
    'preference-domain': { p: [DD, '(allow user-preference-read (preference-domain "com.apple.finder"))'], op: 'user-preference-read', f: { preferenceDomain: 'com.apple.finder' }, d: 'allow', by: 3, in: 'user-preference-read' },
    'notification-name': { p: [DD, '(allow distributed-notification-post (notification-name "com.x.ping"))'], op: 'distributed-notification-post', f: { notificationName: 'com.x.ping' }, d: 'allow', by: 3, in: 'distributed-notification-post' },
    'notification-name-prefix miss': { p: [DD, '(allow distributed-notification-post (notification-name-prefix "com.x."))'], op: 'distributed-notification-post', f: { notificationName: 'org.y' }, d: 'deny', by: 2, in: 'default' },
    'iokit-user-client-class': { p: [DD, '(allow iokit-open (iokit-user-client-class "IOSurfaceRootUserClient"))'], op: 'iokit-open-user-client', f: { iokitClass: 'IOSurfaceRootUserClient' }, d: 'allow', by: 3, in: 'iokit-open*' },
    'iokit-registry-entry-class miss': { p: [DD, '(allow iokit-open* (iokit-registry-entry-class "AGX"))'], op: 'iokit-open-user-client', f: { iokitClass: 'AGXB' }, d: 'deny', by: 2, in: 'default' },
    'iokit-property': { p: [DD, '(allow iokit-set-properties (iokit-property "IOGVA"))'], op: 'iokit-set-properties', f: { iokitProperty: 'IOGVA' }, d: 'allow', by: 3, in: 'iokit-set-properties' },
    'ipc-posix-name': { p: [DD, '(allow ipc-posix-shm-read-data (ipc-posix-name "apple.shm.notification_center"))'], op: 'ipc-posix-shm-read-data', f: { ipcPosixName: 'apple.shm.notification_center' }, d: 'allow', by: 3, in: 'ipc-posix-shm-read-data' },
    'ipc-posix-name-prefix': { p: [DD, '(allow ipc-posix-sem* (ipc-posix-name-prefix "/psm."))'], op: 'ipc-posix-sem-open', f: { ipcPosixName: '/psm.1' }, d: 'allow', by: 3, in: 'ipc-posix-sem*' },
    'xattr': { p: [AD, '(deny file-write-xattr (xattr "com.apple.provenance"))'], op: 'file-write-xattr', f: { path: '/x', xattr: 'com.apple.provenance' }, d: 'deny', by: 3, in: 'file-write-xattr' },
    'xattr-regex': { p: [DD, '(allow file-read-xattr (xattr-regex #"^com\\.apple\\."))'], op: 'file-read-xattr', f: { path: '/x', xattr: 'com.apple.quarantine' }, d: 'allow', by: 3, in: 'file-read-xattr' },
    'appleevent-destination': { p: [DD, '(allow appleevent-send (appleevent-destination "com.apple.finder"))'], op: 'appleevent-send', f: { appleeventDestination: 'com.apple.finder' }, d: 'allow', by: 3, in: 'appleevent-send' },
    'right-name': { p: [DD, '(allow authorization-right-obtain (right-name "system.login.console"))'], op: 'authorization-right-obtain', f: { rightName: 'system.login.console' }, d: 'allow', by: 3, in: 'authorization-right-obtain' },
    'kext-bundle-id': { p: [DD, '(allow system-kext-query (kext-bundle-id "com.apple.iokit.IOUSBFamily"))'], op: 'system-kext-query', f: { kextBundleId: 'com.apple.iokit.IOUSBFamily' }, d: 'allow', by: 3, in: 'system-kext-query' },
    'nvram-variable': { p: [AD, '(deny nvram-set (nvram-variable "boot-args"))'], op: 'nvram-set', f: { nvramVariable: 'boot-args' }, d: 'deny', by: 3, in: 'nvram-set' },
    'extension-class on issue-extension': { p: [DD, '(allow file-issue-extension (extension-class "com.apple.app-sandbox.read"))'], op: 'file-issue-extension', f: { path: '/x', extensionClass: 'com.apple.app-sandbox.read' }, d: 'allow', by: 3, in: 'file-issue-extension' },
    'process-path of the caller': { p: [DD, '(allow file-read* (process-path "/usr/bin/git"))'], op: 'file-read-data', f: { path: '/x', processPath: '/usr/bin/git' }, d: 'allow', by: 3, in: 'file-read*' },
    'signing-identifier': { p: [DD, '(allow file-read* (signing-identifier "com.apple.ls"))'], op: 'file-read-data', f: { path: '/x', signingIdentifier: 'com.apple.ls' }, d: 'allow', by: 3, in: 'file-read*' },
    'control-name': { p: [DD, '(allow network-outbound (control-name "com.apple.network.statistics"))'], op: 'network-outbound', f: { controlName: 'com.apple.network.statistics' }, d: 'allow', by: 3, in: 'network-outbound' },
  },
  'integer, mode and symbol filters': {
    'socket-domain AF_SYSTEM': { p: [DD, '(allow system-socket (socket-domain AF_SYSTEM))'], op: 'system-socket', f: { socketDomain: 32 }, d: 'allow', by: 3, in: 'system-socket' },
    'socket-domain mismatch': { p: [DD, '(allow system-socket (socket-domain AF_SYSTEM))'], op: 'system-socket', f: { socketDomain: 2 }, d: 'deny', by: 2, in: 'default' },
    'socket-domain and socket-type': { p: [DD, '(allow system-socket (require-all (socket-domain AF_INET) (socket-type SOCK_DGRAM)))'], op: 'system-socket', f: { socketDomain: 2, socketType: 2 }, d: 'allow', by: 3, in: 'system-socket' },
    'socket-type wrong': { p: [DD, '(allow system-socket (require-all (socket-domain AF_INET) (socket-type SOCK_DGRAM)))'], op: 'system-socket', f: { socketDomain: 2, socketType: 1 }, d: 'deny', by: 2, in: 'default' },
    'socket-protocol derived from a udp endpoint': { p: [DD, '(allow network-outbound (socket-protocol 17))'], op: 'network-outbound', f: { remote: udp('8.8.8.8', 53) }, d: 'allow', by: 3, in: 'network-outbound' },
    'socket-domain AF_UNIX derived from a unix socket path': { p: [DD, '(allow network-outbound (remote unix-socket))'], op: 'network-outbound', f: { socketPath: '/private/var/run/x.sock' }, d: 'allow', by: 3, in: 'network-outbound' },
    'fsctl-command via other': { p: [DD, '(allow system-fsctl (fsctl-command (_IO "h" 47)))'], op: 'system-fsctl', f: { other: { 'fsctl-command': 26671 } }, d: 'allow', by: 3, in: 'system-fsctl' },
    'ioctl-command mismatch': { p: [DD, '(allow file-ioctl (ioctl-command 1074033781))'], op: 'file-ioctl', f: { path: '/dev/tty', other: { 'ioctl-command': 1 } }, d: 'deny', by: 2, in: 'default' },
    'file-mode bits present': { p: [AD, '(deny file-read* (file-mode #o0004))'], op: 'file-read-data', f: { path: '/x', fileMode: 0o644 }, d: 'deny', by: 3, in: 'file-read*', why: 'has bits' },
    'file-mode bits absent': { p: [AD, '(deny file-read* (file-mode #o0004))'], op: 'file-read-data', f: { path: '/x', fileMode: 0o640 }, d: 'allow', by: 2, in: 'default' },
    'file-mode needs every bit': { p: [AD, '(deny file-read* (file-mode #o0006))'], op: 'file-read-data', f: { path: '/x', fileMode: 0o644 }, d: 'allow', by: 2, in: 'default' },
    'file-mode unknown: no match': { p: [AD, '(deny file-read* (file-mode #o0004))'], op: 'file-read-data', f: { path: '/x' }, d: 'allow', by: 2, in: 'default', why: 'no file-mode' },
    'vnode-type list is OR': { p: [DD, '(allow file-read* (vnode-type DIRECTORY TTY))'], op: 'file-read-data', f: { path: '/dev/ttys001', vnodeType: 'TTY' }, d: 'allow', by: 3, in: 'file-read*' },
    '(tty) shorthand': { p: [DD, '(allow file-ioctl (tty))'], op: 'file-ioctl', f: { path: '/dev/ttys001', vnodeType: 'TTY' }, d: 'allow', by: 3, in: 'file-ioctl' },
    'target self on process-info': { p: [AD, '(deny process-info* (target others))'], op: 'process-info-pidinfo', f: { target: 'self' }, d: 'allow', by: 'fixed', in: 'process-info*' },
    'target same-sandbox': { p: [DD, '(allow signal (target same-sandbox))'], op: 'signal', f: { target: 'same-sandbox' }, d: 'allow', by: 3, in: 'signal' },
    'signal-number SIGKILL': { p: [DD, '(allow signal (signal-number SIGKILL))'], op: 'signal', f: { target: 'others', signalNumber: 9 }, d: 'allow', by: 3, in: 'signal' },
    'signal-number mismatch': { p: [DD, '(allow signal (signal-number SIGKILL))'], op: 'signal', f: { target: 'others', signalNumber: 15 }, d: 'deny', by: 2, in: 'default' },
    'semaphore-owner': { p: [DD, '(allow ipc-posix-sem* (semaphore-owner self))'], op: 'ipc-posix-sem-post', f: { other: { 'semaphore-owner': 'self' } }, d: 'allow', by: 3, in: 'ipc-posix-sem*' },
    'uid integer': { p: [AD, '(deny file-write* (uid 0))'], op: 'file-write-data', f: { path: '/x', other: { uid: 0 } }, d: 'deny', by: 3, in: 'file-write*' },
    'privilege-id constant': { p: [AD, '(deny system-privilege (privilege-id PRIV_NET_PRIVILEGED_TRAFFIC_CLASS))'], op: 'system-privilege', f: { other: { 'privilege-id': 10000 } }, d: 'deny', by: 3, in: 'system-privilege' },
    'process-attribute among several': { p: [DD, '(allow file-read* (process-attribute is-platform-binary))'], op: 'file-read-data', f: { path: '/x', other: { 'process-attribute': ['is-sandboxed', 'is-platform-binary'] } }, d: 'allow', by: 3, in: 'file-read*' },
    'system-attribute absent': { p: [DD, '(allow file-read* (system-attribute apple-internal))'], op: 'file-read-data', f: { path: '/x' }, d: 'deny', by: 2, in: 'default' },
    '(debug-mode) = system-attribute sandbox-debug-mode': { p: [DD, '(allow file-read* (debug-mode))'], op: 'file-read-data', f: { path: '/x', other: { 'system-attribute': 'sandbox-debug-mode' } }, d: 'allow', by: 3, in: 'file-read*' },
    'file-attribute': { p: [AD, '(deny file-write* (file-attribute sip-protected))'], op: 'file-write-data', f: { path: '/System/x', other: { 'file-attribute': 'sip-protected' } }, d: 'deny', by: 3, in: 'file-write*' },
  },
  'entitlements and extensions': {
    'require-entitlement boolean true': { p: [DD, '(allow file-read* (require-entitlement "com.apple.private.x"))'], op: 'file-read-data', f: { path: '/x', entitlements: { 'com.apple.private.x': true } }, d: 'allow', by: 3, in: 'file-read*' },
    'require-entitlement false value': { p: [DD, '(allow file-read* (require-entitlement "com.apple.private.x"))'], op: 'file-read-data', f: { path: '/x', entitlements: { 'com.apple.private.x': false } }, d: 'deny', by: 2, in: 'default', why: 'does not satisfy' },
    'require-entitlement not held': { p: [DD, '(allow file-read* (require-entitlement "com.apple.private.x"))'], op: 'file-read-data', f: { path: '/x', entitlements: {} }, d: 'deny', by: 2, in: 'default', why: 'not held' },
    'entitlement-value string': { p: [DD, '(allow file-read* (require-entitlement "k" (entitlement-value "abc")))'], op: 'file-read-data', f: { path: '/x', entitlements: { k: 'abc' } }, d: 'allow', by: 3, in: 'file-read*' },
    'entitlement-value string in an array': { p: [DD, '(allow file-read* (require-entitlement "k" (entitlement-value "abc")))'], op: 'file-read-data', f: { path: '/x', entitlements: { k: ['x', 'abc'] } }, d: 'allow', by: 3, in: 'file-read*' },
    'entitlement-value-regex': { p: [DD, '(allow file-read* (require-entitlement "k" (entitlement-value-regex #"^group\\.")))'], op: 'file-read-data', f: { path: '/x', entitlements: { k: 'group.com.x' } }, d: 'allow', by: 3, in: 'file-read*' },
    'entitlement-value #f': { p: [DD, '(allow file-read* (require-entitlement "k" (entitlement-value #f)))'], op: 'file-read-data', f: { path: '/x', entitlements: { k: false } }, d: 'allow', by: 3, in: 'file-read*' },
    // libsandbox's internal names, as decompiled blobs spell them: is-bool-true holds only for #t, is-present for any value
    '%entitlement-is-bool-true true': { p: [DD, '(allow file-read* (%entitlement-is-bool-true "k"))'], op: 'file-read-data', f: { path: '/x', entitlements: { k: true } }, d: 'allow', by: 3, in: 'file-read*' },
    '%entitlement-is-bool-true string value': { p: [DD, '(allow file-read* (%entitlement-is-bool-true "k"))'], op: 'file-read-data', f: { path: '/x', entitlements: { k: 'yes' } }, d: 'deny', by: 2, in: 'default', why: 'does not satisfy' },
    '%entitlement-is-bool-true not held': { p: [DD, '(allow file-read* (%entitlement-is-bool-true "k"))'], op: 'file-read-data', f: { path: '/x', entitlements: {} }, d: 'deny', by: 2, in: 'default', why: 'not held' },
    '%entitlement-is-present string value': { p: [DD, '(allow file-read* (%entitlement-is-present "k"))'], op: 'file-read-data', f: { path: '/x', entitlements: { k: 'yes' } }, d: 'allow', by: 3, in: 'file-read*' },
    '%entitlement-is-present not held': { p: [DD, '(allow file-read* (%entitlement-is-present "k"))'], op: 'file-read-data', f: { path: '/x', entitlements: { j: true } }, d: 'deny', by: 2, in: 'default', why: 'not held' },
    'extension held': { p: [DD, '(allow file-read* (extension "com.apple.app-sandbox.read"))'], op: 'file-read-data', f: { path: '/x', extensions: ['com.apple.app-sandbox.read'] }, d: 'allow', by: 3, in: 'file-read*' },
    'extension default class': { p: [DD, '(allow file-write* (extension))'], op: 'file-write-data', f: { path: '/x', extensions: ['com.apple.app-sandbox.read-write'] }, d: 'allow', by: 3, in: 'file-write*' },
    'extension of another class': { p: [DD, '(allow file-write* (extension))'], op: 'file-write-data', f: { path: '/x', extensions: ['com.apple.app-sandbox.read'] }, d: 'deny', by: 2, in: 'default' },
  },
  'network filters': {
    'remote tcp *:443': { p: [DD, '(allow network-outbound (remote tcp "*:443"))'], op: 'network-outbound', f: { remote: tcp('93.184.216.34', 443) }, d: 'allow', by: 3, in: 'network-outbound' },
    'remote tcp port mismatch': { p: [DD, '(allow network-outbound (remote tcp "*:443"))'], op: 'network-outbound', f: { remote: tcp('93.184.216.34', 80) }, d: 'deny', by: 2, in: 'default' },
    'remote ip matches udp': { p: [DD, '(allow network-outbound (remote ip "*:53"))'], op: 'network-outbound', f: { remote: udp('8.8.8.8', 53) }, d: 'allow', by: 3, in: 'network-outbound' },
    'remote ip4 rejects IPv6': { p: [DD, '(allow network-outbound (remote ip4 "*:*"))'], op: 'network-outbound', f: { remote: tcp('2001:db8::1', 443) }, d: 'deny', by: 2, in: 'default' },
    'remote ip6 accepts IPv6': { p: [DD, '(allow network-outbound (remote ip6 "*:*"))'], op: 'network-outbound', f: { remote: tcp('2001:db8::1', 443) }, d: 'allow', by: 3, in: 'network-outbound' },
    'remote tcp6 rejects tcp over IPv4': { p: [DD, '(allow network-outbound (remote tcp6 "*:*"))'], op: 'network-outbound', f: { remote: tcp('1.1.1.1', 443) }, d: 'deny', by: 2, in: 'default' },
    'remote udp4': { p: [DD, '(allow network-outbound (remote udp4 "*:*"))'], op: 'network-outbound', f: { remote: udp('1.1.1.1', 53) }, d: 'allow', by: 3, in: 'network-outbound' },
    'remote udp does not match tcp': { p: [DD, '(allow network-outbound (remote udp "*:*"))'], op: 'network-outbound', f: { remote: tcp('1.1.1.1', 53) }, d: 'deny', by: 2, in: 'default' },
    'localhost matches ::1': { p: [DD, '(allow network-outbound (remote ip "localhost:*"))'], op: 'network-outbound', f: { remote: tcp('::1', 5432) }, d: 'allow', by: 3, in: 'network-outbound' },
    'localhost matches the long ::1 spelling': { p: [DD, '(allow network-outbound (remote ip "localhost:*"))'], op: 'network-outbound', f: { remote: tcp('0:0:0:0:0:0:0:1', 5432) }, d: 'allow', by: 3, in: 'network-outbound' },
    'localhost does not match 127.0.0.2': { p: [DD, '(allow network-outbound (remote ip "localhost:*"))'], op: 'network-outbound', f: { remote: tcp('127.0.0.2', 5432) }, d: 'deny', by: 2, in: 'default' },
    'localhost does not match a LAN address': { p: [DD, '(allow network-outbound (remote ip "localhost:*"))'], op: 'network-outbound', f: { remote: tcp('192.168.1.2', 5432) }, d: 'deny', by: 2, in: 'default' },
    'remote tcp with no address = *:*': { p: [DD, '(allow network-outbound (remote tcp))'], op: 'network-outbound', f: { remote: tcp('1.1.1.1', 1) }, d: 'allow', by: 3, in: 'network-outbound' },
    'local filter reads the local endpoint': { p: [DD, '(allow network-bind (local tcp "localhost:3000"))'], op: 'network-bind', f: { local: tcp('127.0.0.1', 3000) }, d: 'allow', by: 3, in: 'network-bind' },
    'remote filter does not read the local endpoint': { p: [DD, '(allow network-bind (remote tcp "*:3000"))'], op: 'network-bind', f: { local: tcp('127.0.0.1', 3000) }, d: 'deny', by: 2, in: 'default', why: 'no remote endpoint' },
    'network-inbound with local udp4 port': { p: [DD, '(allow network-inbound (local udp4 "*:53"))'], op: 'network-inbound', f: { local: udp('0.0.0.0', 53) }, d: 'allow', by: 3, in: 'network-inbound' },
    'network* covers outbound': { p: [DD, '(allow network* (remote ip "*:*"))'], op: 'network-outbound', f: { remote: tcp('1.1.1.1', 80) }, d: 'allow', by: 3, in: 'network*', chain: ['network-outbound', 'network*'] },
    'bare deny network-outbound refuses unix sockets too': { p: [AD, '(deny network-outbound)'], op: 'network-outbound', f: { socketPath: '/private/var/run/mDNSResponder' }, d: 'deny', by: 3, in: 'network-outbound' },
    'unix socket allowed by path-regex': { p: [DD, '(allow network-outbound (remote unix-socket (path-regex #"^/private/var/run/")))'], op: 'network-outbound', f: { socketPath: '/private/var/run/mDNSResponder' }, d: 'allow', by: 3, in: 'network-outbound' },
    'inet request does not match a unix path rule': { p: [DD, '(allow network-outbound (literal "/private/var/run/syslog"))'], op: 'network-outbound', f: { remote: tcp('1.1.1.1', 514) }, d: 'deny', by: 2, in: 'default' },
  },
  'metafilters and absent data': {
    'require-any: second branch': { p: [DD, '(allow file-read* (require-any (literal "/a") (subpath "/b")))'], op: 'file-read-data', f: { path: '/b/c' }, d: 'allow', by: 3, in: 'file-read*' },
    'require-all: one branch fails': { p: [DD, '(allow file-read* (require-all (subpath "/b") (vnode-type DIRECTORY)))'], op: 'file-read-data', f: { path: '/b/c', vnodeType: 'REGULAR-FILE' }, d: 'deny', by: 2, in: 'default' },
    'require-not of a matching test': { p: [DD, '(allow file-read* (require-not (subpath "/secret")))'], op: 'file-read-data', f: { path: '/secret/k' }, d: 'deny', by: 2, in: 'default' },
    'require-not of a non-matching test': { p: [DD, '(allow file-read* (require-not (subpath "/secret")))'], op: 'file-read-data', f: { path: '/public/k' }, d: 'allow', by: 3, in: 'file-read*' },
    'require-not of an absent datum matches': { p: [DD, '(allow file-read* (require-not (vnode-type SYMLINK)))'], op: 'file-read-data', f: { path: '/x' }, d: 'allow', by: 3, in: 'file-read*' },
    'nested all/any/not': { p: [DD, '(allow file-write* (require-all (subpath "/w") (require-any (regex #"\\.log$") (regex #"\\.txt$")) (require-not (literal "/w/keep.txt"))))'], op: 'file-write-data', f: { path: '/w/keep.txt' }, d: 'deny', by: 2, in: 'default' },
    'nested all/any/not, allowed file': { p: [DD, '(allow file-write* (require-all (subpath "/w") (require-any (regex #"\\.log$") (regex #"\\.txt$")) (require-not (literal "/w/keep.txt"))))'], op: 'file-write-data', f: { path: '/w/a.log' }, d: 'allow', by: 3, in: 'file-write*' },
    'deny with require-not carve-out (codex style)': { p: [AD, '(deny file-write* (require-all (subpath "/repo") (require-not (subpath "/repo/out"))))'], op: 'file-write-create', f: { path: '/repo/out/a' }, d: 'allow', by: 2, in: 'default' },
  },
};

const count = Object.values(table).reduce((n, g) => n + Object.keys(g).length, 0);

describe(`decision table (${count} cases)`, () => {
  it('has at least 150 cases', () => {
    expect(count).toBeGreaterThanOrEqual(150);
  });
  for (const [group, cases] of Object.entries(table)) {
    describe(group, () => {
      for (const [name, c] of Object.entries(cases)) {
        it(name, () => {
          const text = ['(version 1)', ...c.p].join('\n');
          const e = ask(text, c.op, c.f, c.eo ?? {}, c.co ?? {});
          expect(e.decision, 'decision').toBe(c.d);
          expect(e.decidedBy.operation, 'decided in').toBe(c.in);
          if (c.by === 'std') {
            expect(e.decidedBy.rule?.origin).toBe('standard-policy');
          } else {
            expect(deciderLine(e), 'deciding rule').toBe(c.by);
          }
          expect(e.check).toBe(c.check ?? 'main');
          if (c.chain) expect(e.chain).toEqual(c.chain);
          // the chain always starts at the requested operation and ends where the main check decided
          expect(e.chain[0]).toBe(e.operation);
          if (e.check === 'main') expect(e.chain[e.chain.length - 1]).toBe(c.in);
          if (c.why) {
            const texts = [...e.consulted.map((x) => x.why), ...e.notes, ...e.replaced.map((r) => 'replaced ' + r.location), e.decidedBy.fixedReason ?? ''];
            expect(texts.join('\n')).toContain(c.why);
          }
        });
      }
    });
  }
});
