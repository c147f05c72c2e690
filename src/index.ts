// sbpl-kit's library API (browser-safe core). The Node-only runtime harness is the `sbpl-kit/runtime` subpath.
export * from './sbpl/index.js';
export * from './vocab/index.js';
export * from './decide/index.js';
export * from './graph/index.js';
export * from './format/index.js';
export * from './trace/index.js';
export { VERSION } from './version.js';
