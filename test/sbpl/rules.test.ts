// Rules: actions, operations (aliases, no-ops), modifiers, first-class values, call chains; the rule context
// forms with-filter / with-modifier / with-operations; message filters; storage classes.
import { describe, expect, it } from 'vitest';
import { readProfile } from '../../src/sbpl/index.js';
import { rules, show, shows } from './helpers.js';

describe('rules', () => {
  it('keeps rules in order with actions, several operations and spans', () => {
    const rs = rules('(deny default)\n(allow file-read* file-write* (subpath "/private/tmp"))');
    expect(rs.map(show)).toEqual(['deny default', 'allow file-read* file-write* (subpath "/private/tmp")']);
    expect(rs[1].span).toMatchObject({ file: 'p.sb', line: 3, column: 1 });
    expect(rs.map((r) => r.id)).toEqual([0, 1]);
  });
  it('several filters in one rule, or several arguments to one filter, are an implicit require-any', () => {
    expect(shows('(allow file-read* (literal "/a" "/b") (subpath "/c"))')).toEqual(['allow file-read* (require-any (require-any (literal "/a") (literal "/b")) (subpath "/c"))']);
  });
  it('modifiers may stand anywhere in the rule', () => {
    expect(shows('(allow (with report) default)\n(deny file-read* (with no-log) (literal "/x"))\n(deny mach-lookup (with send-signal SIGKILL))')).toEqual([
      'allow default (with report)',
      'deny file-read* (literal "/x") (with no-report)',
      'deny mach-lookup (with send-signal 9)',
    ]);
  });
  it('(with termination) is (with send-signal SIGKILL); deprecated modifiers are dropped', () => {
    expect(shows('(deny file-write* (with termination))\n(deny default (with no-callout))\n(allow file-read* (with partial-symbolication))')).toEqual([
      'deny file-write* (with send-signal 9)',
      'deny default',
      'allow file-read*',
    ]);
  });
  it('resolves operation aliases and drops rules naming only no-op operations', () => {
    expect(shows('(allow process-exec)\n(allow ipc-posix-shm)\n(allow file-unlink)\n(allow mach-per-user-lookup)')).toEqual([
      'allow process-exec*',
      'allow ipc-posix-shm*',
      'allow file-write-unlink',
    ]);
    // sysctl-write is also an operation in Sonoma's table, but sbpl1.scm's alias binding wins (A through 10.15;
    // research/semantics.md §2.4 marks it "verify" on 14): (deny sysctl-write) denies reads too
    expect(shows('(allow sysctl-write)')).toEqual(['allow sysctl*']);
    expect(rules('(allow sysctl-write sysctl-read)')[0]).toMatchObject({ operations: ['sysctl*', 'sysctl-read'], operationsWritten: ['sysctl-write', 'sysctl-read'] });
    expect(rules('(allow sysctl-read)')[0].operationsWritten).toBeUndefined();
  });
  it('operations, filters and allow/deny are first-class values', () => {
    const text = `(define (moz-deny feature) (deny feature (with no-log)))
(moz-deny file-write*)
(define (apply-read op path-filter) (op file-read* path-filter))
(apply-read allow (subpath "/usr"))
(define f (literal "/etc/hosts"))
(allow file-read-data f)`;
    expect(shows(text)).toEqual(['deny file-write* (with no-report)', 'allow file-read* (subpath "/usr")', 'allow file-read-data (literal "/etc/hosts")']);
  });
  it('records the helper call that emitted a rule', () => {
    const rs = rules('(define (ro p) (allow file-read* (subpath p)))\n\n(ro "/usr")');
    expect(rs[0].span?.line).toBe(2);
    expect(rs[0].callChain?.[0]).toMatchObject({ line: 4, column: 1 });
  });
});

describe('rule context forms', () => {
  it('with-filter ANDs its filter into every rule of its body, including helpers it calls', () => {
    expect(shows('(define (r) (allow file-read* (subpath "/a")))\n(with-filter (require-entitlement "k") (r) (deny file-write*))')).toEqual([
      'allow file-read* (require-all (subpath "/a") (require-entitlement "k"))',
      'deny file-write* (require-entitlement "k")',
    ]);
  });
  it('with-modifier adds its modifier; with-operations adds operations', () => {
    expect(shows('(with-modifier (with report) (allow file-read* (subpath "/a")))\n(with-operations (list file-read-data) (allow file-read-metadata))')).toEqual([
      'allow file-read* (subpath "/a") (with report)',
      'allow file-read-metadata file-read-data',
    ]);
  });
  it("a profile's own with-filter macro (10.9-10.11 application.sb) takes precedence", () => {
    const own = '(macro (with-filter form) `(begin ,@(cddr form)))';
    expect(shows(`${own}\n(with-filter (literal "/x") (allow file-read*))`)).toEqual(['allow file-read*']);
  });
  it('apply-message-filter collects nested rules (version 2)', () => {
    const r = readProfile('(version 2)\n(allow mach-bootstrap (apply-message-filter (with report) (allow mach-message-send (message-number 207))))', { standardPolicy: false });
    expect(r.ok).toBe(true);
    expect(r.profile.rules).toHaveLength(1);
    expect(r.profile.rules[0].messageFilter?.rules.map(show)).toEqual(['allow mach-message-send (message-number 207)']);
    expect(r.profile.rules[0].messageFilter?.modifiers.map((m) => m.name)).toEqual(['report']);
  });
  it('define-storage-class emits a storage-class-map rule with assign-storage-class', () => {
    expect(shows('(define-storage-class "cls" (subpath "/Volumes/x"))')).toEqual(['allow storage-class-map (subpath "/Volumes/x") (with assign-storage-class cls)']);
  });
});
