// `npx tsx fuzz/replay.ts SURFACE SEED INDEX`: rerun one case (DUMP=file writes its input), to reproduce a failure or a slowest case.
import { writeFileSync } from 'node:fs';
import { SURFACES, prepareSurfaces } from './run.js';
import { rng } from './surfaces.js';
const [name, seed, idx] = process.argv.slice(2);
await prepareSurfaces();
const s = SURFACES.find((x) => x.name === name);
if (!s) throw new Error(`unknown surface ${name}`);
const input = s.make(rng(Number(seed) * 1_000_003 + Number(idx)));
const t0 = performance.now(); const o = s.run(input);
console.log(o, (performance.now() - t0).toFixed(0), 'ms', input.length);
if (process.env.DUMP) writeFileSync(process.env.DUMP, input);
