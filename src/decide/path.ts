// Path resolution as the Sandbox kext sees it: the path of the vnode after lookup, i.e. `.`/`..`/`//`
// removed, symlinks resolved, firmlinked Data-volume spellings mapped to the root spelling
// (docs/semantics.md §4; C: sandbox-boostrap vfs-canonicalization report, 14.4.1).
//
// The file system is pluggable: a JSON description of symlinks, firmlinks and (optionally) node types.
// The default describes a stock macOS layout. Every symlink crossed on the way is reported, because
// following it needs `file-read-metadata` on the link itself (§4 "Symlink traversal check").

import { StageError } from '../diagnostics/diagnostic.js';
import { utf8Length } from '../sbpl/filter-arguments.js';
import type { VnodeType } from './request.js';
import { trieChild, trieInsert, trieRoot, type TrieNode as Node } from './component-trie.js';

export interface FsNodeInfo {
  type?: VnodeType;
  /** Permission bits (st_mode & 07777). */
  mode?: number;
}

export interface FileSystemDescription {
  /** Free text shown in explanations. */
  description?: string;
  /** Absolute link path -> link contents (absolute, or relative to the link's directory), as `readlink` prints it. */
  symlinks: Record<string, string>;
  /** Data-volume spelling -> root spelling, e.g. "/System/Volumes/Data/private" -> "/private" (/usr/share/firmlinks). */
  firmlinks: Record<string, string>;
  /** Known nodes: absolute (resolved) path -> type and mode; used when a request does not state them. */
  nodes?: Record<string, FsNodeInfo>;
}

/** The Data-volume mount point whose firmlinked folders appear at `/`. */
export const DATA_VOLUME = '/System/Volumes/Data';

/** Firmlinked folders of macOS 10.15+ (`/usr/share/firmlinks`; public listing of the file on 10.15-14). */
const STOCK_FIRMLINK_DIRS = [
  '/AppleInternal',
  '/Applications',
  '/Library',
  '/System/Library/Caches',
  '/System/Library/Assets',
  '/System/Library/PreinstalledAssets',
  '/System/Library/AssetsV2',
  '/System/Library/PreinstalledAssetsV2',
  '/System/Library/CoreServices/CoreTypes.bundle/Contents/Library',
  '/System/Library/Speech',
  '/Users',
  '/Volumes',
  '/cores',
  '/opt',
  '/private',
  '/usr/local',
  '/usr/libexec/cups',
  '/usr/share/snmp',
];

/**
 * A stock macOS 14 layout. `/etc`, `/tmp`, `/var` are symlinks into `/private` (ls -l /); `/private/etc/resolv.conf`
 * points at `/var/run/resolv.conf` (a two-hop chain through the `/var` link), as shipped on 10.x-14.
 */
export const STOCK_MACOS_FS: FileSystemDescription = {
  description: 'stock macOS 14 layout (/etc, /tmp, /var -> /private/...; firmlinks from /usr/share/firmlinks)',
  symlinks: {
    '/etc': 'private/etc',
    '/tmp': 'private/tmp',
    '/var': 'private/var',
    '/private/etc/resolv.conf': '/var/run/resolv.conf',
  },
  firmlinks: Object.fromEntries(STOCK_FIRMLINK_DIRS.map((d) => [DATA_VOLUME + d, d])),
  nodes: {
    '/': { type: 'DIRECTORY', mode: 0o755 },
    '/private/tmp': { type: 'DIRECTORY', mode: 0o1777 },
    '/private/var/tmp': { type: 'DIRECTORY', mode: 0o1777 },
    '/private/etc/hosts': { type: 'REGULAR-FILE', mode: 0o644 },
    '/private/etc/passwd': { type: 'REGULAR-FILE', mode: 0o644 },
    '/private/etc/master.passwd': { type: 'REGULAR-FILE', mode: 0o600 },
    '/dev/null': { type: 'CHARACTER-DEVICE', mode: 0o666 },
    '/dev/tty': { type: 'TTY', mode: 0o666 },
  },
};

export class PathError extends StageError {
  constructor(message: string, readonly path: string) {
    super(message, 'decide/path', 'input');
    this.name = 'PathError';
  }
}

/** A symlink crossed during resolution. */
export interface SymlinkTraversal {
  /** The link's own path as the kernel names it (resolved parent + link name). */
  link: string;
  /** Its contents. */
  target: string;
}

