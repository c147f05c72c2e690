// Documents as files: URIs <-> paths, and file access that sees the editor's unsaved text first.

import { fileURLToPath, pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import type { SourceProvider } from '../../sbpl/index.js';
import { nodeSources } from '../../runtime/node-sources.js';

/** The name a document's diagnostics and imports use: its path for file: URIs, else the URI itself. */
export function uriToName(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  }
  return uri;
}

/** The URI of a file name the front end reported, or undefined for names that are no file (the standard policy). */
export function nameToUri(name: string, open: (name: string) => string | undefined): string | undefined {
  const hit = open(name);
  if (hit) return hit;
  return isAbsolute(name) ? pathToFileURL(name).href : undefined;
}

/** The local file system, with open documents' current text in place of what is saved. */
export function overlaySources(openText: (path: string) => string | undefined): SourceProvider {
  return {
    read: (path) => openText(path) ?? openText(nodeSources.canonical?.(path) ?? path) ?? nodeSources.read(path),
    isAbsolute: nodeSources.isAbsolute,
    join: nodeSources.join,
    canonical: nodeSources.canonical,
  };
}
