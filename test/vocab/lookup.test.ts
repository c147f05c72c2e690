// Lookups the front end and evaluator rely on, on our own inputs.
import { describe, expect, it } from 'vitest';
import { getVocab, hasVocabulary, listVocabularies, normalizeOsId } from '../../src/vocab/all.js';

describe('vocabulary lookup', () => {
  const s = getVocab();

  it('finds vocabularies by short names and rejects unknown ones', () => {
    expect(s.id).toBe('sonoma-14.4.1');
    for (const k of ['sonoma', '14', '14.4', 'SONOMA-14.4.1']) expect(normalizeOsId(k)).toBe('sonoma-14.4.1');
    for (const k of ['catalina', '10.15', 'macos-10.15']) expect(normalizeOsId(k)).toBe('catalina-10.15');
    expect(listVocabularies()).toEqual(['sonoma-14.4.1', 'catalina-10.15', 'macos-15', 'ios-17', 'ios-26', 'any']);
    for (const k of ['15', 'macos-15', '15.2']) expect(normalizeOsId(k)).toBe('macos-15');
    for (const k of ['ios-26', '26']) expect(normalizeOsId(k)).toBe('ios-26');
    expect(hasVocabulary('any')).toBe(true);
    expect(() => getVocab('mojave')).toThrow(/unknown OS vocabulary 'mojave'/);
  });

  it('resolves aliases before table names (sysctl-write means sysctl*), and no-ops', () => {
    const w = s.resolveOperation('sysctl-write');
    expect(w?.kind === 'operation' && w.op.name).toBe('sysctl*');
    expect(s.operation('sysctl-write')?.id).toBe(156);
    expect(s.resolveOperation('mach-per-user-lookup')).toEqual({ kind: 'no-op', alias: 'mach-per-user-lookup' });
    expect(s.resolveOperation('file-read-everything')).toBeUndefined();
  });

  it('walks Sonoma fallback chains from semantics.md §2.2', () => {
    const names = (op: string) => s.fallbackChain(op).map((o) => o.name);
    expect(names('file-read-data')).toEqual(['file-read-data', 'file-read*', 'file*', 'default']);
    expect(names('network-bind')).toEqual(['network-bind', 'network-inbound', 'network*', 'default']);
    expect(names('managed-preference-read')).toEqual(['managed-preference-read', 'user-preference-read', 'user-preference*', 'default']);
    expect(names('process-info-pidinfo')).toEqual(['process-info-pidinfo', 'process-info*']);
    // mach-task-special-port* is fixed allow (libsandbox 14.4.1's op tables; docs/vocab-evidence.md), not under mach-task*
    expect(names('mach-task-special-port-get')).toEqual(['mach-task-special-port-get', 'mach-task-special-port*']);
    expect(names('mach-task-read')).toEqual(['mach-task-read', 'mach-task*', 'mach*', 'default']);
    expect(s.operation('file-write-setugid')?.fixed).toBe('deny');
    expect(s.operation('xpc-message-send')?.fixed).toBe('allow');
  });

  it('spells filters the SBPL way', () => {
    const f = (n: string) => s.filterSpelling(n);
    expect([f('literal')?.filter.name, f('literal')?.spelling.match]).toEqual(['path', 'literal']);
    expect(f('subpath')?.spelling.match).toBe('subpath');
    expect(f('path-regex')?.spelling.match).toBe('regex');
    expect([f('global-name-prefix')?.filter.name, f('global-name-prefix')?.spelling.match]).toEqual(['global-name', 'prefix']);
    expect(f('iokit-user-client-class')?.filter.name).toBe('iokit-registry-entry-class');
    expect(f('to')?.filter.name).toBe('remote');
    expect(f('mount-relative-regex')?.filter.name).toBe('mount-relative-path');
    expect(f('sysctl-name-regex')?.filter.name).toBe('sysctl-name');
    expect(f('kas-info-selector')?.filter.id).toBe(92);
    expect(f('home-subpath')).toBeUndefined();
  });

  it('values bare symbols from the filter first, then the global constants', () => {
    const target = s.filter('target')!;
    expect(s.symbolValue(target, 'same-sandbox')).toBe(5);
    expect(s.symbolValue(s.filter('vnode-type')!, 'TTY')).toBe(0xffff);
    expect(s.symbolValue(s.filter('socket-domain')!, 'AF_SYSTEM')).toBe(32);
    expect(s.symbolValue(s.filter('syscall-number')!, 'SYS_ulock_wait')).toBe(515);
    expect(s.symbolValue(undefined, 'SIGKILL')).toBe(9);
    expect(s.symbolValue(target, 'SIGSYS')).toBe(12);
    expect(s.symbolValue(target, 'nobody')).toBeUndefined();
    // (_IO "h" 47) = 47 + 256 * 104: the same 16-bit form as the named fsctl commands
    expect(s.constant('HFSIOC_SET_HOTFILE_STATE')).toBe(47 + 256 * 'h'.charCodeAt(0));
  });

  it('checks modifiers against actions and operations; termination is checked as send-signal', () => {
    const op = (n: string) => s.operation(n)!;
    expect(s.checkModifier('allow', op('file-read*'), 'no-report')?.severity).toBe('error');
    expect(s.checkModifier('deny', op('file-read*'), 'no-log')).toBeUndefined();
    expect(s.checkModifier('allow', op('process-exec*'), 'no-sandbox')).toBeUndefined();
    expect(s.checkModifier('allow', op('file-read*'), 'no-sandbox')?.message).toMatch(/no-sandbox modifier does not apply to file-read\* operation/);
    expect(s.modifier('termination')).toBeUndefined();
    expect(s.modifierShorthand('termination')).toEqual({ name: 'send-signal', args: [9] });
    expect(s.checkModifier('deny', op('file-read*'), 'termination')).toBeUndefined();
    expect(s.acceptsModifier(op('syscall-unix'), 'termination')).toBe(true);
    expect(s.acceptsModifier(op('syscall-unix'), 'no-callout')).toBe(false);
  });

  it('counts filters of operations that fall back to a wildcard operation', () => {
    const op = (n: string) => s.operation(n)!;
    // process-info* itself lists no target category, its children do: (allow process-info* (target self)) can match.
    expect(op('process-info*').filterClasses).not.toContain('target');
    expect(s.canMatch(op('process-info*'), s.filter('target')!)).toBe(true);
    expect(s.canMatch(op('process-info-listpids'), s.filter('target')!)).toBe(false);
    expect(s.canMatch(op('mach-lookup'), s.filter('path')!)).toBe(false);
    // ... and the compiler accepts it anyway
    expect(s.accepts(op('mach-lookup'), s.filter('path')!)).toBe(true);
    // Sonoma's compiler takes it (Apple 10.15 profiles do this), so it is a warning, not an error.
    expect(s.checkFilter(op('mach-lookup'), s.filter('path')!)?.severity).toBe('warning');
    expect(s.checkFilter(op('mach-lookup'), s.filter('global-name')!)).toBeUndefined();
  });

  it('makes `any` a lenient union', () => {
    const a = getVocab('any');
    expect(a.lenient).toBe(true);
    for (const n of ['file-lock', 'process-codesigning-status*', 'load-unsigned-code']) expect(a.operation(n), n).toBeDefined();
    expect(a.filter('syscall-mask')).toBeDefined();
    expect(a.filter('kas-info-selector')).toBeDefined();
    expect(a.canMatch(a.operation('mach-lookup')!, a.filter('path')!)).toBeUndefined();
    expect(a.constant('SYS_shared_region_map_and_slide_np')).toBe(438);
    expect(a.constant('SYS_mknodat')).toBe(554);
    // operations only older releases have are outside any op table
    expect(a.operation('load-unsigned-code')?.notInOpTable).toBe(true);
    expect(a.fallbackChain('process-codesigning-status-get').map((o) => o.name)).toEqual(
      ['process-codesigning-status-get', 'process-codesigning-status*', 'process*', 'default']);
  });
});
