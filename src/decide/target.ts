// What the TARGET of `sbpl query PROFILE OPERATION TARGET` means for each operation family, and turning it
// into request facts.

import type { Vocab } from '../vocab/index.js';
import type { ProcessRelation, RequestFacts } from './request.js';
import { NetworkAddressError, parseEndpoint } from './network.js';

export type TargetKind =
  | 'path'
  | 'service'
  | 'network'
  | 'sysctl'
  | 'preference'
  | 'notification'
  | 'iokit'
  | 'process'
  | 'ipc-posix'
  | 'appleevent'
  | 'right'
  | 'kext'
  | 'nvram'
  | 'extension-class'
  | 'none';

export const TARGET_HELP: Record<TargetKind, string> = {
  path: 'an absolute path (resolved as the kernel would: /tmp -> /private/tmp ...)',
  service: 'a Mach/XPC service name (global-name; --service-kind local|xpc for the others)',
  network: 'PROTO:HOST:PORT (tcp:127.0.0.1:8080, udp:[::1]:53, tcp6:...) or a unix socket path (/path or unix:/path)',
  sysctl: 'a sysctl name (kern.hostname)',
  preference: 'a preference domain (com.apple.finder)',
  notification: 'a notification name',
  iokit: 'an IOKit registry class (IOSurfaceRootUserClient)',
  process: 'the target process relation: self, pgrp, others, children, same-sandbox, initproc',
  'ipc-posix': 'a POSIX shared memory / semaphore name',
  appleevent: 'the destination bundle id',
  right: 'an authorization right name',
  kext: 'a kext bundle id',
  nvram: 'an NVRAM variable name',
  'extension-class': 'a sandbox extension class',
  none: 'no target (give facts with --fact NAME=VALUE)',
};

const RELATIONS: ProcessRelation[] = ['self', 'pgrp', 'others', 'children', 'same-sandbox', 'initproc'];

/** Which kind of target an operation takes, from its name and fallback chain. */
export function targetKindOf(vocab: Vocab, operation: string): TargetKind {
  const chain = vocab.fallbackChain(operation).map((o) => o.name);
  const has = (n: string) => chain.includes(n) || operation === n;
  if (operation === 'mach-lookup' || operation === 'mach-register') return 'service';
  if (has('file*') || has('process-exec*') || operation === 'file-map-executable' || operation === 'file-test-existence' ||
      operation === 'file-link' || operation === 'file-clone' || operation === 'file-write-setugid' || operation === 'qtn-user' ||
      operation === 'fs-rename' || operation === 'process-exec-update-label') return 'path';
  if (has('network*')) return 'network';
  if (has('sysctl*')) return 'sysctl';
  if (has('user-preference*')) return 'preference';
  if (operation === 'darwin-notification-post' || operation === 'distributed-notification-post') return 'notification';
  if (has('iokit*') || operation.startsWith('iokit-')) return 'iokit';
  if (operation === 'signal' || has('process-info*') || operation.startsWith('process-info') || has('mach-task*') || operation === 'mach-priv-task-port') return 'process';
  if (has('ipc-posix*')) return 'ipc-posix';
  if (operation === 'appleevent-send') return 'appleevent';
  if (operation === 'authorization-right-obtain') return 'right';
  if (has('system-kext*')) return 'kext';
  if (has('nvram*') || operation.startsWith('nvram')) return 'nvram';
  if (operation === 'generic-issue-extension' || operation.endsWith('-issue-extension')) return 'extension-class';
  return 'none';
}

export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetError';
  }
}

/**
 * Facts for `target` of an operation. For network operations the endpoint is the remote one for
 * outbound, the local one for bind/inbound, unless `endpoint` says otherwise.
 */
export function factsFromTarget(vocab: Vocab, operation: string, target: string, endpoint?: 'local' | 'remote'): RequestFacts {
  const kind = targetKindOf(vocab, operation);
  switch (kind) {
    case 'path':
      if (!target.startsWith('/')) throw new TargetError(`${operation} takes ${TARGET_HELP.path}; got '${target}'`);
      return { path: target };
    case 'service':
      return { serviceName: target };
    case 'network': {
      if (target.startsWith('/') || target.startsWith('unix:')) {
        const p = target.startsWith('unix:') ? target.slice(5) : target;
        if (!p.startsWith('/')) throw new TargetError(`unix socket path must be absolute, got '${p}'`);
        return { socketPath: p };
      }
      try {
        const ep = parseEndpoint(target);
        const side = endpoint ?? (operation === 'network-outbound' ? 'remote' : operation === 'network-bind' || operation === 'network-inbound' ? 'local' : 'remote');
        return side === 'local' ? { local: ep } : { remote: ep };
      } catch (e) {
        if (e instanceof NetworkAddressError) throw new TargetError(e.message);
        throw e;
      }
    }
    case 'sysctl':
      return { sysctlName: target };
    case 'preference':
      return { preferenceDomain: target };
    case 'notification':
      return { notificationName: target };
    case 'iokit':
      return { iokitClass: target };
    case 'process':
      if (!RELATIONS.includes(target as ProcessRelation)) throw new TargetError(`${operation} takes ${TARGET_HELP.process}; got '${target}'`);
      return { target: target as ProcessRelation };
    case 'ipc-posix':
      return { ipcPosixName: target };
    case 'appleevent':
      return { appleeventDestination: target };
    case 'right':
      return { rightName: target };
    case 'kext':
      return { kextBundleId: target };
    case 'nvram':
      return { nvramVariable: target };
    case 'extension-class':
      return { extensionClass: target };
    case 'none':
      throw new TargetError(`${operation} takes no target; give request facts with --fact NAME=VALUE (or a JSON request)`);
  }
}
