// A vocabulary's base environment: the Scheme builtins, then the SBPL natives group by group. Built once per
// vocabulary, frozen, and shared by every compile; per-compile state travels on the interpreter as its host
// (host.ts). Apple facts the natives follow come from Apple's own Scheme library (knightsc/sandbox_profiles
// sbpl1.scm, prelude.scm, sbpl.scm, 10.10.5-10.15.2) as summarised in docs/semantics.md (§5).

import { Env } from '../scheme/env.js';
import { installBuiltins } from '../scheme/builtins.js';
import type { Vocab } from '../vocab/index.js';
import { installDirectives } from './directives.js';
import { installFilters } from './filters.js';
import { installHelpers } from './helpers.js';
import type { InstallNatives } from './host.js';
import { installImports } from './imports.js';
import { installModifiers } from './modifiers.js';
import { installRuleContext } from './rule-context.js';
import { installRules } from './rules.js';
import { installVariables } from './variables.js';

/** In this order: a later group's definition of a name replaces an earlier group's (filters come after operations). */
const NATIVES: InstallNatives[] = [installVariables, installFilters, installHelpers, installModifiers, installRules, installRuleContext, installDirectives, installImports];

/** What libsandbox's sbpl.scm / sbpl1.scm / prelude.scm and its natives add to TinyScheme, into `env`. */
export function installSbpl(env: Env, vocab: Vocab): void {
  for (const install of NATIVES) install(env, vocab);
}

const baseEnvironments = new Map<Vocab, Env>();

/** Builtins + SBPL natives, built once per vocabulary and shared (frozen) by every compile. */
export function baseEnvironment(vocab: Vocab): Env {
  let env = baseEnvironments.get(vocab);
  if (!env) {
    env = new Env(null);
    installBuiltins(env);
    installSbpl(env, vocab);
    env.frozen = true;
    baseEnvironments.set(vocab, env);
  }
  return env;
}
