// Full readback run over ../shared/data/real-blobs (read in place): for every .bin, `sbpl decode` (text and
// --json), `sbpl decompile -o DIR`, `sbpl check --os any --fragment` on every NAME.sb written, and the decisions
// of each decompiled profile against its graph on sampled requests. Prints per-blob figures: coverage, times,
// sizes, check failures (first messages), mismatches. `npm run readback:real [-- --sample N] [-- FILE...]`.
// The suite runs a deterministic sample of this (test/format/apple/readback-real.test.ts).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { decodeAnyBlob } from '../src/format/index.js';
import { profileFileName } from '../src/cli/blob-commands.js';
import { getVocab } from '../src/vocab/all.js';
import { runCli } from '../test/cli/run-cli.js';
import { compareReadback, sampleRequests } from '../test/format/apple/readback.js';

const DIR = resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'real-blobs');
const args = process.argv.slice(2);
const sampleAt = args.indexOf('--sample');
const perProfile = sampleAt >= 0 ? Number(args.splice(sampleAt, 2)[1]) : 300;
const files = args.length ? args : existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.bin')).sort().map((f) => join(DIR, f)) : [];
if (!files.length) {
  console.error(`no blobs: ${DIR} not found (no ../shared) and no FILE given`);
  process.exit(2);
}
const ms = (t: number) => `${Math.round(performance.now() - t)} ms`;
let failed = 0;
for (const file of files) {
  const bytes = new Uint8Array(readFileSync(file));
  let t = performance.now();
  const d = decodeAnyBlob(bytes);
  const decodeTime = ms(t);
  t = performance.now();
  const plain = await runCli(['decode', file]);
  const json = await runCli(['decode', '--json', file]);
  const cliDecode = ms(t);
  const dir = mkdtempSync(join(tmpdir(), 'sbpl-readback-'));
  try {
    t = performance.now();
    const dec = await runCli(['decompile', file, '-o', dir + '/']);
    const decompileTime = ms(t);
    const written = readdirSync(dir);
    const sizes = written.map((f) => statSync(join(dir, f)).size);
    t = performance.now();
    const bad: string[] = [];
    for (const f of written) {
      const c = await runCli(['check', '--os', 'any', '--fragment', '-q', join(dir, f)]);
      if (c.code !== 0) bad.push(`${f}: ${(c.stdout + c.stderr).split('\n').find((l) => /error/.test(l))?.slice(0, 200) ?? `exit ${c.code}`}`);
    }
    const checkTime = ms(t);
    t = performance.now();
    let compared = 0;
    let uncertain = 0;
    const mismatches: string[] = [];
    const vocab = getVocab(d.vocabulary);
    for (const p of d.profiles) {
      const name = d.profiles.length === 1 ? profileFileName(basename(file).replace(/\.bin$/, '')) : profileFileName(p.name);
      if (!written.includes(name) || bad.some((b) => b.startsWith(name + ':'))) continue;
      const r = compareReadback(p.graph, vocab, readFileSync(join(dir, name), 'utf8'), sampleRequests(p.graph, vocab, perProfile, 1));
      compared += r.compared;
      uncertain += r.uncertain;
      for (const m of r.mismatches) mismatches.push(`${p.name}: ${m.request.operation} ${JSON.stringify(m.request.facts)}: graph ${m.graph}, text ${m.text}`);
    }
    const faithTime = ms(t);
    const ok = plain.code === 0 && json.code === 0 && dec.code === 0 && bad.length === 0 && mismatches.length === 0;
    if (!ok) failed++;
    console.log(`${basename(file)}: ${d.format.id}, ${bytes.length} bytes, ${d.profiles.length} profile(s), coverage ${(100 * d.coverage.fraction).toFixed(3)}%`);
    console.log(`  decode ${decodeTime} (library), decode + decode --json ${cliDecode} (CLI, exit ${plain.code}/${json.code})`);
    console.log(`  decompile ${decompileTime} (exit ${dec.code}): ${written.length} file(s), ${sizes.reduce((a, b) => a + b, 0)} bytes, largest ${Math.max(...sizes)}`);
    console.log(`  check --os any --fragment ${checkTime}: ${written.length - bad.length}/${written.length} ok`);
    for (const b of bad.slice(0, 5)) console.log(`    ${b}`);
    if (bad.length > 5) console.log(`    ... ${bad.length - 5} more`);
    console.log(`  decisions ${faithTime}: ${compared} sampled requests compared, ${uncertain} left out (graph path through a test not understood), ${mismatches.length} differ`);
    for (const m of mismatches.slice(0, 5)) console.log(`    ${m.slice(0, 300)}`);
    if (dec.stderr.includes('shared conditions instead')) console.log(`  note: ${dec.stderr.split('\n').filter((l) => l.includes('instead')).length} profile(s) written in the shared-condition form`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
process.exit(failed ? 1 : 0);
