// "Did you mean" suggestions for misspelled names (operations, filters, variables, request fields).

/** Levenshtein distance, for "did you mean" suggestions. With `bound`, stops once the distance must exceed it
 *  (returning bound + 1), so a long misspelling costs O(length × bound) per candidate, not O(length²). */
export function editDistance(a: string, b: string, bound = Infinity): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  // The length difference is a lower bound on the distance.
  if (Math.abs(m - n) > bound) return bound + 1;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    // Row minima never decrease: once every cell exceeds the bound, so does the result.
    if (rowMin > bound) return bound + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[n];
}

/** The closest candidate within a distance proportional to the name's length, or undefined. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const limit = Math.max(2, Math.floor(name.length / 3));
  for (const c of candidates) {
    const d = editDistance(name, c, Math.min(limit, bestD));
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= limit ? best : undefined;
}
