// Decision throughput: a large Apple profile with imports (10.15.2 application.sb + system.sb) over a batch of
// 100,000 mixed requests, with and without explanations. Falls back to a synthetic large profile when
// ../shared/corpus is absent.
import type { BenchContext } from './run.js';
import { syntheticProfileText } from './synthetic.js';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readProfile } from '../dist/sbpl/index.js';
import { nodeSources as fsSources } from '../dist/runtime/node-sources.js';
import type { Profile } from '../dist/sbpl/profile.js';
import type { Request } from '../dist/decide/request.js';
import type { FilterExpr } from '../dist/sbpl/profile.js';
import { getVocab } from '../dist/vocab/index.js';
import { DecisionEngine } from '../dist/decide/engine.js';
import { rng } from '../fuzz/rng.js';

const APP_PARAMS = {
  _HOME: '/Users/u',
  _USER: 'u',
  application_bundle_id: 'com.example.App',
  application_bundle: '/Applications/App.app',
  application_container: '/Users/u/Library/Containers/com.example.App',
  application_container_id: 'com.example.App',
  application_darwin_cache_dir: '/private/var/folders/zz/abc/C',
  application_darwin_temp_dir: '/private/var/folders/zz/abc/T',
  application_darwin_user_dir: '/private/var/folders/zz/abc/0',
  application_addressbook_lock_dir: '/Users/u/Library/Application Support/AddressBook',
  application_calendars_lock_dir: '/Users/u/Library/Calendars',
  application_dyld_paths: '/Applications/App.app/Contents/Frameworks',
};

export function loadProfile(corpusDir: string | null): { profile: Profile; label: string; os: string } {
  if (corpusDir) {
    const dir = join(corpusDir, 'apple-macos-10.15.2', 'profiles');
    const file = join(dir, 'application.sb');
    if (existsSync(file)) {
      const r = readProfile(readFileSync(file, 'utf8'), { fileName: file, importPath: [dir], sources: fsSources, os: 'any', params: APP_PARAMS });
      if (r.ok) return { profile: r.profile, label: 'apple-macos-10.15.2 application.sb (+system.sb)', os: 'any' };
      console.log(`  note: application.sb did not compile (${r.diagnostics.find((d) => d.severity === 'error')?.message}); using a synthetic profile`);
    }
  }
  const r = readProfile(syntheticProfileText(), { fileName: 'synthetic.sb' });
  return { profile: r.profile, label: 'synthetic 400-rule profile', os: 'sonoma-14.4.1' };
}


export function makeRequests(n: number, profile: Profile): Request[] {
  const rand = rng(42);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  // services and paths named by the profile itself, plus ones it does not name
  const services = new Set(['com.example.nothere', 'org.x.y']);
  const literals = new Set(['/nonexistent/file']);
  for (const rule of profile.rules) {
    const stack: FilterExpr[] = rule.filter ? [rule.filter] : [];
    while (stack.length) {
      const e = stack.pop()!;
      if (e.type === 'test') {
        if (e.filter === 'global-name' && e.arg.kind === 'literal') services.add(e.arg.value);
        if (e.filter === 'path' && (e.arg.kind === 'literal' || e.arg.kind === 'subpath')) literals.add(e.arg.value);
      } else if (e.type === 'not') stack.push(e.item);
      else stack.push(...e.items);
    }
  }
  const svc = [...services];
  const lit = [...literals].filter((p) => p.startsWith('/'));
  const suffixes = ['', '/Info.plist', '/a/b/c.txt', '/Contents/MacOS/x', '/.DS_Store'];
  const extraPaths = ['/Users/u/Documents/report.pdf', '/Users/u/Library/Containers/com.example.App/Data/x.db', '/usr/lib/libSystem.B.dylib',
    '/System/Library/Frameworks/AppKit.framework/AppKit', '/tmp/scratch.txt', '/var/folders/zz/abc/T/tmp.1', '/etc/hosts', '/private/etc/passwd',
    '/Applications/App.app/Contents/Resources/icon.icns', '/Library/Preferences/com.apple.x.plist', '/dev/null', '/Users/u/.ssh/id_rsa'];
  const fileOps = ['file-read-data', 'file-read-metadata', 'file-write-data', 'file-write-create', 'file-read-xattr', 'file-write-unlink', 'file-ioctl'];
  const reqs: Request[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.55) {
      const base = rand() < 0.6 && lit.length ? pick(lit) + pick(suffixes) : pick(extraPaths);
      reqs.push({ operation: pick(fileOps), facts: { path: base } });
    } else if (r < 0.75) {
      reqs.push({ operation: rand() < 0.9 ? 'mach-lookup' : 'mach-register', facts: { serviceName: pick(svc) } });
    } else if (r < 0.83) {
      reqs.push({ operation: 'sysctl-read', facts: { sysctlName: pick(['kern.hostname', 'hw.ncpu', 'kern.osversion', 'hw.memsize', 'kern.boottime']) } });
    } else if (r < 0.9) {
      const host = pick(['127.0.0.1', '::1', '93.184.216.34']);
      reqs.push({ operation: 'network-outbound', facts: { remote: { proto: pick(['tcp', 'udp'] as const), family: host.includes(':') ? 'inet6' : 'inet', host, port: pick([53, 80, 443, 8080]) } } });
    } else if (r < 0.95) {
      reqs.push({ operation: pick(['iokit-open-user-client', 'iokit-open-service']), facts: { iokitClass: pick(['IOSurfaceRootUserClient', 'AGXDeviceUserClient', 'IOHIDParamUserClient']) } });
    } else {
      reqs.push({ operation: pick(['signal', 'process-info-pidinfo', 'mach-task-name', 'process-fork', 'user-preference-read']), facts: { target: pick(['self', 'others'] as const), preferenceDomain: 'com.apple.finder' } });
    }
  }
  return reqs;
}

export default async function (ctx: BenchContext): Promise<void> {
  const { profile, label, os } = loadProfile(ctx.corpusDir);
  const vocab = getVocab(os);
  const t0 = performance.now();
  const engine = new DecisionEngine(profile, vocab);
  const buildMs = performance.now() - t0;
  const requests = makeRequests(100_000, profile);
  console.log(`  profile: ${label}: ${profile.rules.length} rules, ${profile.files.length} file(s); engine built in ${buildMs.toFixed(1)} ms`);

  let allow = 0;
  for (const r of requests) if (engine.decide(r).decision === 'allow') allow++;
  console.log(`  batch: ${requests.length.toLocaleString('en-US')} mixed requests (${allow.toLocaleString('en-US')} allowed)`);

  const fast = ctx.time(() => {
    for (let i = 0; i < requests.length; i++) engine.decide(requests[i]);
  }, 2000);
  ctx.report('decisions/s without explanation (100k batch, one core)', (fast.iterations * requests.length) / fast.seconds, 'decisions/s');

  const sample = requests.slice(0, 20_000);
  const slow = ctx.time(() => {
    for (let i = 0; i < sample.length; i++) engine.explain(sample[i]);
  }, 2000);
  ctx.report('decisions/s with explanation (first 20k of the batch)', (slow.iterations * sample.length) / slow.seconds, 'decisions/s');

  const build = ctx.time(() => new DecisionEngine(profile, vocab), 500);
  ctx.report('engine builds/s for this profile', build.iterations / build.seconds, 'builds/s');
}
