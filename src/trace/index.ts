// Byte provenance of encoding: the write records the encoder produces (format/writer.ts) and their analysis.
export type { WriteRecord, WriteStage } from '../format/writer.js';
export { analyzeTrace, manifestFile, type Manifest, type ManifestFile, type RangeRules, type RuleBytes, type TraceAnalysis } from './analysis.js';
export { sha256Hex } from '../format/sha256.js';
