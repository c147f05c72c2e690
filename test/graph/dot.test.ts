// DOT of one operation's decision graph (src/graph/dot.ts). The text is read back by Graphviz itself
// (@viz-js/viz renderJSON): its parse must be the graph — the same nodes, the same match / no-match edges,
// the same labels — for generated profiles, for a blob decoded from the compiled profile, and for real
// libsandbox-compiled blobs when ../shared is present.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { instance, type Viz } from '@viz-js/viz';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileProfileToBlob, decodeBlob } from '../../src/format/index.js';
import { SONOMA14_COMPILER } from '../../src/format/sonoma14/descriptor.js';
import { DotError, graphOperations, nodeLabel, operationDot, operationSubgraph } from '../../src/graph/dot.js';
import { lowerProfile } from '../../src/graph/lower.js';
import type { PolicyGraph } from '../../src/graph/model.js';
import { genProfileText } from '../format/generators.js';
import { profileOf, vocab } from './helpers.js';

let viz: Viz;
beforeAll(async () => {
  viz = await instance();
});

const compiled = (text: string): PolicyGraph => lowerProfile(profileOf(text), vocab, { model: SONOMA14_COMPILER });

/** A label as Graphviz keeps it after parsing: quotes unescaped, `\\` and `\n` escapes left for rendering. */
const asParsed = (lines: string[]) => lines.join('\n').replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

interface Parsed {
  nodes: Map<string, string>;
  edges: Array<{ from: string; to: string; label: string }>;
}

function parse(dot: string): Parsed {
  const j = viz.renderJSON(dot) as { objects?: Array<{ _gvid: number; name: string; label?: string }>; edges?: Array<{ tail: number; head: number; label?: string }> };
  const byId = new Map((j.objects ?? []).map((o) => [o._gvid, o]));
  return {
    nodes: new Map((j.objects ?? []).map((o) => [o.name, o.label ?? ''])),
    edges: (j.edges ?? []).map((e) => ({ from: byId.get(e.tail)!.name, to: byId.get(e.head)!.name, label: e.label ?? '' })),
  };
}

/** What Graphviz read equals the graph: every drawn node with its label, every edge where the graph has it. */
function expectDrawn(graph: PolicyGraph, op: string, dot: string): void {
  const sub = operationSubgraph(graph, vocab, op);
  const p = parse(dot);
  expect(sub.hidden).toBe(0);
  expect([...p.nodes.keys()].sort()).toEqual(['start', ...sub.nodes.map((n) => `n${n}`)].sort());
  for (const id of sub.nodes) expect(p.nodes.get(`n${id}`)).toBe(asParsed(nodeLabel(graph.nodes[id], vocab)));
  const want = [{ from: 'start', to: `n${sub.entry}`, label: '' }];
  for (const id of sub.nodes) {
    const n = graph.nodes[id];
    if (n.kind === 'test') want.push({ from: `n${id}`, to: `n${n.match}`, label: 'match' }, { from: `n${id}`, to: `n${n.unmatch}`, label: 'no match' });
  }
  const key = (e: { from: string; to: string; label: string }) => `${e.from}>${e.to}:${e.label}`;
  expect(p.edges.map(key).sort()).toEqual(want.map(key).sort());
}

