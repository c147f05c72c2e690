// The decision engine's public API: "does profile P allow operation O on target T, and which rule decided?"

export { DecisionEngine, DecideError, decideRequest, DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './engine.js';
export type { Verdict, Explanation, DeciderInfo, DeciderKind, ConsultedRule, RuleRef, SymlinkCheck } from './types.js';
export { formatExplanation, describeDecider, describeRule, describeTarget } from './explain.js';
export type { Request, RequestFacts, NetEndpoint, VnodeType, ProcessRelation, EntitlementValue } from './request.js';
export { requestFromJson, parseRequestLines, RequestFormatError, factsSchema } from './request-json.js';
export { factsFromTarget, readTarget, targetKindOf, TargetError, TARGET_HELP, type TargetKind, type TargetOptions, type TargetReading } from './target.js';
export {
  CALLS,
  CALL_SOURCES,
  findCall,
  callNames,
  decideCall,
  describeCheck,
  renderCallTable,
  CallError,
  type CallKind,
  type CallCheck,
  type CallInput,
  type CallOutcome,
  type CheckDecision,
  type DecidedCheck,
  type OnDeny,
  type CheckTier,
} from './calls.js';
export {
  PathResolver,
  PathError,
  STOCK_MACOS_FS,
  DATA_VOLUME,
  parseFileSystemDescription,
  type FileSystemDescription,
  type ResolvedPath,
  type SymlinkTraversal,
} from './path.js';
export {
  parseNetworkAddress,
  parseEndpoint,
  formatEndpoint,
  networkMatches,
  isLoopbackHost,
  NetworkAddressError,
  NETWORK_ADDRESS_ERRORS,
  type NetworkAddress,
} from './network.js';
export {
  exprMatches,
  testMatches,
  compileExpr,
  createMatchEnv,
  datumOf,
  traceExpr,
  describeExpr,
  type MatchEnv,
  type MatchOptions,
  type ExprTrace,
  type FactsMatcher,
} from './match.js';
export { lintProfile, MAX_LITERAL_BYTES, type LintOptions } from './lint.js';
export { subsumes } from './subsume.js';
export * as regex from '../regex/index.js';
export {
  decideLayered,
  combineLayers,
  sbplLayer,
  describeVerdict,
  describeDecidingLayer,
  layerJson,
  layeredJson,
  layeredLine,
  formatLayered,
  LAYER_NOTE,
  type PolicyLayer,
  type LayerDecision,
  type LayeredVerdict,
  type Layers,
  type LayerName,
  type DecidingLayer,
} from './platform.js';
