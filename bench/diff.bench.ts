// sbpl diff: Apple's application.sb of macOS 10.14.5 against 10.15.2 (the largest profile pair of the corpus,
// both read against the Catalina vocabulary with the corpus harness's parameters), first run in the process
// (JIT cold, as the CLI runs it) and the median of warm runs; the target is under 2 s. Falls back to a
// synthetic profile against itself with one rule changed when ../shared/corpus is absent.
import type { BenchContext } from './run.js';
import type { Profile } from '../dist/sbpl/profile.js';
import { readProfile } from '../dist/sbpl/index.js';
import { diffProfiles } from '../dist/diff/index.js';
import { corpusCases } from '../test/corpus/harness.js';
import { syntheticProfileText } from './synthetic.js';

function pair(): { label: string; a: Profile; b: Profile } {
  const apple = corpusCases().filter((c) => /^apple-macos-10\.1(4\.5|5\.2)\/profiles\/application\.sb$/.test(c.file));
  if (apple.length === 2) {
    const [a, b] = apple.map((c) => readProfile(c.text, { ...c.options, os: 'catalina-10.15' }));
    if (a.ok && b.ok) return { label: 'application.sb 10.14.5 vs 10.15.2', a: a.profile, b: b.profile };
  }
  const text = syntheticProfileText();
  const changed = text.replace('(allow ', '(deny ');
  return { label: 'synthetic profile vs one rule changed', a: readProfile(text, {}).profile, b: readProfile(changed, {}).profile };
}

export default async function (ctx: BenchContext): Promise<void> {
  const { label, a, b } = pair();
  let t = performance.now();
  const first = diffProfiles(a, b);
  const cold = performance.now() - t;
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    diffProfiles(a, b);
    warm.push(performance.now() - t);
  }
  warm.sort((x, y) => x - y);
  ctx.report(`${label}: first run (target < 2 s)`, cold, 'ms');
  ctx.report(`${label}: warm median`, warm[2], 'ms');
  ctx.report(`${label}: differences / searches / automaton states`, `${first.differences.length} / ${first.stats.searches} / ${first.stats.states}`);
  ctx.report(`${label}: complete`, first.complete ? 'yes' : `no (${first.incomplete.length} notes)`);
}
