// Evaluation bounds: every run ends, with a clear error when a bound is hit.

export interface Limits {
  /** Evaluation steps (procedure applications + special forms). */
  maxSteps: number;
  /** Nested evaluation depth. */
  maxDepth: number;
  /** Rules emitted. */
  maxRules: number;
  /** Characters in any one string built at run time. */
  maxStringLength: number;
  /** Nested imports. */
  maxImportDepth: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxSteps: 20_000_000,
  maxDepth: 2_000,
  maxRules: 1_000_000,
  maxStringLength: 1 << 20,
  maxImportDepth: 32,
};