export interface ResolvedPath {
  /** As given. */
  input: string;
  /** The kernel's spelling: what path filters are matched against. */
  path: string;
  /** Symlinks crossed, in order (intermediate components, and the final one when followed). */
  symlinks: SymlinkTraversal[];
  /** Firmlink spellings mapped (Data-volume prefix -> root prefix). */
  firmlinks: Array<{ from: string; to: string }>;
  /** True when `.`, `..`, `//` or a trailing slash were removed. */
  normalized: boolean;
}

export interface ResolveOptions {
  /** Follow a symlink in the last component (open/stat: yes; lstat/readlink/unlink: no). Default true. */
  followFinal?: boolean;
}

/** MAXSYMLINKS in XNU. */
export const MAX_SYMLINK_HOPS = 32;
/** MAXPATHLEN in XNU. */
export const MAX_PATH_BYTES = 1024;

/** What the file-system table says of a path: a link, with its target. */
interface LinkInfo {
  symlink?: string;
  firmlink?: string;
  /** a symlink's target, when walkClean can substitute it as text (clean, and not the bare root) */
  cleanTarget?: string;
}

type TrieNode = Node<LinkInfo>;

/** A link target the textual walk can substitute: clean (no `.`/`..`/empty component), not the bare root. */
function substitutable(target: string): string | undefined {
  return target !== '/' && target !== '' && isClean(target.startsWith('/') ? target : '/' + target) ? target : undefined;
}

export class PathResolver {
  readonly fs: FileSystemDescription;
  private readonly root: TrieNode = trieRoot();
  private readonly nodes: Map<string, FsNodeInfo>;
  /** the node paths' lengths: a path never seen before is hashed only at a length some node has */
  private readonly nodeLengths = new Set<number>();

  constructor(fs: FileSystemDescription = STOCK_MACOS_FS) {
    this.fs = fs;
    for (const [link, target] of Object.entries(fs.symlinks)) {
      const n = this.insert(link);
      n.symlink = target;
      n.cleanTarget = substitutable(target);
    }
    for (const [from, to] of Object.entries(fs.firmlinks)) this.insert(from).firmlink = to;
    this.nodes = new Map(Object.entries(fs.nodes ?? {}));
    for (const path of this.nodes.keys()) this.nodeLengths.add(path.length);
  }

  private insert(path: string): LinkInfo {
    const node = trieInsert(this.root, path, true);
    return (node.value ??= {});
  }

  /** Known node facts for a resolved path. */
  node(path: string): FsNodeInfo | undefined {
    return this.nodes.get(path);
  }

  isSymlink(path: string): boolean {
    return Object.hasOwn(this.fs.symlinks, path);
  }

  /** True when `input` is already the kernel's spelling: absolute, clean, crossing no symlink or firmlink. */
  isCanonical(input: string): boolean {
    return input.length > 0 && input.charCodeAt(0) === 47 && input.length <= MAX_PATH_BYTES / 4 && isClean(input) && !input.includes('\0') && !this.touchesLink(input);
  }

  hasNode(path: string): boolean {
    return this.nodeLengths.has(path.length) && this.nodes.has(path);
  }

  resolve(input: string, options: ResolveOptions = {}): ResolvedPath {
    if (input.length === 0 || input.charCodeAt(0) !== 47 /* / */) throw new PathError(`path must be absolute: '${input}'`, input);
    if (input.includes('\0')) throw new PathError('path contains a NUL byte', input);
    if (input.length > MAX_PATH_BYTES / 4 && utf8Length(input) > MAX_PATH_BYTES) throw new PathError(`path longer than ${MAX_PATH_BYTES} bytes (ENAMETOOLONG)`, input);
    const followFinal = options.followFinal ?? true;
    if (!isClean(input)) return this.resolveByComponents(input, followFinal);
    return this.walkClean(input, followFinal) ?? { input, path: input, symlinks: [], firmlinks: [], normalized: false };
  }

  /** Does a clean path cross a symlink or firmlink of the table (its last component included)? Resolves nothing. */
  private touchesLink(input: string): boolean {
    let node: TrieNode | undefined = this.root;
    for (let start = 1; start < input.length; ) {
      const slash = input.indexOf('/', start);
      node = trieChild(node, input, start, slash < 0 ? input.length : slash);
      if (node === undefined) return false;
      if (node.value?.symlink !== undefined || node.value?.firmlink !== undefined) return true;
      if (slash < 0) return false;
      start = slash + 1;
    }
    return false;
  }

