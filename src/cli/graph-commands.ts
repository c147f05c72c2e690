// Compiled-profile commands:
//   sbpl compile PROFILE.sb -o OUT.sb.bin [--trace DIR]   SBPL -> Sonoma 14 blob (+ byte-provenance trace)
//   sbpl decode FILE.sb.bin [--json]                       header, op table, nodes, data items
//   sbpl decompile FILE.sb.bin [-o OUT.sb]                 SBPL that decides the same as the blob
//   sbpl layout FILE... [-o summary.json]                  layout analysis of known and unknown blobs

import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { inFile } from './errors.js';
import {
  addProfileOptions,
  CommandFailure,
  loadProfileFile,
  maxFilterTestsOf,
  printDiagnostics,
  readBinaryFile,
  readTextFile,
  UsageError,
  writeJson,
  writeOutputFile,
  isStdio,
  statusStream,
  EXIT_OK,
  type ProfileCliOptions,
} from './common.js';
import { DEFAULT_OS, getVocab, hasVocabulary, normalizeOsId, listVocabularies, type Vocab } from '../vocab/all.js';
import { compileProfileToBlob, decodeBlob, type DecodeResult } from '../format/index.js';
import { DecompileError, decompileGraph, testText } from '../graph/decompile.js';
import { analyzeLayouts } from '../format/layout/analyze.js';
import { analyzeTrace, manifestFile, type Manifest } from '../trace/analysis.js';
import { sha256Hex } from '../format/sha256.js';
import { FORMAT_ID } from '../format/sonoma14/descriptor.js';
import { VERSION } from '../version.js';
import { decompileGeneric, printGenericDecode, wantsGenericDecode, type BlobCliOptions } from './blob-commands.js';
import type { GraphNode } from '../graph/model.js';

interface CompileCliOptions extends ProfileCliOptions {
  output?: string;
  trace?: string;
  json?: boolean;
  verbose?: boolean;
}

function vocabFor(os: string | undefined): Vocab {
  const id = os ?? DEFAULT_OS;
  if (!hasVocabulary(normalizeOsId(id))) throw new UsageError(`unknown --os '${id}' (known: ${listVocabularies().join(', ')})`);
  const v = getVocab(id);
  if (v.lenient) throw new UsageError(`--os ${id} has no compiled-profile layout; use a specific OS version (${DEFAULT_OS})`);
  return v;
}

function stem(file: string): string {
  return basename(file).replace(/\.sb\.bin$|\.sb$|\.bin$/, '') || 'profile';
}

export function registerGraphCommands(program: Command): void {
  registerCompile(program);
  registerDecode(program);
  registerDecompile(program);
  registerLayout(program);
}

