// `sbpl graph BLOB|PROFILE --op NAME [--format dot|svg] [-o FILE]`: one operation's decision graph as Graphviz
// DOT (src/graph/dot.ts, shared with the web playground) or laid out as SVG by Graphviz compiled to WebAssembly
// (@viz-js/viz, the library the playground uses too). A profile is lowered as `sbpl compile` lowers it, so its
// graph is the one its blob holds; a blob is read through the format entry point (src/format).

import type { Command } from 'commander';
import { inFile } from './errors.js';
import { addProfileOptions, CommandFailure, EXIT_OK, loadProfileFile, maxFilterTestsOf, printDiagnostics, readBinaryFile, UsageError, writeOutputFile, type ProfileCliOptions } from './common.js';
import { DEFAULT_OS, getVocab, hasVocabulary, listVocabularies, normalizeOsId, type Vocab } from '../vocab/all.js';
import { decodeBlob, SONOMA14_COMPILER } from '../format/index.js';
import { lowerProfile, PLAIN_MODEL } from '../graph/lower.js';
import { DEFAULT_MAX_NODES, operationDot } from '../graph/dot.js';
import type { PolicyGraph } from '../graph/model.js';

interface GraphCliOptions extends ProfileCliOptions {
  op?: string;
  format?: string;
  output?: string;
  maxNodes?: string;
}

const FORMATS = ['dot', 'svg'] as const;

/** Compiled blobs are binary; SBPL text never holds a NUL byte. */
function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 4096).includes(0);
}

function vocabOf(os: string | undefined): Vocab {
  const id = os ?? DEFAULT_OS;
  if (!hasVocabulary(normalizeOsId(id))) throw new UsageError(`unknown --os '${id}' (known: ${listVocabularies().join(', ')})`);
  return getVocab(id);
}

function graphOfBlob(file: string, bytes: Uint8Array, opts: GraphCliOptions): { graph: PolicyGraph; vocab: Vocab; warnings: string[] } {
  const vocab = vocabOf(opts.os);
  if (vocab.lenient) throw new UsageError(`--os ${vocab.id} has no compiled-profile layout; name the OS the blob was compiled for (${DEFAULT_OS})`);
  try {
    const d = decodeBlob(bytes, vocab);
    return { graph: d.graph, vocab, warnings: d.warnings };
  } catch (e) {
    throw inFile(file, e, 'not a blob this version can decode');
  }
}

function graphOfProfile(file: string, opts: GraphCliOptions): { graph: PolicyGraph; vocab: Vocab; warnings: string[] } {
  const result = loadProfileFile(file, opts);
  printDiagnostics(result.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'));
  if (!result.ok) throw new CommandFailure(`${file}: no graph: the profile has errors`);
  const vocab = getVocab(result.profile.os);
  try {
    // the compiler model of the blob format where the vocabulary has one, so the graph is the compiled one
    const graph = lowerProfile(result.profile, vocab, { model: vocab.lenient ? PLAIN_MODEL : SONOMA14_COMPILER, maxFilterTests: maxFilterTestsOf(opts) });
    return { graph, vocab, warnings: graph.warnings ?? [] };
  } catch (e) {
    throw inFile(file, e);
  }
}

/** DOT -> SVG with Graphviz (WebAssembly), loaded only when SVG is asked for. */
export async function renderSvg(dot: string): Promise<string> {
  const { instance } = await import('@viz-js/viz');
  const viz = await instance();
  return viz.renderString(dot, { format: 'svg', engine: 'dot' });
}

export function registerGraph(program: Command): void {
  const cmd = program
    .command('graph')
    .description("draw one operation's decision graph (the filter tests the kernel walks and the decisions they lead to) from a compiled blob or an SBPL profile, as Graphviz DOT or SVG")
    .argument('<input>', 'compiled blob or SBPL profile: a .sb file or - is a profile, any other file is told apart by its content')
    .option('--op <NAME>', 'the operation whose graph to draw (file-read-data, mach-lookup, ...)')
    .option('--format <FORMAT>', `output format: ${FORMATS.join(' or ')}`, 'dot')
    .option('-o, --output <FILE>', 'write here instead of standard output')
    .option('--max-nodes <N>', `draw at most N nodes (the rest is one box)`, String(DEFAULT_MAX_NODES));
  addProfileOptions(cmd);
  cmd.action(async (file: string, opts: GraphCliOptions) => {
    if (!opts.op) throw new UsageError('graph needs --op NAME (file-read-data, mach-lookup, network-outbound, ...)');
    const op = opts.op;
    const format = opts.format ?? 'dot';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format expects ${FORMATS.join(' or ')}, got '${format}'`);
    const maxNodes = Number(opts.maxNodes ?? DEFAULT_MAX_NODES);
    if (!Number.isInteger(maxNodes) || maxNodes < 1) throw new UsageError(`--max-nodes expects a positive integer, got '${opts.maxNodes}'`);
    const bytes = file === '-' || file.endsWith('.sb') ? undefined : readBinaryFile(file, 'input');
    const { graph, vocab, warnings } = bytes && looksBinary(bytes) ? graphOfBlob(file, bytes, opts) : graphOfProfile(file, opts);
    for (const w of warnings) process.stderr.write(`${file}: warning: ${w}\n`);
    let dot: string;
    try {
      dot = operationDot(graph, vocab, op, { maxNodes });
    } catch (e) {
      throw inFile(file, e);
    }
    const text = format === 'svg' ? await renderSvg(dot) : dot;
    if (opts.output) writeOutputFile(opts.output, text);
    else process.stdout.write(text);
    process.exitCode = EXIT_OK;
  });
}
