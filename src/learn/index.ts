// Learning mode (browser-safe): denial reports -> the rules that close them, verified, with the widening shown.
export { learnRules, appendRules, LearnError } from './learn.js';
export type { Denial, LearnInput, LearnOptions, LearnResult, LearnedRule } from './learn.js';
