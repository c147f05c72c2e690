// Corpus profiles compiled for Sonoma the way the tests assemble them (harness.ts), for benchmarks.
import { readProfile } from '../dist/sbpl/index.js';
import type { Profile } from '../dist/sbpl/profile.js';
import { corpusCases } from '../test/corpus/harness.js';

export function corpusCandidates(): Array<{ label: string; profile: Profile }> {
  const out: Array<{ label: string; profile: Profile }> = [];
  for (const c of corpusCases()) {
    const r = readProfile(c.text, { ...c.options, os: 'sonoma-14.4.1' });
    if (r.ok) out.push({ label: c.file, profile: r.profile });
  }
  return out;
}
