// The whole real-world corpus through the front end: every profile is accepted with no error, or
// rejected with the diagnostic the table in harness.ts names (and libsandbox would give).
import '../../src/vocab/all.js'; // Catalina and the newer releases are registered by the sbpl-kit/vocab entry
import { describe, expect, it } from 'vitest';
import { readProfile } from '../../src/sbpl/index.js';
import { HAVE_CORPUS, corpusCases, warnIfNoCorpus } from './harness.js';

warnIfNoCorpus('front-end corpus walk');

describe.skipIf(!HAVE_CORPUS)('front end over the real-world corpus', () => {
  const cases = corpusCases();

  it('finds the corpus', () => {
    expect(cases.length).toBeGreaterThan(400);
  });

  it('accepts every profile or rejects it with the expected diagnostic', () => {
    const problems: string[] = [];
    let accepted = 0;
    let rejected = 0;
    let rules = 0;
    for (const c of cases) {
      const r = readProfile(c.text, c.options);
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      if (c.expect === 'ok') {
        if (errors.length) problems.push(`${c.file}: unexpected error ${errors[0].code} at ${errors[0].span?.file.split('/').slice(-2).join('/')}:${errors[0].span?.line}: ${errors[0].message}`);
        else {
          accepted++;
          rules += r.profile.rules.length;
        }
      } else {
        const e = errors[0];
        if (!e) problems.push(`${c.file}: expected rejection ${c.expect.code}, but it was accepted`);
        else if (e.code !== c.expect.code || !e.message.includes(c.expect.message)) problems.push(`${c.file}: expected ${c.expect.code} "${c.expect.message}", got ${e.code} "${e.message}"`);
        else {
          rejected++;
          expect(e.span, `${c.file}: rejection has a location`).toBeDefined();
        }
      }
    }
    console.log(`corpus: ${accepted} accepted (${rules} rules), ${rejected} rejected as expected, ${problems.length} problems`);
    expect(problems).toEqual([]);
  });

  it('Chromium version skew: on_device_model_execution.sb needs the newer common.sb', () => {
    const c = cases.find((x) => x.file === 'chromium/on_device_model_execution.sb')!;
    const older = cases.find((x) => x.file === 'chromium/common.sb')!;
    const r = readProfile(c.text, { ...c.options, preludes: [{ name: older.path, text: older.text }] });
    const e = r.diagnostics.find((d) => d.severity === 'error');
    expect(e?.code).toBe('scheme/unbound-variable');
    expect(e?.message).toMatch(/maybe-disable-metal-shader-cache|allow-cvms-blobs/);
  });

  it('the C-preprocessor template is accepted with --preprocess', () => {
    const c = cases.find((x) => x.file === 'webkit-needs-cpp/preferences.sb')!;
    for (const defs of [{}, { ENABLE_CFPREFS_DIRECT_MODE: '1' }] as Array<Record<string, string>>) {
      const r = readProfile(c.text, { ...c.options, preprocess: defs, fragment: true });
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
  });
});