function registerCompile(program: Command): void {
  const cmd = program
    .command('compile')
    .description(`compile an SBPL profile to a compiled blob (${FORMAT_ID} layout; every inferred choice is listed in src/format/sonoma14/descriptor.ts)`)
    .argument('<profile>', 'SBPL profile file')
    .option('-o, --output <FILE>', 'write the blob here (default with --trace: DIR/blobs/NAME.sb.bin)')
    .option('--trace <DIR>', 'also write DIR/traces/NAME.jsonl, DIR/blobs/NAME.sb.bin, DIR/manifest.json, DIR/trace_analysis.json')
    .option('--json', 'print a JSON summary (sizes, node count, sha256, notes) instead of a line')
    .option('-v, --verbose', "also print the compiler model's notes (inferred behaviour it applied)");
  addProfileOptions(cmd);
  cmd.action((file: string, opts: CompileCliOptions) => {
    if (!opts.output && !opts.trace) throw new UsageError('compile needs -o OUT.sb.bin (- for standard output) or --trace DIR');
    if (isStdio(opts.output) && opts.json) throw new UsageError('-o - and --json would both write standard output; give -o a file');
    const vocab = vocabFor(opts.os);
    const result = loadProfileFile(file, opts);
    printDiagnostics(result.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'));
    if (!result.ok) throw new CommandFailure(`${file}: not compiled: the profile has errors`);
    let compiled;
    try {
      compiled = compileProfileToBlob(result.profile, vocab, { trace: opts.trace !== undefined, lower: { maxFilterTests: maxFilterTestsOf(opts) } });
    } catch (e) {
      throw inFile(file, e);
    }
    const name = stem(file);
    const outputs: Array<{ path: string; data: Uint8Array; role: string }> = [];
    const blobPath = opts.output ?? join(opts.trace!, 'blobs', `${name}.sb.bin`);
    outputs.push({ path: blobPath, data: compiled.bytes, role: 'blob' });
    if (opts.trace) {
      const dir = opts.trace;
      const tracePath = join(dir, 'traces', `${name}.jsonl`);
      const traceText = compiled.trace!.map((r) => JSON.stringify(r)).join('\n') + '\n';
      outputs.push({ path: tracePath, data: new TextEncoder().encode(traceText), role: 'trace' });
      if (opts.output) outputs.push({ path: join(dir, 'blobs', `${name}.sb.bin`), data: compiled.bytes, role: 'blob' });
      const analysis = analyzeTrace(`${name}.sb.bin`, compiled.bytes.length, compiled.trace!, result.profile.rules);
      outputs.push({ path: join(dir, 'trace_analysis.json'), data: new TextEncoder().encode(JSON.stringify(analysis, null, 2) + '\n'), role: 'trace-analysis' });
      const inputs = result.profile.files.map((f) => {
        const text = f === file ? readTextFile(file, 'profile') : readTextFile(f, 'imported profile');
        return manifestFile(resolve(f), new TextEncoder().encode(text), f === file ? 'profile' : 'import');
      });
      const manifest: Manifest = {
        tool: 'sbpl compile',
        version: VERSION,
        format: FORMAT_ID,
        vocabulary: vocab.id,
        inputs: inputs.length ? inputs : [manifestFile(resolve(file), new TextEncoder().encode(readTextFile(file, 'profile')), 'profile')],
        outputs: outputs.map((o) => manifestFile(resolve(o.path), o.data, o.role)),
        notes: [...(compiled.graph.warnings ?? []), ...compiled.graph.notes],
      };
      outputs.push({ path: join(dir, 'manifest.json'), data: new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n'), role: 'manifest' });
    }
    for (const o of outputs) {
      mkdirSync(resolve(o.path, '..'), { recursive: true });
      writeOutputFile(o.path, o.data);
    }
    for (const w of compiled.graph.warnings ?? []) process.stderr.write(`${file}: warning: ${w}\n`);
    if (opts.verbose) for (const note of compiled.graph.notes) process.stderr.write(`${file}: note: ${note}\n`);
    const summary = {
      profile: file,
      output: blobPath,
      format: FORMAT_ID,
      bytes: compiled.bytes.length,
      nodes: compiled.graph.nodes.length,
      dataItems: compiled.layout.items.length,
      sha256: sha256Hex(compiled.bytes),
      warnings: compiled.graph.warnings ?? [],
      notes: compiled.graph.notes,
    };
    if (opts.json) writeJson(summary);
    else statusStream(opts.output).write(`${file}: wrote ${isStdio(blobPath) ? 'standard output' : blobPath} (${summary.bytes} bytes, ${summary.nodes} nodes, ${summary.dataItems} data items)\n`);
    process.exitCode = EXIT_OK;
  });
}

/** Decode a Sonoma 14 blob; `bytes` when the caller has read them already (standard input can be read once). */
function decodeFile(file: string, vocab: Vocab, bytes: Uint8Array = readBinaryFile(file, 'blob')): DecodeResult & { bytes: Uint8Array } {
  try {
    return { ...decodeBlob(bytes, vocab), bytes };
  } catch (e) {
    throw inFile(file, e, `not a valid ${FORMAT_ID} blob`);
  }
}

function nodeText(n: GraphNode, vocab: Vocab): string {
  if (n.kind === 'terminal') return `${n.decision}${n.modifiers.map((m) => ` (with ${m.name}${m.args.map((a) => ' ' + JSON.stringify(a)).join('')})`).join('')}`;
  if (n.test.opaque) return `test ${n.test.filter} <not understood: ${n.test.opaque.reason}> -> ${n.match} / ${n.unmatch}`;
  const alts = n.test.alternatives.map((a) => testText(a, vocab));
  return `${alts.length === 1 ? alts[0] : `(require-any ${alts.join(' ')})`} -> match ${n.match} / unmatch ${n.unmatch}`;
}

function registerDecode(program: Command): void {
  program
    .command('decode')
    .description(`print a compiled blob (${FORMAT_ID}): header, op table, nodes, data items`)
    .argument('<blob>', 'compiled profile (.sb.bin)')
    .option('--json', 'print everything as JSON for tools')
    .option('--os <VERSION>', `vocabulary for operation and filter names (default: the format's; ${DEFAULT_OS} for sonoma14)`)
    .option('--format <FORMAT>', 'force a blob format (sonoma14, ios17, macos15, ios26) instead of detecting it from the header')
    .option('--profile <NAME>', 'only this profile of a collection')
    .action((file: string, opts: BlobCliOptions & { json?: boolean; os?: string }) => {
      const bytes = readBinaryFile(file, 'blob');
      if (wantsGenericDecode(bytes, opts)) return printGenericDecode(file, opts, bytes);
      const vocab = vocabFor(opts.os);
      const d = decodeFile(file, vocab, bytes);
      const opName = (i: number) => vocab.operationById(i)?.name ?? `#${i}`;
      if (opts.json) {
        writeJson({
          file,
          format: FORMAT_ID,
          vocabulary: vocab.id,
          ...d.raw,
          opTable: d.raw.opTable.map((node, i) => ({ operation: opName(i), node })),
          graph: d.graph.nodes.map((n, i) => ({ index: i, ...(n.kind === 'terminal' ? { kind: 'terminal', decision: n.decision, modifiers: n.modifiers } : { kind: 'test', filter: n.test.filter, alternatives: n.test.alternatives.map((a) => a.arg), match: n.match, unmatch: n.unmatch, ...(n.test.opaque ? { opaque: n.test.opaque } : {}) }) })),
          warnings: d.warnings,
        });
        return;
      }
      const h = d.raw.header;
      const out: string[] = [];
      out.push(`${file}: ${d.raw.length} bytes, ${FORMAT_ID} layout`);
      out.push(`header: type 0x${h.profileType.toString(16)}, ${h.nodeCount} nodes, ${h.opCount} op-table entries, ${h.regexCount} regexes, ${h.policyCount} policy words, ${h.varCount} variables`);
      out.push(`op table at ${d.raw.opTableOffset}, nodes at ${d.raw.nodesOffset}, data at ${d.raw.dataOffset}`);
      if (d.raw.policies.length) out.push(`policy words: ${d.raw.policies.join(' ')}`);
      out.push('', 'op table (entry node: operations):');
      const byNode = new Map<number, string[]>();
      d.raw.opTable.forEach((e, i) => byNode.set(e, [...(byNode.get(e) ?? []), opName(i)]));
      for (const [node, ops] of [...byNode.entries()].sort((a, b) => a[0] - b[0])) {
        const shown = ops.length > 12 ? `${ops.slice(0, 12).join(' ')} ... (+${ops.length - 12} more)` : ops.join(' ');
        out.push(`  ${String(node).padStart(5)}: ${shown}`);
      }
      out.push('', 'nodes:');
      d.graph.nodes.forEach((n, i) => out.push(`  ${String(i).padStart(5)} @${d.raw.nodes[i].offset} ${d.raw.nodes[i].hex}  ${nodeText(n, vocab)}`));
      if (d.raw.items.length) {
        out.push('', 'data items:');
        for (const it of d.raw.items) out.push(`  @${it.offset} ${it.kind} ${it.length} bytes (nodes ${it.nodes.join(', ')}): ${it.hex}`);
      }
      for (const w of d.warnings) out.push(`warning: ${w}`);
      process.stdout.write(out.join('\n') + '\n');
    });
}

function registerDecompile(program: Command): void {
  program
    .command('decompile')
    .description('print SBPL that decides every request the way the compiled blob does')
    .argument('<blob>', 'compiled profile (.sb.bin)')
    .option('-o, --output <FILE|DIR>', 'write the SBPL here instead of standard output (- for standard output; a directory: one NAME.sb per profile)')
    .option('--os <VERSION>', `vocabulary for operation and filter names (default: the format's; ${DEFAULT_OS} for sonoma14)`)
    .option('--format <FORMAT>', 'force a blob format (sonoma14, ios17, macos15, ios26) instead of detecting it from the header')
    .option('--profile <NAME>', 'only this profile of a collection')
    .option('--json', 'print {"file", "format", "bytes", "sha256", "warnings", "sbpl"} instead of the SBPL text (Sonoma 14 blobs)')
    .action((file: string, opts: BlobCliOptions & { output?: string; os?: string; json?: boolean }) => {
      if (opts.json && isStdio(opts.output)) throw new UsageError('-o - and --json would both write standard output; give -o a file');
      const bytes = readBinaryFile(file, 'blob');
      if (wantsGenericDecode(bytes, opts)) return decompileGeneric(file, opts, bytes);
      const vocab = vocabFor(opts.os);
      const d = decodeFile(file, vocab, bytes);
      let text: string;
      try {
        text = decompileGraph(d.graph, vocab, {
          header: [
            `decompiled from ${basename(file)} (${FORMAT_ID}, ${d.raw.length} bytes, sha256 ${sha256Hex(d.bytes)})`,
            'the rules already include what the compiler added (standard policy, implicit rules): read it back with --no-standard-policy',
            ...d.warnings.map((w) => `warning: ${w}`),
          ],
        });
      } catch (e) {
        // a real Apple blob in this format (tests we cannot read, a graph too tangled for one rule per path):
        // the decompiler for Apple-compiled graphs
        if (e instanceof DecompileError && !opts.json) return decompileGeneric(file, opts, bytes);
        throw inFile(file, e);
      }
      if (opts.output) writeOutputFile(opts.output, text);
      if (opts.json) writeJson({ file, format: FORMAT_ID, bytes: d.raw.length, sha256: sha256Hex(d.bytes), warnings: d.warnings, ...(opts.output ? { output: opts.output } : { sbpl: text }) });
      else if (!opts.output) process.stdout.write(text);
    });
}

function registerLayout(program: Command): void {
  program
    .command('layout')
    .description('layout analysis of compiled blobs, known format or not: preamble, op-table entry points, node region, literal pool, stride 8/12/16 statistics, printable runs, and the corrected reading when the blob decodes')
    .argument('<blob...>', 'compiled profiles')
    .option('-o, --output <FILE>', 'write summary.json here instead of standard output')
    .option('--os <VERSION>', 'vocabulary for the corrected reading', DEFAULT_OS)
    .action((files: string[], opts: { output?: string; os?: string }) => {
      const vocab = vocabFor(opts.os);
      const summary = analyzeLayouts(files.map((f) => ({ name: f, bytes: readBinaryFile(f, 'blob') })), vocab);
      const text = JSON.stringify(summary, null, 2) + '\n';
      if (opts.output) {
        writeOutputFile(opts.output, text);
        statusStream(opts.output).write(`wrote ${opts.output} (${summary.blobs.length} blob${summary.blobs.length === 1 ? '' : 's'})\n`);
      } else process.stdout.write(text);
    });
}