  /**
   * `resolveByComponents` for a clean path, on the text: the trie is walked along the path's components and a
   * symlink's clean target is substituted in place (a relative one after the link's parent), the walk going on
   * from the target's first component. null when the path crosses no link (a path off the trie from its first
   * component costs one step and allocates nothing). A firmlink, or a link whose target is not clean, goes to
   * the component walk.
   */
  private walkClean(input: string, followFinal: boolean): ResolvedPath | null {
    let p = input;
    let node: TrieNode | undefined = this.root;
    // p[0, start) is resolved; `node` is the trie node of p[0, start - 1), so a node's path is p[0, end)
    let start = 1;
    let symlinks: SymlinkTraversal[] | null = null;
    while (start < p.length) {
      const slash = p.indexOf('/', start);
      const end = slash < 0 ? p.length : slash;
      const next: TrieNode | undefined = trieChild(node, p, start, end);
      // off the trie: no link at or below this component
      if (next === undefined) break;
      const link = next.value;
      if (link?.firmlink !== undefined) return this.resolveByComponents(input, followFinal);
      if (link?.symlink !== undefined && (end < p.length || followFinal)) {
        const target = link.cleanTarget;
        if (target === undefined) return this.resolveByComponents(input, followFinal);
        if ((symlinks ??= []).length >= MAX_SYMLINK_HOPS) throw new PathError(`too many levels of symbolic links (ELOOP) resolving '${input}'`, input);
        symlinks.push({ link: next.path, target: link.symlink });
        if (target.startsWith('/')) {
          p = target + p.slice(end);
          start = 1;
          node = this.root;
        } else p = p.slice(0, start) + target + p.slice(end);
        continue;
      }
      node = next;
      start = end + 1;
    }
    if (symlinks === null) return null;
    if (p.length > MAX_PATH_BYTES / 4 && utf8Length(p) > MAX_PATH_BYTES) throw new PathError(`path longer than ${MAX_PATH_BYTES} bytes (ENAMETOOLONG)`, input);
    return { input, path: p, symlinks, firmlinks: [], normalized: false };
  }

  /** The general resolution, component by component: `.`, `..`, `//`, any link target. */
  resolveByComponents(input: string, followFinal = true): ResolvedPath {
    const symlinks: SymlinkTraversal[] = [];
    const firmlinks: Array<{ from: string; to: string }> = [];
    let pending = splitComponents(input);
    const normalized = !isClean(input);
    let resolved: string[] = [];
    let hops = 0;
    let i = 0;
    while (i < pending.length) {
      const part = pending[i];
      i++;
      if (part === '.') continue;
      if (part === '..') {
        resolved.pop();
        continue;
      }
      resolved.push(part);
      const isLast = i === pending.length;
      const at = this.lookup(resolved);
      const node = at?.value;
      if (!node) continue;
      if (node.firmlink !== undefined) {
        firmlinks.push({ from: at!.path, to: node.firmlink });
        resolved = splitComponents(node.firmlink);
        continue;
      }
      if (node.symlink !== undefined && (!isLast || followFinal)) {
        if (++hops > MAX_SYMLINK_HOPS) throw new PathError(`too many levels of symbolic links (ELOOP) resolving '${input}'`, input);
        symlinks.push({ link: at!.path, target: node.symlink });
        resolved.pop();
        const targetParts = splitComponents(node.symlink);
        if (node.symlink.startsWith('/')) resolved = [];
        pending = [...targetParts, ...pending.slice(i)];
        i = 0;
      }
    }
    const path = '/' + resolved.join('/');
    if (utf8Length(path) > MAX_PATH_BYTES) throw new PathError(`path longer than ${MAX_PATH_BYTES} bytes (ENAMETOOLONG)`, input);
    return { input, path, symlinks, firmlinks, normalized };
  }

  private lookup(parts: string[]): TrieNode | undefined {
    let node: TrieNode | undefined = this.root;
    for (const p of parts) {
      node = trieChild(node, p, 0, p.length);
      if (!node) return undefined;
    }
    return node;
  }
}

function splitComponents(path: string): string[] {
  return path.split('/').filter((p) => p !== '');
}

