// Alternatives with a common start or end, written once: P·A·S | P·B·S = P·(A|B)·S. State elimination repeats
// the shared parts of a regex in every alternative (`^/var/a/x|^/var/b/x`); factoring them out gives the
// text a profile author would write (`^/var/(a|b)/x`) and matches the same strings.

import { EPS, flatCat, listRe, sameRe, star, type Re } from './re.js';

/** `r` with the common prefix and suffix of every alternation's branches factored out (bottom-up). */
export function factorAlternatives(r: Re): Re {
  switch (r.t) {
    case 'star':
      return star(factorAlternatives(r.item));
    case 'cat': {
      const items = r.items.map(factorAlternatives);
      return items.every((x, k) => x === r.items[k]) ? r : listRe('cat', items);
    }
    case 'alt':
      return factorBranches(r.items.map(factorAlternatives));
    default:
      return r;
  }
}

function factorBranches(branches: Re[]): Re {
  // nested alternations (a branch that factoring left an alternation) join this one
  const flat: Re[] = [];
  for (const b of branches) {
    if (b.t === 'alt') flat.push(...b.items);
    else flat.push(b);
  }
  const seqs = flat.map((b) => flatCat(b, []).filter((x) => x.t !== 'eps'));
  let shortest = Infinity;
  for (const s of seqs) shortest = Math.min(shortest, s.length);
  let pre = 0;
  while (pre < shortest && seqs.every((s) => sameRe(s[pre], seqs[0][pre]))) pre++;
  let suf = 0;
  while (suf < shortest - pre && seqs.every((s) => sameRe(s[s.length - 1 - suf], seqs[0][seqs[0].length - 1 - suf]))) suf++;
  if (pre === 0 && suf === 0) return listRe('alt', dedupe(flat));
  const rests = dedupe(seqs.map((s) => sequence(s.slice(pre, s.length - suf))));
  const middle = rests.length === 1 ? rests[0] : factorBranches(rests);
  const parts = [...seqs[0].slice(0, pre), middle, ...seqs[0].slice(seqs[0].length - suf)].filter((x) => x.t !== 'eps');
  return sequence(parts);
}

function sequence(items: Re[]): Re {
  return items.length === 0 ? EPS : items.length === 1 ? items[0] : listRe('cat', items);
}

/** Branches without repeats (the first of equal ones kept). */
function dedupe(branches: Re[]): Re[] {
  const out: Re[] = [];
  for (const b of branches) if (!out.some((x) => sameRe(x, b))) out.push(b);
  return out;
}
