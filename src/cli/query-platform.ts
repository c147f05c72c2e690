// `sbpl query --platform FILE|BLOB`: decide with the platform profile as a second layer (src/decide/platform.ts,
// docs/platform.md). FILE is SBPL, read with the query's own -D/-I/--os options; BLOB is a compiled profile,
// decoded to a PolicyGraph by decodePlatformGraph (the one place a blob format is chosen).

import { readProfile } from '../sbpl/compile.js';
import { DecisionEngine, DecideError, type EngineOptions } from '../decide/engine.js';
import { sbplLayer, type PolicyLayer } from '../decide/platform.js';
import { graphLayer } from '../graph/layer.js';
import type { PolicyGraph } from '../graph/model.js';
import { decodeAnyBlob, decodeBlob, detectFormat, DecodeError, FormatDecodeError, SONOMA14 } from '../format/index.js';
import { getVocab, type Vocab } from '../vocab/all.js';
import { CommandFailure, compileOptionsFrom, EXIT_FAILED, printDiagnostics, readBinaryFile, UsageError } from './common.js';
import type { PlatformCliOptions } from './query-platform-options.js';

export { PLATFORM_OPTION_HELP, type PlatformCliOptions } from './query-platform-options.js';

export interface DecodedPlatform {
  graph: PolicyGraph;
  /** Blob format id. */
  format: string;
  /** Vocabulary the graph's ids refer to. */
  vocab: Vocab;
  /** Name of the collection entry used, if any. */
  profile?: string;
}

/**
 * Compiled bytes -> the graph of the platform layer: a Sonoma 14 profile through its own decoder (with the --os
 * vocabulary), any other format we know (macOS 15, iOS 17/26, collections with --platform-profile) through
 * decodeAnyBlob with the format's vocabulary. Throws DecodeError / FormatDecodeError (byte offset) for bytes that
 * are not a valid blob.
 */
export function decodePlatformGraph(bytes: Uint8Array, vocab: Vocab, options: { profile?: string } = {}): DecodedPlatform {
  const format = detectFormat(bytes);
  // our own and libsandbox's Sonoma 14 blobs: the Sonoma decoder, with the --os vocabulary the user chose
  if (format.id === SONOMA14 && options.profile === undefined) {
    const decoded = decodeBlob(bytes, vocab);
    return { graph: decoded.graph, format: decoded.format, vocab };
  }
  const decoded = decodeAnyBlob(bytes, { profile: options.profile });
  if (decoded.profiles.length > 1) {
    const names = decoded.profiles.map((p) => p.name);
    throw new UsageError(`the platform blob is a collection of ${names.length} profiles: pick one with --platform-profile NAME (${names.slice(0, 6).join(', ')}${names.length > 6 ? ', ...' : ''}; sbpl decode lists them all)`);
  }
  const [only] = decoded.profiles;
  return { graph: only.graph, format: decoded.format.id, vocab: getVocab(decoded.vocabulary), profile: decoded.records ? only.name : undefined };
}

/** SBPL text starts with a form or a comment and holds no NUL; every compiled header holds NUL bytes early on. */
function looksLikeSbpl(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 512);
  if (head.includes(0)) return false;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(head.length < bytes.length ? head.subarray(0, Math.max(0, head.length - 4)) : head);
    const first = text.trimStart()[0];
    return first === undefined || first === '(' || first === ';' || first === '#';
  } catch {
    return false;
  }
}

/** Load the --platform layer: SBPL through the decision engine, a blob through the graph evaluator. */
export function loadPlatformLayer(opts: PlatformCliOptions, engineOptions: EngineOptions): PolicyLayer {
  const file = opts.platform!;
  const bytes = readBinaryFile(file, 'platform profile');
  if (looksLikeSbpl(bytes)) {
    if (opts.platformProfile !== undefined) throw new UsageError(`--platform-profile names a profile in a compiled collection; ${file} is SBPL`);
    const text = new TextDecoder().decode(bytes);
    const result = readProfile(text, compileOptionsFrom(opts, file));
    if (!result.ok) {
      printDiagnostics(result.diagnostics);
      throw new CommandFailure(`${file}: the platform profile has errors`);
    }
    try {
      return sbplLayer(new DecisionEngine(result.profile, getVocab(result.profile.os), engineOptions), file);
    } catch (e) {
      if (e instanceof DecideError) throw new CommandFailure(`${file}: ${e.message}`);
      throw e;
    }
  }
  const vocab = getVocab(opts.os);
  if (vocab.lenient) throw new UsageError(`--os ${opts.os} has no compiled-profile layout, so the platform blob ${file} cannot be read with it`);
  let decoded: DecodedPlatform;
  try {
    decoded = decodePlatformGraph(bytes, vocab, { profile: opts.platformProfile });
  } catch (e) {
    if (e instanceof DecodeError || e instanceof FormatDecodeError) throw new CommandFailure(`${file}: not a valid compiled profile: ${e.message}`);
    throw e;
  }
  const source = decoded.profile !== undefined ? `${file}#${decoded.profile}` : file;
  return graphLayer(decoded.graph, decoded.vocab, { ...engineOptions, source, format: decoded.format });
}
