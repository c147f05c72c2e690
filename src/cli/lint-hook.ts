// Lint findings shown by `sbpl check`: the decision engine's lint (src/decide/lint.ts).
import type { Diagnostic } from '../sbpl/diagnostics.js';
import type { Profile } from '../sbpl/profile.js';
import type { Vocab } from '../vocab/index.js';
import { lintProfile } from '../decide/lint.js';

export function lintDiagnostics(profile: Profile, vocab: Vocab): Diagnostic[] {
  return lintProfile(profile, vocab);
}
