// Requests: "may this process perform OPERATION on TARGET?", as typed data.
// Each field is the datum one family of filters reads in the kernel; a filter whose datum is absent
// from the request does not match (docs/semantics.md §3.5).

export type VnodeType =
  | 'REGULAR-FILE'
  | 'DIRECTORY'
  | 'BLOCK-DEVICE'
  | 'CHARACTER-DEVICE'
  | 'SYMLINK'
  | 'SOCKET'
  | 'FIFO'
  | 'TTY';

export type ProcessRelation = 'self' | 'pgrp' | 'others' | 'children' | 'same-sandbox' | 'initproc';

/** A socket address as the kernel sees it at connect/bind time. */
export interface NetEndpoint {
  /** Transport; `ip` filters match both. */
  proto: 'tcp' | 'udp';
  /** Address family of the socket. */
  family: 'inet' | 'inet6';
  /** Numeric address (`127.0.0.1`, `::1`) or `*` when not known. */
  host: string;
  port: number;
}

export type EntitlementValue = boolean | string | string[];

/** What the kernel knows of a request besides its operation: path, vnode type, service name, address, target process... */
export interface RequestFacts {
  /** File path as the caller spelled it (absolute). The decision engine resolves it as the kernel would. */
  path?: string;
  /** Set when `path` is already the kernel's resolved spelling (from a log line or `F_GETPATH`). */
  pathIsResolved?: boolean;
  mountRelativePath?: string;
  xattr?: string;
  /** Permission bits of the target file (st_mode & 07777). */
  fileMode?: number;
  vnodeType?: VnodeType;
  ipcPosixName?: string;
  /** mach-lookup / mach-register service name; which of global-name, local-name, xpc-service-name sees it follows `serviceKind`. */
  serviceName?: string;
  serviceKind?: 'global' | 'local' | 'xpc';
  /** Network endpoints: `remote` for connect/sendto, `local` for bind/listen. */
  remote?: NetEndpoint;
  local?: NetEndpoint;
  /** AF_UNIX socket path (connect/bind to a unix socket): matched by path filters. */
  socketPath?: string;
  controlName?: string;
  socketDomain?: number;
  socketType?: number;
  socketProtocol?: number;
  /** Relation of the target process (signal, process-info*, mach-task-*). */
  target?: ProcessRelation;
  signalNumber?: number;
  sysctlName?: string;
  preferenceDomain?: string;
  notificationName?: string;
  iokitClass?: string;
  iokitProperty?: string;
  appleeventDestination?: string;
  rightName?: string;
  extensionClass?: string;
  kextBundleId?: string;
  nvramVariable?: string;
  /** Executable path of the acting process (process-path filter). */
  processPath?: string;
  signingIdentifier?: string;
  /** Entitlements of the acting process. */
  entitlements?: Record<string, EntitlementValue>;
  /** Sandbox extension classes the process holds that cover the target. */
  extensions?: string[];
  /**
   * Any other filter's datum, keyed by the vocabulary filter name (`fsctl-command`, `syscall-number` ...).
   * An array lists several values held at once (e.g. process-attribute is-platform-binary and is-sandboxed);
   * a filter matches when one of them does.
   */
  other?: Record<string, string | number | boolean | Array<string | number>>;
  /** Do not follow a symlink in the last path component (lstat, readlink, unlink). Default: follow. */
  noFollow?: boolean;
}

/** One kernel check to decide: an operation and its facts. */
export interface Request {
  /** Operation name in the OS vocabulary (aliases such as `process-exec` are accepted and resolved). */
  operation: string;
  facts: RequestFacts;
}
