import type { CompileOptions, CompileResult } from './index.js';
export function compileSbpl(_text: string, _options: CompileOptions = {}): CompileResult {
  throw new Error('front end not yet built');
}
