// Blob formats: compile a profile to bytes, and decode bytes back to a graph. One folder per format;
// Sonoma 14 is the one we know. Layout analysis (layout/) is for blobs of formats we do not know yet.

import type { Profile } from '../sbpl/profile.js';
import type { Vocab } from '../vocab/all.js';
import { lowerProfile, type LowerOptions } from '../graph/lower.js';
import type { PolicyGraph } from '../graph/model.js';
import { SONOMA14_COMPILER, FORMAT_ID as SONOMA14 } from './sonoma14/descriptor.js';
import { encodeSonoma14, type EncodeResult } from './sonoma14/encode.js';
import { decodeSonoma14, type DecodeOptions, type DecodeResult } from './sonoma14/decode.js';

export { SONOMA14 };
export { DecodeError } from './sonoma14/decode.js';
export { EncodeError } from './sonoma14/encode.js';
export type { DecodeResult, RawSonoma14, RawNode, RawItem, RawHeader } from './sonoma14/decode.js';
export type { EncodeResult, Sonoma14Layout, DataItemLayout } from './sonoma14/encode.js';

export interface CompileBlobOptions {
  /** Record a byte-provenance trace of every write. */
  trace?: boolean;
  /** Passed to the lowering (sysctl-write alias). */
  lower?: Omit<LowerOptions, 'model'>;
}

export interface CompiledBlob extends EncodeResult {
  graph: PolicyGraph;
  format: string;
}

/** Profile -> PolicyGraph (libsandbox's Sonoma 14 compiler model) -> blob bytes. */
export function compileProfileToBlob(profile: Profile, vocab: Vocab, options: CompileBlobOptions = {}): CompiledBlob {
  const graph = lowerProfile(profile, vocab, { ...options.lower, model: SONOMA14_COMPILER });
  const enc = encodeSonoma14(graph, vocab, { trace: options.trace });
  return { ...enc, graph, format: SONOMA14 };
}

/** Decode a Sonoma 14 blob. Throws DecodeError (with a byte offset) when the bytes are not a valid blob. */
export function decodeBlob(bytes: Uint8Array, vocab: Vocab, options?: DecodeOptions): DecodeResult & { format: string } {
  return { ...decodeSonoma14(bytes, vocab, options), format: SONOMA14 };
}

export { SONOMA14_COMPILER } from './sonoma14/descriptor.js';
export { analyzeLayout, analyzeLayouts, type BlobLayout, type LayoutSummary } from './layout/analyze.js';
export { sha256Hex } from './sha256.js';
export type { WriteRecord, WriteStage } from './writer.js';

// Every blob format we read (one registry: formats.ts), detection and decoding into named profiles.
export { BLOB_FORMATS, detectFormat, decodeAnyBlob, formatById, type FormatDescriptor, type DecodedBlob, type DecodedProfile, type DecodeAnyOptions } from './formats.js';
export { FormatDecodeError } from './apple/header.js';
