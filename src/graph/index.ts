// PolicyGraph: model, lowering from the profile IR, evaluation and decompilation.
export type { DataPoolEntry, GraphNode, NodeId, NodeTest, PolicyGraph, Provenance, TerminalNode, TestNode } from './model.js';
export { dataPoolOf, findCycle, reachable, validateGraph } from './model.js';
export { LowerError, PLAIN_MODEL, filterIdOf, lowerProfile, withImplicitRules, type CompilerModel, type ImplicitRuleContext, type LowerOptions } from './lower.js';
export { GraphEvaluator, evaluateGraph, type GraphEvaluatorOptions, type GraphVerdict } from './evaluate.js';
export { DecompileError, decompileGraph, sbplString, testText, type DecompileOptions } from './decompile.js';
export { DEFAULT_MAX_NODES, DotError, graphOperations, nodeLabel, operationDot, operationSubgraph, type DotOptions, type OperationSubgraph } from './dot.js';
export { graphLayer, type GraphLayerOptions, type GraphLayerDetail, type WalkStep } from './layer.js';
