// Names that become object keys or reach a program's argv, checked before use: a key that would change an
// object's prototype, a parameter name the probe helper would split differently, a sysctl "name" that
// /usr/sbin/sysctl would take as a write (`x=1`) or as an option (`-w`).

export { FORBIDDEN_KEYS, forbiddenKeyProblem } from '../diagnostics/json-keys.js';
import { forbiddenKeyProblem } from '../diagnostics/json-keys.js';

/** Why `key` cannot be a profile parameter name, or undefined when it can. */
export function paramKeyProblem(key: string): string | undefined {
  if (key === '') return 'a parameter name must not be empty';
  if (key.includes('=')) return `parameter name '${key}' contains '=': it is passed as KEY=VALUE and would be split at the first '='`;
  if (key.includes('\0')) return 'a parameter name must not contain a NUL character';
  return forbiddenKeyProblem(key);
}

/** Why `value` cannot be a parameter value (argv strings cannot carry NUL). */
export function paramValueProblem(value: string): string | undefined {
  return value.includes('\0') ? 'a parameter value must not contain a NUL character (it is passed on a command line)' : undefined;
}

/** sysctl MIB names: dot-separated words (kern.ostype, security.mac.sandbox.sentinel). */
export const SYSCTL_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*$/;

export function sysctlNameProblem(name: string): string | undefined {
  if (SYSCTL_NAME.test(name)) return undefined;
  if (name.includes('=')) return `sysctl name '${name}' contains '=': /usr/sbin/sysctl would take it as a write`;
  if (name.startsWith('-')) return `sysctl name '${name}' starts with '-': it would be taken as an option`;
  return `sysctl name '${name}' is not a dot-separated name of letters, digits, '_' and '-' (e.g. kern.ostype)`;
}

/** Strings passed as command-line arguments cannot carry NUL. */
export function argvProblem(s: string): string | undefined {
  return s.includes('\0') ? 'must not contain a NUL character (it is passed on a command line)' : undefined;
}
