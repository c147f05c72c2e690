// Where the server's settings come from, lowest first: `sbpl lsp` flags, the client's
// initializationOptions, then the workspace configuration section `sbpl` (re-read when it changes).

import type { EditorSettings } from '../../editor/index.js';
import { DEFAULT_OS } from '../../vocab/all.js';

/** The `sbpl.*` settings an editor can send (the VS Code extension contributes the same keys). */
export interface ClientSettings {
  os?: string | null;
  params?: Record<string, unknown> | null;
  importPath?: unknown[] | null;
  lint?: boolean | null;
  paramPlaceholders?: boolean | null;
}

export const SETTING_KEYS = ['os', 'params', 'importPath', 'lint', 'paramPlaceholders'] as const;

export interface ServerSettings extends EditorSettings {
  paramPlaceholders: boolean;
}

export interface CliDefaults {
  os?: string;
  params: Record<string, string>;
  importPath: string[];
  paramPlaceholders: boolean;
}

/** Layer client settings over the flags. Unset (null/undefined) values keep the lower layer's; params merge key by key. */
export function mergeSettings(cli: CliDefaults, ...layers: Array<ClientSettings | undefined>): ServerSettings {
  const out: ServerSettings = { os: cli.os ?? DEFAULT_OS, params: { ...cli.params }, importPath: [], lint: true, paramPlaceholders: cli.paramPlaceholders };
  let clientPath: string[] = [];
  for (const l of layers) {
    if (!l || typeof l !== 'object') continue;
    if (typeof l.os === 'string' && l.os.trim()) out.os = l.os.trim();
    if (l.params && typeof l.params === 'object') {
      for (const [k, v] of Object.entries(l.params)) if (typeof v === 'string') out.params[k] = v;
    }
    if (Array.isArray(l.importPath)) clientPath = l.importPath.filter((p): p is string => typeof p === 'string' && p.length > 0);
    if (typeof l.lint === 'boolean') out.lint = l.lint;
    if (typeof l.paramPlaceholders === 'boolean') out.paramPlaceholders = l.paramPlaceholders;
  }
  out.importPath = [...clientPath, ...cli.importPath];
  return out;
}

/** initializationOptions may hold the settings directly or under `sbpl`. */
export function settingsFromInitOptions(init: unknown): ClientSettings | undefined {
  if (!init || typeof init !== 'object') return undefined;
  const o = init as Record<string, unknown>;
  const inner = o['sbpl'];
  return (inner && typeof inner === 'object' ? inner : o) as ClientSettings;
}
