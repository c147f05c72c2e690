// Request preparation: what the kernel has in hand before any rule is consulted, shared by the decision
// engine and the compiled-graph evaluator so the two can only disagree where their rules do:
//  * the operation a request names (a kernel table name first, then SBPL aliases);
//  * the resolved path and socket path (firmlinks, symlinks, `.`/`..`), and node facts from the file-system
//    table (vnode type, mode) the request leaves out;
//  * the symlinks crossed on the way: each needs file-read-metadata on the link (symlinkTraversalCheck).

import type { OperationInfo, Vocab } from '../vocab/index.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { RequestFacts } from './request.js';
import { PathError, PathResolver, STOCK_MACOS_FS, type FileSystemDescription, type ResolvedPath, type SymlinkTraversal } from './path.js';
import { DecideError } from './errors.js';
import { StringTable } from './string-table.js';

/** Facts as the kernel sees them, with the resolutions that produced them. */
export interface PreparedRequest {
  facts: RequestFacts;
  /** Resolution of `path`, when it was resolved. */
  resolved?: ResolvedPath;
  /** Resolution of `socketPath`, when it was resolved. */
  socket?: ResolvedPath;
}

/**
 * The kernel operation a request names. A table name wins over an SBPL alias of the same spelling
 * (`sysctl-write` is kernel op 156 even though SBPL maps the spelling to `sysctl*`). Throws DecideError for
 * names the vocabulary does not know and for aliases that name no kernel operation.
 */
export function requestedOperation(vocab: Vocab, name: string): OperationInfo {
  const direct = vocab.operation(name);
  if (direct) return direct;
  const res = vocab.resolveOperation(name);
  if (!res) {
    const guess = didYouMean(name, vocab.operationSpellings());
    throw new DecideError(`unknown operation '${name}' for ${vocab.id}${guess ? ` (did you mean '${guess}'?)` : ''}`);
  }
  if (res.kind === 'no-op') throw new DecideError(`'${name}' is accepted by SBPL but names no kernel operation (rules using it are discarded); nothing to decide`);
  return res.op;
}

/** Entries per path cache before it is cleared (a bound for long batches of distinct paths). */
const PATH_CACHE_LIMIT = 8192;

const PATH_CANONICAL = 0;
const PATH_CANONICAL_NODE = 1;
const PATH_OTHER = 2;

export class RequestPreparer {
  readonly resolver: PathResolver;
  /** Path normalisation is a pure function of the path and the file-system table: cached per spelling. */
  /** spelling -> PATH_CANONICAL | PATH_CANONICAL_NODE | PATH_OTHER (one probe answers both hot-path questions) */
  private readonly canonical = new StringTable<number>(PATH_CACHE_LIMIT);
  private readonly resolutions = new StringTable<ResolvedPath>(PATH_CACHE_LIMIT);

  constructor(fs: FileSystemDescription = STOCK_MACOS_FS) {
    this.resolver = new PathResolver(fs);
  }

  /** Facts as the kernel sees them: resolved path / socket path, node facts filled from the file-system table. */
  prepare(facts: RequestFacts): PreparedRequest {
    let resolved: ResolvedPath | undefined;
    let socket: ResolvedPath | undefined;
    let path = facts.path;
    let socketPath = facts.socketPath;
    if (path !== undefined && !facts.pathIsResolved) {
      resolved = this.resolvePath(path, !facts.noFollow);
      path = resolved.path;
    }
    if (socketPath !== undefined && !facts.pathIsResolved) {
      socket = this.resolvePath(socketPath, true);
      socketPath = socket.path;
    }
    let vnodeType = facts.vnodeType;
    let fileMode = facts.fileMode;
    if (path !== undefined && (vnodeType === undefined || fileMode === undefined)) {
      const node = this.resolver.node(path);
      if (node) {
        vnodeType ??= node.type;
        fileMode ??= node.mode;
      }
    }
    let out = facts;
    if (path !== facts.path || socketPath !== facts.socketPath || vnodeType !== facts.vnodeType || fileMode !== facts.fileMode) {
      // a copy with the kernel's spellings (Object.assign: object spread is slow in V8 for this shape)
      out = Object.assign({}, facts);
      if (path !== undefined) out.path = path;
      if (socketPath !== undefined) out.socketPath = socketPath;
      if (vnodeType !== undefined) out.vnodeType = vnodeType;
      if (fileMode !== undefined) out.fileMode = fileMode;
    }
    return { facts: out, resolved, socket };
  }

  /**
   * `prepare` for the hot path: undefined when the facts are already what the kernel sees (paths in their
   * canonical spelling, crossing no link, with no node facts to add), so most requests allocate nothing.
   */
  prepareIfNeeded(facts: RequestFacts): PreparedRequest | undefined {
    const path = facts.path;
    const sock = facts.socketPath;
    const r = this.resolver;
    const resolved = facts.pathIsResolved === true;
    if (sock !== undefined && !resolved && this.pathStatus(sock) === PATH_OTHER) return this.prepare(facts);
    if (path === undefined) return undefined;
    const status = this.pathStatus(path);
    if (status === PATH_OTHER ? !resolved : status === PATH_CANONICAL_NODE && (facts.vnodeType === undefined || facts.fileMode === undefined)) return this.prepare(facts);
    // canonical paths cross no link: only node facts can be missing
    if (status === PATH_OTHER && (facts.vnodeType === undefined || facts.fileMode === undefined) && r.hasNode(path)) return this.prepare(facts);
    return undefined;
  }

  private pathStatus(path: string): number {
    let hit = this.canonical.get(path);
    if (hit === undefined) {
      hit = !this.resolver.isCanonical(path) ? PATH_OTHER : this.resolver.hasNode(path) ? PATH_CANONICAL_NODE : PATH_CANONICAL;
      this.canonical.set(path, hit);
    }
    return hit;
  }

  private resolvePath(path: string, followFinal: boolean): ResolvedPath {
    const key = followFinal ? path : `\0${path}`;
    const hit = this.resolutions.get(key);
    if (hit !== undefined) return hit;
    try {
      const r = this.resolver.resolve(path, { followFinal });
      this.resolutions.set(key, r);
      return r;
    } catch (e) {
      if (e instanceof PathError) throw new DecideError(e.message);
      throw e;
    }
  }
}

const NO_LINKS: readonly SymlinkTraversal[] = [];

/** The symlinks a prepared request crossed (its path's, else its socket path's); each is checked in order. */
export function crossedLinks(p: PreparedRequest): readonly SymlinkTraversal[] {
  return p.resolved?.symlinks.length ? p.resolved.symlinks : p.socket?.symlinks ?? NO_LINKS;
}

/** Facts of the traversal check on a link: its path, vnode type SYMLINK, and the process's own facts. */
export function linkFacts(link: string, f: RequestFacts): RequestFacts {
  return {
    path: link,
    pathIsResolved: true,
    vnodeType: 'SYMLINK',
    entitlements: f.entitlements,
    processPath: f.processPath,
    signingIdentifier: f.signingIdentifier,
    other: f.other,
  };
}

/** Remove undefined fields (for printing). */
export function compactFacts(f: RequestFacts): RequestFacts {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined) out[k] = v;
  return out as RequestFacts;
}
