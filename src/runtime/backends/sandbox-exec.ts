// The standard commands the sandbox-exec runner starts to perform a probe's operation. Shared by the macos
// backend (which runs them) and by predictions (simulate, --compare predicted), which model the command's
// launch: it must be allowed to exec and dyld must load it before the probed operation happens at all.

import type { ProbeSpec } from '../matrix.js';
import type { RunnerKind } from '../transcript.js';

export const SANDBOX_EXEC = '/usr/bin/sandbox-exec';

/** The standard command the sandbox-exec runner uses to perform a probe's operation. */
export function sandboxExecCommand(p: ProbeSpec): string[] | { error: string } {
  const t = p.target;
  switch (p.exercise) {
    case 'read':
      return ['/bin/cat', t.path!];
    case 'write':
      return ['/bin/sh', '-c', 'exec 3>>"$1"', 'sh', t.path!];
    case 'create':
      return ['/bin/sh', '-c', 'set -C; : > "$1"', 'sh', t.path!];
    case 'stat':
      return ['/usr/bin/stat', t.path!];
    case 'exec':
      return [t.path!, ...(p.args ?? [])];
    case 'sysctl-read':
      return ['/usr/sbin/sysctl', t.sysctl!];
    case 'connect':
      if (!t.remote) return { error: 'the sandbox-exec runner connects to host:port only' };
      return ['/usr/bin/nc', '-z', '-w', '3', ...(t.remote.proto === 'udp' ? ['-u'] : []), t.remote.host, String(t.remote.port)];
    default:
      return { error: `exercise '${p.exercise}' has no standard command; use the helper runner` };
  }
}

/** The program started under the profile when `runner` performs `p` (undefined: the helper applies in-process). */
export function launchedProgram(runner: RunnerKind | null, p: ProbeSpec): string | undefined {
  if (runner !== 'sandbox-exec') return undefined;
  const cmd = sandboxExecCommand(p);
  return Array.isArray(cmd) ? cmd[0] : undefined;
}
