// run_preflight.json: what was checked before running — the host (OS version, SIP, whether this process is
// already sandboxed), the backend's readiness, and for every profile whether it was found and compiles.

import { spawnSync } from 'node:child_process';
import { arch, release, type } from 'node:os';
import { compileErrorSummary, type LoadedProfile } from './profiles.js';
import type { Backend } from './backends/types.js';
import type { HelperBuild } from './native/build.js';
import { tryParseJson } from './json-input.js';

export const PREFLIGHT_FORMAT = 'sbpl-kit/runtime-preflight@1';

export interface HostFacts {
  platform: string;
  arch: string;
  node: string;
  os: { name: string; version: string; build?: string };
  sip: { state: 'enabled' | 'disabled' | 'unknown' | 'not-applicable'; detail?: string };
  sandboxed: { state: boolean | 'unknown'; how: string };
}

function run(cmd: string, args: string[]): string | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? (r.stdout || '').trim() : undefined;
}

export function hostFacts(helper?: HelperBuild): HostFacts {
  const f: HostFacts = {
    platform: process.platform,
    arch: arch(),
    node: process.version,
    os: { name: type(), version: release() },
    sip: { state: 'not-applicable' },
    sandboxed: { state: 'unknown', how: 'only checked on macOS' },
  };
  if (process.platform !== 'darwin') return f;
  f.os = { name: 'macOS', version: run('/usr/bin/sw_vers', ['-productVersion']) ?? release(), build: run('/usr/bin/sw_vers', ['-buildVersion']) };
  const csr = run('/usr/bin/csrutil', ['status']);
  if (csr) f.sip = { state: /enabled/i.test(csr) ? 'enabled' : /disabled/i.test(csr) ? 'disabled' : 'unknown', detail: csr };
  else f.sip = { state: 'unknown', detail: 'csrutil status did not run' };
  if (helper) {
    const j = tryParseJson(run(helper.path, ['--self-check']) ?? '') as { sandboxedBefore?: number } | undefined;
    if (j && typeof j === 'object') f.sandboxed = { state: j.sandboxedBefore === 1, how: 'sandbox_check(getpid(), NULL, 0) in the probe helper (a child inherits its parent\'s sandbox)' };
    else f.sandboxed = { state: 'unknown', how: 'the probe helper self-check failed' };
  }
  return f;
}

export interface ProfilePreflight {
  key: string;
  mode: string;
  source: string | null;
  sourcePath?: string;
  standIn: boolean;
  note?: string;
  unavailable?: string;
  originalCompiles: boolean | null;
  appliedCompiles: boolean | null;
  compileError?: string;
  shims: Array<{ name: string; notes: string[] }>;
  applyGates: string[];
}

export interface Preflight {
  format: typeof PREFLIGHT_FORMAT;
  checkedAt: string;
  backend: string;
  host: HostFacts;
  backendDetails: Record<string, unknown>;
  /** Problems that will make probes fail or mislead; empty when ready. */
  problems: string[];
  profiles: ProfilePreflight[];
  /** replay: the preflight recorded with the transcripts. */
  recorded?: Record<string, unknown>;
}

export function profilePreflight(lp: LoadedProfile): ProfilePreflight {
  const compiles = (c: LoadedProfile['original']) => (c ? (c.frontEndError ? null : c.ok) : null);
  return {
    key: lp.key,
    mode: lp.spec.mode,
    source: lp.source?.kind ?? null,
    sourcePath: lp.source?.path,
    standIn: lp.source?.kind === 'stand-in',
    note: lp.source?.note,
    unavailable: lp.unavailable,
    originalCompiles: compiles(lp.original),
    appliedCompiles: compiles(lp.applied),
    compileError: compileErrorSummary(lp.applied) ?? compileErrorSummary(lp.original),
    shims: lp.shims.map((s) => ({ name: s.name, notes: s.notes })),
    applyGates: lp.gates.map((g) => g.message),
  };
}

export function buildPreflight(backend: Backend, profiles: LoadedProfile[], helper?: HelperBuild, recorded?: Record<string, unknown>): Preflight {
  const host = hostFacts(helper);
  const problems = [...backend.notes()];
  if (backend.name === 'macos' && host.sandboxed.state === true) {
    problems.push('this process is already sandboxed: applying a profile will fail with EPERM (forbidden-sandbox-reinit) unless the outer profile is (allow default)');
  }
  for (const lp of profiles) {
    if (lp.unavailable) problems.push(`profile ${lp.key}: ${lp.unavailable}`);
    else if (lp.source?.kind === 'stand-in') problems.push(`profile ${lp.key}: ${lp.source.note}`);
    const pe = compileErrorSummary(lp.applied);
    if (pe && !lp.unavailable) problems.push(`profile ${lp.key}: ${pe}`);
    for (const g of lp.gates) problems.push(`profile ${lp.key}: apply gate: ${g.message}`);
  }
  return {
    format: PREFLIGHT_FORMAT,
    checkedAt: new Date().toISOString(),
    backend: backend.name,
    host,
    backendDetails: backend.describe(),
    problems,
    profiles: profiles.map(profilePreflight),
    recorded,
  };
}
