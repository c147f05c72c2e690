// The seeded generator the fuzz harness and the benches share, so every case and every bench request set is
// replayable from its seed.

export type Rng = () => number;

/** mulberry32: a small seeded generator, so every case is replayable from (surface, seed, index). */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
