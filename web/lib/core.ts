// The one seam between the page and sbpl-kit: the package's browser-safe entries (the root and the `blob`,
// `query`, `diff` and `editor` subpaths), imported from source as a page's bundler would import the package.
// Everything the playground computes goes through these exports (nothing reaches a server).
export * from '../../src/index.js';
export * from '../../src/blob.js';
export * from '../../src/query.js';
export * from '../../src/diff/index.js';
export * from '../../src/editor/index.js';
export { spanLabel as spanLabelOf } from '../../src/diagnostics/diagnostic.js';
export { filterTests } from '../../src/sbpl/profile.js';
