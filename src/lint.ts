// `sbpl-kit/lint`: the warnings `sbpl check` adds to a profile that reads without errors (rules that never match,
// /tmp spellings, Apple-regex pitfalls, a (deny default) profile that cannot start its program...).
export { lintProfile, MAX_LITERAL_BYTES, type LintOptions } from './decide/lint.js';
