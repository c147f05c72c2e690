// Catalina (simbple's 10.15 tables) has what research/semantics.md §2.1 says, and differs from Sonoma where it says.
import '../../src/vocab/all.js'; // Catalina and the newer releases are registered by the sbpl-kit/vocab entry
import { describe, expect, it } from 'vitest';
import { getVocab } from '../../src/vocab/index.js';

describe('catalina-10.15', () => {
  const c = getVocab('catalina-10.15');
  const s = getVocab('sonoma-14.4.1');

  it('has 145 operations and 69 filters', () => {
    expect(c.operations.length).toBe(145);
    expect(c.filters.length).toBe(69);
  });

  it('places operations at simbple ids', () => {
    const at: Record<string, number> = {
      default: 0, 'file*': 10, 'file-read-data': 21, 'fs-rename': 40, 'iokit-open': 50, 'iokit-get-properties': 52,
      'load-unsigned-code': 73, 'mach*': 75, 'network*': 87, 'process-codesigning-status*': 97, 'process-info*': 103,
      'sysctl*': 115, 'system*': 118, 'user-preference*': 139, 'syscall-unix': 143, 'storage-class-map': 144,
    };
    for (const [name, id] of Object.entries(at)) expect(c.operation(name)?.id, name).toBe(id);
  });

  it('lacks the operations Sonoma added and has the ones Sonoma dropped', () => {
    for (const n of ['file-lock', 'fs-quota*', 'fs-snapshot-mount', 'iokit-open*', 'mach-bootstrap', 'mach-task*',
      'process-codesigning', 'socket-option*', 'syscall-mach', 'system-fcntl', 'xpc-message-send']) {
      expect(c.operation(n), n).toBeUndefined();
      expect(s.operation(n), n).toBeDefined();
    }
    for (const n of ['process-codesigning-status*', 'process-codesigning-status-get', 'process-codesigning-status-set',
      'load-unsigned-code', 'iokit-open']) {
      expect(c.operation(n), n).toBeDefined();
      expect(s.operation(n), n).toBeUndefined();
    }
    // Sonoma still accepts the iokit-open spelling, as an alias of iokit-open*.
    const r = s.resolveOperation('iokit-open');
    expect(r?.kind === 'operation' && r.op.name).toBe('iokit-open*');
  });

  it('has syscall-mask between syscall-number and require-target-with-entitlement (gone on Sonoma)', () => {
    expect(c.filter('syscall-number')?.id).toBe(64);
    expect(c.filter('syscall-mask')?.id).toBe(65);
    expect(c.filter('require-target-with-entitlement')?.id).toBe(66);
    expect(s.filter('syscall-mask')).toBeUndefined();
    expect(s.filter('require-target-with-entitlement')?.id).toBe(65);
    expect(c.filter('kas-info-selector')).toBeUndefined();
  });

  it('agrees with Sonoma on every parent and fixed decision Sonoma copied from it', () => {
    for (const o of s.operations) {
      const old = c.operation(o.name);
      if (!old || o.evidence !== 'B') continue;
      expect([o.name, o.parent, o.fixed]).toEqual([old.name, old.parent, old.fixed]);
    }
  });

  it('has simbple terminal decisions (fixed allow / deny)', () => {
    const fixed = c.operations.filter((o) => o.fixed).map((o) => `${o.name}=${o.fixed}`).sort();
    expect(fixed).toEqual([
      'darwin-notification-post=allow', 'default=deny', 'dynamic-code-generation=allow', 'file-clone=allow',
      'file-link=allow', 'file-map-executable=allow', 'file-test-existence=allow', 'file-write-setugid=deny',
      'iokit-get-properties=allow', 'job-creation=deny', 'mach-cross-domain-lookup=allow', 'nvram*=allow',
      'process-info*=allow', 'process-info-codesignature=allow', 'socket-ioctl=allow', 'storage-class-map=deny',
      'syscall-unix=allow', 'system-privilege=allow',
    ]);
  });

  it('binds the 10.15 syscall names, including ones later xnu retired', () => {
    expect(c.constant('SYS_shared_region_map_and_slide_np')).toBe(438);
    expect(s.constant('SYS_shared_region_map_and_slide_np')).toBeUndefined();
    expect(s.constant('SYS_shared_region_map_and_slide_2_np')).toBe(536);
    expect(c.constant('SYS_read')).toBe(s.constant('SYS_read'));
  });
});
