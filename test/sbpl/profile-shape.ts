// What a profile decides, without where its text came from: the rules (operations, filters, modifiers,
// message filters), version, parameters, imports and diagnostics, with every source position left out. Two
// texts that differ only in layout, or a builder's text and the file it rebuilds, must give the same shape.
import type { Profile } from '../../src/sbpl/index.js';

const POSITION_KEYS = new Set(['span', 'importChain', 'callChain', 'related', 'hint']);

export function profileShape(p: Profile): unknown {
  const shape = {
    version: p.version,
    rules: p.rules,
    params: p.params,
    imports: p.imports.map((i) => i.name),
    trace: p.trace,
    debugForms: p.debugForms?.length ?? 0,
    diagnostics: p.diagnostics.map((d) => ({ severity: d.severity, code: d.code, message: d.message })),
  };
  return JSON.parse(JSON.stringify(shape, (k, v) => (POSITION_KEYS.has(k) ? undefined : v)));
}
