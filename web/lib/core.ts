// The one seam between the page and sbpl-kit: the package's browser-safe root entry and its editor service.
// Everything the playground computes goes through these exports (nothing reaches a server).
export * from '../../src/index.js';
export * from '../../src/editor/index.js';
export { spanLabel as spanLabelOf } from '../../src/diagnostics/diagnostic.js';
export { filterTests } from '../../src/sbpl/profile.js';