describe('operationDot', () => {
  it('draws the tests the kernel walks and the decisions they reach', () => {
    const g = compiled('(version 1)\n(deny default)\n(allow file-read* (subpath "/usr") (literal "/etc/hosts"))\n(deny file-read-data (regex #"\\.secret$") (with no-report))\n');
    const dot = operationDot(g, vocab, 'file-read-data');
    expectDrawn(g, 'file-read-data', dot);
    const labels = [...parse(dot).nodes.values()];
    expect(labels).toContain('(regex #\\"\\\\.secret$\\")'.replace(/\\"/g, '"'));
    expect(labels).toContain('deny\\n(with no-report)');
    expect(labels.some((l) => l.startsWith('any of 2:'))).toBe(true);
    // rules written in the profile are named in tooltips
    expect(dot).toMatch(/tooltip="<inline>:4:\d+"/);
  });

  it('escapes quotes, backslashes and newlines so Graphviz reads the label back as written', () => {
    const g = compiled('(version 1)\n(deny default)\n(allow file-read-data (literal "/a\\"b\\\\c"))\n(allow mach-lookup (global-name "x\\ny"))\n');
    for (const op of ['file-read-data', 'mach-lookup']) expectDrawn(g, op, operationDot(g, vocab, op));
  });

  it('a parsed DOT is the graph, for generated profiles and every operation their rules name', () => {
    fc.assert(
      fc.property(genProfileText(), (text) => {
        const g = compiled(text);
        const ops = new Set(['file-read-data', 'mach-lookup', ...[...text.matchAll(/\((?:allow|deny) ([\w*-]+)/g)].map((m) => m[1])]);
        for (const op of ops) {
          if (vocab.operation(op) && vocab.operation(op)!.id < g.entries.length) expectDrawn(g, op, operationDot(g, vocab, op));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('the blob decoded from a compiled profile draws the same graph as the profile', () => {
    const text = readFileSync(fileURLToPath(new URL('../fixtures/decide/basic.sb', import.meta.url)), 'utf8');
    const p = profileOf(text.replace('(param "WORK")', '"/work"'));
    const blob = compileProfileToBlob(p, vocab);
    const decoded = decodeBlob(blob.bytes, vocab).graph;
    // the same nodes and edges; labels may spell a test differently ((literal "/x") is decoded as (path "/x")) and
    // a decoded blob has no source locations for tooltips
    const strip = (s: string) => s.replace(/, (tooltip|label)="(?:[^"\\]|\\.)*"/g, '');
    const ops = graphOperations(decoded, vocab);
    expect(ops.length).toBe(blob.graph.entries.length);
    for (const op of ops) {
      expectDrawn(decoded, op, operationDot(decoded, vocab, op));
      expect(strip(operationDot(decoded, vocab, op))).toBe(strip(operationDot(blob.graph, vocab, op)));
    }
  });

  it('stops at maxNodes and says how many nodes are not drawn', () => {
    const rules = Array.from({ length: 30 }, (_, i) => `(allow file-read-data (literal "/f${i}") (vnode-type DIRECTORY))`).join('\n');
    const g = compiled(`(version 1)\n(deny default)\n${rules}\n`);
    const full = operationSubgraph(g, vocab, 'file-read-data');
    const sub = operationSubgraph(g, vocab, 'file-read-data', { maxNodes: 5 });
    expect(sub.nodes).toEqual(full.nodes.slice(0, 5));
    expect(sub.hidden).toBe(full.nodes.length - 5);
    const p = parse(operationDot(g, vocab, 'file-read-data', { maxNodes: 5 }));
    expect(p.nodes.size).toBe(5 + 2); // start + 5 + the "more" box
    expect(p.nodes.get('more')).toContain(`${sub.hidden} more nodes`);
  });

  it('names the operation it cannot draw, with a suggestion', () => {
    const g = compiled('(version 1)\n(deny default)\n');
    expect(() => operationDot(g, vocab, 'file-raed-data')).toThrow(DotError);
    expect(() => operationDot(g, vocab, 'file-raed-data')).toThrow("did you mean 'file-read-data'?");
    const outside = vocab.operations.find((o) => o.id >= g.entries.length);
    if (outside) expect(() => operationDot(g, vocab, outside.name)).toThrow('has no slot');
    // aliases resolve to the operation they name
    expect(operationSubgraph(g, vocab, 'process-exec').operation).toBe('process-exec*');
  });
});

// Real blobs compiled by Apple's libsandbox 14.4.1 (../shared/data/real-blobs/libsandbox-14.4.1/*.json, bytes as hex).
const LS14 = fileURLToPath(new URL('../../../shared/data/real-blobs/libsandbox-14.4.1', import.meta.url));
const haveReal = existsSync(LS14);
if (!haveReal) console.warn(`[skip] real libsandbox blobs not found at ${LS14} (a user's clone has no ../shared): skipping their graphs`);

describe.skipIf(!haveReal)('graphs of libsandbox-compiled blobs', () => {
  it('every operation of every blob draws, and Graphviz reads back the graph', () => {
    const files = readdirSync(LS14).filter((f) => f.endsWith('.json') && existsSync(join(LS14, f.replace(/\.json$/, '.sb'))));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const hex = (JSON.parse(readFileSync(join(LS14, f), 'utf8')) as { bytes_hex: string }).bytes_hex.replace(/\?\?/g, '00');
      const g = decodeBlob(Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16))), vocab).graph;
      for (const op of ['network-outbound', 'network-bind', 'file-read-data', 'default']) expectDrawn(g, op, operationDot(g, vocab, op));
    }
  });
});
