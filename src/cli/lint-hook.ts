// Lint findings shown by `sbpl check` (the decision engine's lint, once wired).
import type { Diagnostic } from '../sbpl/diagnostics.js';
import type { Profile } from '../sbpl/profile.js';
import type { Vocab } from '../vocab/index.js';

export function lintDiagnostics(profile: Profile, _vocab: Vocab): Diagnostic[] {
  return (profile.debugForms ?? []).map((span) => ({
    severity: 'warning' as const,
    code: 'lint/debug-noop',
    message: '(debug ...) does nothing on macOS 10.11 and later: it is an empty macro',
    span,
    hint: 'denials are logged by default; read them with `log stream --predicate \'sender == "Sandbox"\'`',
  }));
}