/** No `//`, no `.`/`..` components, no trailing slash (except `/` itself). */
function isClean(p: string): boolean {
  const n = p.length;
  if (n > 1 && p.charCodeAt(n - 1) === 47) return false;
  // one scan from slash to slash, no splitting: an empty component, or one that is exactly `.` or `..`
  let dot = false;
  for (let i = p.indexOf('/'); i >= 0 && i < n - 1; i = p.indexOf('/', i + 1)) {
    const c = p.charCodeAt(i + 1);
    if (c === 47) return false;
    if (c !== 46) continue;
    dot = true;
    const c2 = i + 2 < n ? p.charCodeAt(i + 2) : 47;
    if (c2 === 47 || (c2 === 46 && (i + 3 >= n || p.charCodeAt(i + 3) === 47))) return false;
  }
  // a leading `.` / `..` component counts once some later component starts with a dot (as it always has)
  return !(dot && (p.startsWith('./') || p.startsWith('../')));
}


const VNODE_TYPES: VnodeType[] = ['REGULAR-FILE', 'DIRECTORY', 'BLOCK-DEVICE', 'CHARACTER-DEVICE', 'SYMLINK', 'SOCKET', 'FIFO', 'TTY'];

/** Validate a file-system description read from JSON; errors name the JSON path. */
export function parseFileSystemDescription(data: unknown, source = '<fs description>'): FileSystemDescription {
  const fail = (where: string, what: string): never => {
    throw new PathError(`${source}: ${where}: ${what}`, where);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail('$', 'expected an object with "symlinks" and optional "firmlinks", "nodes"');
  const obj = data as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (!['description', 'symlinks', 'firmlinks', 'nodes', 'extends'].includes(k)) fail(`$.${k}`, 'unknown key (expected description, extends, symlinks, firmlinks, nodes)');
  }
  const base = obj.extends === 'stock' ? STOCK_MACOS_FS : obj.extends === undefined || obj.extends === 'empty' ? undefined : fail('$.extends', 'expected "stock" or "empty"');
  const strMap = (key: string, needAbsKey: boolean, needAbsValue: boolean): Record<string, string> => {
    const v = obj[key];
    if (v === undefined) return {};
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(`$.${key}`, 'expected an object mapping paths to strings');
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      if (needAbsKey && !k.startsWith('/')) fail(`$.${key}[${JSON.stringify(k)}]`, 'key must be an absolute path');
      if (typeof val !== 'string' || val === '') fail(`$.${key}[${JSON.stringify(k)}]`, 'expected a non-empty string');
      if (needAbsValue && !(val as string).startsWith('/')) fail(`$.${key}[${JSON.stringify(k)}]`, 'value must be an absolute path');
      out[k.length > 1 ? k.replace(/\/+$/, '') : k] = val as string;
    }
    return out;
  };
  const symlinks = strMap('symlinks', true, false);
  const firmlinks = strMap('firmlinks', true, true);
  const nodes: Record<string, FsNodeInfo> = {};
  if (obj.nodes !== undefined) {
    if (typeof obj.nodes !== 'object' || obj.nodes === null || Array.isArray(obj.nodes)) fail('$.nodes', 'expected an object');
    for (const [k, v] of Object.entries(obj.nodes as Record<string, unknown>)) {
      const w = `$.nodes[${JSON.stringify(k)}]`;
      if (!k.startsWith('/')) fail(w, 'key must be an absolute path');
      if (typeof v !== 'object' || v === null) fail(w, 'expected {"type": ..., "mode": ...}');
      const n = v as Record<string, unknown>;
      const info: FsNodeInfo = {};
      if (n.type !== undefined) {
        if (!VNODE_TYPES.includes(n.type as VnodeType)) fail(`${w}.type`, `expected one of ${VNODE_TYPES.join(', ')}`);
        info.type = n.type as VnodeType;
      }
      if (n.mode !== undefined) {
        const mode = typeof n.mode === 'string' ? parseInt(n.mode, 8) : n.mode;
        if (typeof mode !== 'number' || !Number.isInteger(mode) || mode < 0 || mode > 0o7777) fail(`${w}.mode`, 'expected an integer 0..0o7777 (or an octal string such as "644")');
        info.mode = mode as number;
      }
      nodes[k] = info;
    }
  }
  return {
    description: typeof obj.description === 'string' ? obj.description : base?.description,
    symlinks: { ...(base?.symlinks ?? {}), ...symlinks },
    firmlinks: { ...(base?.firmlinks ?? {}), ...firmlinks },
    nodes: { ...(base?.nodes ?? {}), ...nodes },
  };
}
