// Graphs the page can draw: a profile lowered as `sbpl compile` lowers it (so it is the graph its blob
// holds), or a decoded blob's graph. The DOT text comes from src/graph/dot.ts, shared with `sbpl graph`.
import { lowerProfile, PLAIN_MODEL, SONOMA14_COMPILER, type PolicyGraph, type Profile, type Vocab } from './core.js';

export function graphOfProfile(profile: Profile, vocab: Vocab): PolicyGraph {
  return lowerProfile(profile, vocab, { model: vocab.lenient ? PLAIN_MODEL : SONOMA14_COMPILER });
}
