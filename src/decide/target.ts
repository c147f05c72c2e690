// What the TARGET of `sbpl query PROFILE OPERATION TARGET` means for each operation family, and turning it
// into request facts — with notes where the reading is a choice (a pid stands for a relation, a service name
// for a lookup kind, an address without a protocol for tcp).

import { StageError } from '../diagnostics/diagnostic.js';
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
  service: 'a Mach/XPC service name, looked up as a global-name; KIND:NAME picks the lookup: global-name:NAME, local-name:NAME, xpc-service-name:NAME (or global:, local:, xpc:)',
  network: 'PROTO:HOST:PORT (tcp:127.0.0.1:8080, udp:[::1]:53, tcp6:...), HOST:PORT (taken as tcp), or a unix socket path (/path or unix:/path)',
  sysctl: 'a sysctl name (kern.hostname)',
  preference: 'a preference domain (com.apple.finder)',
  notification: 'a notification name',
  iokit: 'an IOKit registry class (IOSurfaceRootUserClient)',
  process: 'the target process relation (self, pgrp, others, children, same-sandbox, initproc) or a numeric pid (1 = initproc, the --self-pid = self, any other = others)',
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

export class TargetError extends StageError {
  constructor(message: string) {
    super(message, 'decide/target', 'input');
    this.name = 'TargetError';
  }
}

export interface TargetOptions {
  /** For network targets: which endpoint the address is (default: remote for outbound, local for bind/inbound). */
  endpoint?: 'local' | 'remote';
  /** The pid of the sandboxed process itself: a numeric target equal to it means `self`. */
  selfPid?: number;
  /** Service lookup kind given separately (e.g. `--service-kind`); must agree with a KIND: prefix. */
  serviceKind?: 'global' | 'local' | 'xpc';
}

/** A target read as request facts, with notes on every reading that was a choice. */
export interface TargetReading {
  facts: RequestFacts;
  notes: string[];
}

/** Service-name prefixes users write, and the lookup kind (which filter sees the name: global-name, local-name, xpc-service-name). */
const SERVICE_KINDS: Record<string, 'global' | 'local' | 'xpc'> = {
  'global-name': 'global', global: 'global',
  'local-name': 'local', local: 'local',
  'xpc-service-name': 'xpc', xpc: 'xpc',
};

const SERVICE_KIND_NOTES: Record<'global' | 'local' | 'xpc', string> = {
  global: 'looked up in the bootstrap namespace (bootstrap_look_up, xpc_connection_create_mach_service): matched by global-name rules',
  local: 'looked up in the local (per-process) namespace: matched by local-name rules only, never by global-name ones',
  xpc: "an XPC service of the application's bundle (xpc_connection_create): matched by xpc-service-name rules only",
};

/** HOST:PORT with no protocol: numeric IPv4, [IPv6], localhost or *. */
const BARE_ENDPOINT = /^(\[[^\]]+\]|\*|localhost|\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/;

/** A numeric process target: the relation the kernel's target filter would see, as far as a number tells. */
function relationOfPid(pid: number, selfPid: number | undefined): { relation: ProcessRelation; note: string } {
  if (selfPid !== undefined && pid === selfPid) return { relation: 'self', note: `pid ${pid} is the sandboxed process itself (--self-pid): relation self` };
  if (pid === 1) {
    return { relation: 'initproc', note: "pid 1 is launchd: relation initproc (a (target others) rule may cover it too on a Mac; the engine holds one relation, query 'others' for that reading)" };
  }
  if (pid === 0) return { relation: 'others', note: 'pid 0 is the kernel task: relation others' };
  return {
    relation: 'others',
    note: `pid ${pid} taken as another process, relation others; if it is the sandboxed process give --self-pid ${pid} or write self — children, pgrp and same-sandbox cannot be told from a number`,
  };
}

/**
 * Facts for `target` of an operation. For network operations the endpoint is the remote one for
 * outbound, the local one for bind/inbound, unless `endpoint` says otherwise.
 */
export function factsFromTarget(vocab: Vocab, operation: string, target: string, endpoint?: 'local' | 'remote'): RequestFacts {
  return readTarget(vocab, operation, target, { endpoint }).facts;
}

/** Like factsFromTarget, with the notes a reading needs (pid → relation, service kind, default protocol). */
export function readTarget(vocab: Vocab, operation: string, target: string, opts: TargetOptions = {}): TargetReading {
  const notes: string[] = [];
  const facts = readFacts(vocab, operation, target, opts, notes);
  return { facts, notes };
}

function readFacts(vocab: Vocab, operation: string, target: string, opts: TargetOptions, notes: string[]): RequestFacts {
  const kind = targetKindOf(vocab, operation);
  const endpoint = opts.endpoint;
  switch (kind) {
    case 'path':
      if (!target.startsWith('/')) throw new TargetError(`${operation} takes ${TARGET_HELP.path}; got '${target}'`);
      return { path: target };
    case 'service': {
      const colon = target.indexOf(':');
      const prefix = colon > 0 ? target.slice(0, colon) : '';
      const given = Object.hasOwn(SERVICE_KINDS, prefix) ? SERVICE_KINDS[prefix] : undefined;
      const name = given ? target.slice(colon + 1) : target;
      if (given && name === '') throw new TargetError(`${operation} takes ${TARGET_HELP.service}; '${target}' has no service name after '${prefix}:'`);
      if (given && opts.serviceKind && opts.serviceKind !== given) {
        throw new TargetError(`'${target}' is a ${prefix} lookup but --service-kind says ${opts.serviceKind}; give one of them`);
      }
      const serviceKind = given ?? opts.serviceKind;
      if (serviceKind) {
        notes.push(`${name}: ${SERVICE_KIND_NOTES[serviceKind]}`);
        return { serviceName: name, serviceKind };
      }
      return { serviceName: name };
    }
    case 'network': {
      if (target.startsWith('/') || target.startsWith('unix:')) {
        const p = target.startsWith('unix:') ? target.slice(5) : target;
        if (!p.startsWith('/')) throw new TargetError(`unix socket path must be absolute, got '${p}'`);
        return { socketPath: p };
      }
      let text = target;
      const bare = BARE_ENDPOINT.exec(target);
      if (bare) {
        text = `tcp:${target}`;
        notes.push(`no protocol in '${target}': taken as tcp (a SOCK_STREAM connect/bind); write udp:${target} for a datagram socket`);
      }
      try {
        const ep = parseEndpoint(text);
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
    case 'process': {
      if (/^\d+$/.test(target)) {
        const r = relationOfPid(Number(target), opts.selfPid);
        notes.push(r.note);
        return { target: r.relation };
      }
      if (!RELATIONS.includes(target as ProcessRelation)) throw new TargetError(`${operation} takes ${TARGET_HELP.process}; got '${target}'`);
      return { target: target as ProcessRelation };
    }
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
