// Decision-level difference of two profiles (browser-safe): `diffProfiles(a, b, options)`.
export { diffProfiles, deciderRef, requestJson, witnessText, DiffError, DEFAULT_DIFF_LIMITS, DIFF_COVERAGE } from './diff.js';
export type { DiffOptions, DiffResult, Difference, DeciderRef } from './diff.js';
export { formatDiff } from './format.js';
