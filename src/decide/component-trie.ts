// A trie over the components of absolute paths ('/a/b' -> 'a', 'b'), walked along a datum without slicing it:
// a node's few children are compared in place (length, then startsWith at the offset), many go through a Map.
// Used for the file-system table (path.ts: which components are links) and for a rule list's subpaths
// (index-runs.ts: which ancestors of a datum some subpath names), so a datum never seen before is neither
// sliced nor hashed while its components are not in the trie, and the walk stops at the first one that is not.

/** Children compared in place before a node gets a Map. */
const SCAN_MAX = 8;

export interface TrieNode<T> {
  names: string[];
  kids: Array<TrieNode<T>>;
  /** null while there are at most SCAN_MAX children */
  map: Map<string, TrieNode<T>> | null;
  /** the node's path from the root ('/a/b'): one string object for every report of it */
  path: string;
  value?: T;
}

/** A root (or, given its path, any node) with no children. */
export function trieRoot<T>(path = '/'): TrieNode<T> {
  return { names: [], kids: [], map: null, path };
}

/** The node of `path`, made as needed: its components after the leading '/', or with `skipEmpty` its non-empty ones. */
export function trieInsert<T>(root: TrieNode<T>, path: string, skipEmpty: boolean): TrieNode<T> {
  let node = root;
  const parts = path.split('/');
  for (const part of skipEmpty ? parts.filter((x) => x !== '') : parts.slice(1)) {
    let next = trieChild(node, part, 0, part.length);
    if (next === undefined) {
      next = trieRoot<T>((node === root ? '/' : node.path + '/') + part);
      node.names.push(part);
      node.kids.push(next);
      if (node.map !== null) node.map.set(part, next);
      else if (node.names.length > SCAN_MAX) node.map = new Map(node.names.map((n, i) => [n, node.kids[i]]));
    }
    node = next;
  }
  return node;
}

/** The child of `node` named `s.slice(start, end)`, without slicing while the node has few children. */
export function trieChild<T>(node: TrieNode<T>, s: string, start: number, end: number): TrieNode<T> | undefined {
  if (node.map !== null) return node.map.get(s.slice(start, end));
  const names = node.names;
  const len = end - start;
  for (let i = 0; i < names.length; i++) if (names[i].length === len && s.startsWith(names[i], start)) return node.kids[i];
  return undefined;
}
