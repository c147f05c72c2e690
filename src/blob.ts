// `sbpl-kit/blob`: compiled profiles. A profile lowered to a PolicyGraph and encoded as bytes (with the byte
// provenance trace), bytes decoded back to a graph, a graph decompiled to SBPL, evaluated, drawn as Graphviz
// DOT, and the layout analysis of blobs of formats we do not know yet.
export * from './format/index.js';
export * from './graph/index.js';
export { analyzeTrace, manifestFile, type Manifest, type ManifestFile, type RangeRules, type RuleBytes, type TraceAnalysis } from './trace/index.js';
