// Helpers for request facts.

import type { RequestFacts } from './request.js';

/** Remove undefined fields (for printing). */
export function compactFacts(f: RequestFacts): RequestFacts {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined) out[k] = v;
  return out as RequestFacts;
}
