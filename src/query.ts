// `sbpl-kit/query`: everything `sbpl query` reads a request from besides the root's DecisionEngine — a target
// string (`/tmp/x`, `tcp:1.2.3.4:80`, a service name), JSON request lines, a system call as its kernel checks
// (docs/probes.md), the file system paths are resolved on, network addresses — and the explanation's parts.
export { DEFAULT_ENGINE_OPTIONS } from './decide/engine.js';
export { DecideError } from './decide/errors.js';
export type { DeciderInfo, DeciderKind, ConsultedRule, RuleRef, SymlinkCheck } from './decide/types.js';
export type { NetEndpoint, VnodeType, ProcessRelation, EntitlementValue } from './decide/request.js';
export { describeDecider, describeRule, describeTarget } from './decide/explain.js';
export { requestFromJson, parseRequestLines, RequestFormatError } from './decide/request-json.js';
export { factsFromTarget, readTarget, targetKindOf, TargetError, TARGET_HELP, type TargetKind, type TargetOptions, type TargetReading } from './decide/target.js';
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
} from './decide/calls.js';
export {
  PathResolver,
  PathError,
  STOCK_MACOS_FS,
  DATA_VOLUME,
  parseFileSystemDescription,
  type FileSystemDescription,
  type ResolvedPath,
  type SymlinkTraversal,
} from './decide/path.js';
export { parseNetworkAddress, parseEndpoint, formatEndpoint, isLoopbackHost, NetworkAddressError, type NetworkAddress } from './decide/network.js';
export { subsumes } from './decide/subsume.js';
