// Runtime checks (Node-only): expected matrices, backends (simulate | macos | replay), results, golden sets,
// log parsing and shims.

export * from './outcome.js';
export * from './matrix.js';
export { matrixJsonSchema } from './schema.js';
export * from './shims.js';
export * from './gates.js';
export * from './log-parse.js';
export * from './log2matrix.js';
export * from './classify.js';
export type { Observation, ApplyReport } from './observation.js';
export * from './transcript.js';
export * from './results.js';
export { JOURNAL_FILE, JOURNAL_FORMAT, readJournal, readJournalFile, JournalError, type JournalHeader, type JournalRow, type JournalContents } from './journal.js';
export { ResumeError } from './resume.js';
export { INPUT_LIMITS, INPUT_LIMIT_ENV, InputFileError, type InputKind } from './file-input.js';
export * from './golden.js';
export * from './predict.js';
export type { Predictor, Prediction } from './predictor.js';
export { defaultPredictor, EnginePredictor } from './predictor.js';
export { loadProfile, loadProfiles, type LoadedProfile, type LoadOptions } from './profiles.js';
export { runMatrix, type RunOptions, type RunOutput, MANIFEST_FILE, PREFLIGHT_FILE, TRANSCRIPTS_FILE } from './run.js';
export { formatResults } from './report.js';
export { buildHelper, findHelperSource, defaultCacheDir, type HelperBuild } from './native/build.js';
