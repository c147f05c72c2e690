// The playground page: two profile editors (A, and B for the diff), a query panel, a decision-graph panel
// and a blob panel. Every answer is computed here with sbpl-kit's browser core; the page has no server.

import { createSbplEditor, type SbplEditor } from './editor.js';
import { renderSvg } from './render.js';
import { EXAMPLE_A, EXAMPLE_B } from './examples.js';
import { answerQuery, answerRequests } from './lib/query.js';
import { readBlob, type BlobReading } from './lib/blob.js';
import { engineDiff, type DiffProfiles, type DiffReport } from './lib/diff.js';
import { graphOfProfile } from './lib/graph.js';
import {
  compileProfileToBlob,
  DEFAULT_OS,
  DotError,
  EncodeError,
  getVocab,
  graphOperations,
  listVocabularies,
  LowerError,
  memorySources,
  operationDot,
  type Analysis,
  type EditorDiagnostic,
  type EditorSettings,
  type PolicyGraph,
  type Profile,
  type Vocab,
} from './lib/core.js';

// The diff engine the panel uses (the panel renders any DiffReport).
const diffProfiles: DiffProfiles = engineDiff;

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`page element #${id} is missing`);
  return el as T;
};

// the page's two documents live in a root folder of their own: `(import "A.sb")` finds the other editor's text
const settings: EditorSettings = { os: DEFAULT_OS, params: {}, importPath: ['/'], lint: true };
let editorA: SbplEditor;
let editorB: SbplEditor;
let blob: { name: string; reading: BlobReading; vocab: Vocab } | undefined;
let blobUrl: string | undefined;
let svgUrl: string | undefined;

/** The two documents, so either may `(import "A.sb")` / `(import "B.sb")` the other. */
const sources = () => memorySources({ '/A.sb': editorA?.text() ?? '', '/B.sb': editorB?.text() ?? '' });
const sourcesKey = () => `${editorA?.text() ?? ''}\0${editorB?.text() ?? ''}`;

function showDiagnostics(list: HTMLElement, status: HTMLElement, editor: () => SbplEditor, a: Analysis, diags: EditorDiagnostic[]): void {
  list.replaceChildren();
  for (const d of diags) {
    const li = document.createElement('li');
    li.className = d.severity;
    li.textContent = `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity}: ${d.message}`;
    const code = document.createElement('span');
    code.className = 'code';
    code.textContent = d.code;
    li.append(code);
    li.addEventListener('click', () => {
      const view = editor().view;
      const at = a.doc.lines.offset(d.range.start);
      if (at <= view.state.doc.length) view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      view.focus();
    });
    list.append(li);
  }
  if (a.result.ok) {
    const p = a.result.profile;
    status.textContent = `compiles for ${p.os}: ${p.rules.filter((r) => r.origin === 'profile').length} rules (+${p.rules.filter((r) => r.origin !== 'profile').length} of the standard policy)`;
    if (diags.length === 0) {
      const li = document.createElement('li');
      li.className = 'ok';
      li.textContent = 'no problems found';
      list.append(li);
    }
  } else status.textContent = 'has errors: the kernel would refuse it';
}

/** The compiled profile of an editor, or a message saying why there is none. */
function profileOf(editor: SbplEditor, name: string): { profile: Profile; vocab: Vocab } | string {
  const a = editor.analysis();
  if (!a.result.ok) return `profile ${name} has errors (see its diagnostics); fix them first`;
  return { profile: a.result.profile, vocab: getVocab(a.result.profile.os) };
}

function fillOperations(): void {
  const vocab = getVocab(settings.os);
  $('operations').replaceChildren(...vocab.operations.map((o) => Object.assign(document.createElement('option'), { value: o.name })));
}

// ---- query

function runQuery(): void {
  const out = $('query-output');
  const verdict = $('query-verdict');
  const p = profileOf(editorA, 'A');
  if (typeof p === 'string') {
    verdict.className = 'verdict error';
    verdict.textContent = p;
    out.textContent = '';
    return;
  }
  const r = answerQuery(p.profile, p.vocab, $<HTMLInputElement>('query-op').value, $<HTMLInputElement>('query-target').value);
  verdict.className = `verdict ${r.ok ? r.decision : 'error'}`;
  verdict.textContent = r.ok ? `${r.decision}` : 'not answered';
  out.textContent = r.text;
}

function runRequestLines(): void {
  const p = profileOf(editorA, 'A');
  $('query-lines-output').textContent = typeof p === 'string' ? p : answerRequests(p.profile, p.vocab, $<HTMLTextAreaElement>('query-lines').value).text;
}

// ---- graph

function graphSource(): { graph: PolicyGraph; vocab: Vocab } | string {
  const source = $<HTMLSelectElement>('graph-source').value;
  if (source === 'blob') {
    if (!blob?.reading.graph) return 'no decoded blob yet: drop one in the blob panel (or compile profile A there)';
    return { graph: blob.reading.graph, vocab: blob.vocab };
  }
  const p = profileOf(source === 'a' ? editorA : editorB, source.toUpperCase());
  if (typeof p === 'string') return p;
  try {
    return { graph: graphOfProfile(p.profile, p.vocab), vocab: p.vocab };
  } catch (e) {
    if (e instanceof LowerError) return e.message;
    throw e;
  }
}

async function drawGraph(): Promise<void> {
  const status = $('graph-status');
  const view = $('graph-view');
  const link = $<HTMLAnchorElement>('graph-download');
  const src = graphSource();
  if (typeof src === 'string') {
    status.textContent = src;
    return;
  }
  let dot: string;
  try {
    dot = operationDot(src.graph, src.vocab, $<HTMLInputElement>('graph-op').value.trim(), { maxNodes: Number($<HTMLInputElement>('graph-max').value) || undefined });
  } catch (e) {
    if (!(e instanceof DotError)) throw e;
    status.textContent = e.message;
    return;
  }
  $('graph-dot').textContent = dot;
  status.textContent = 'laying out…';
  const svg = await renderSvg(dot);
  view.replaceChildren(svg);
  status.textContent = `${svg.querySelectorAll('g.node').length} boxes; hover a box for the rule it comes from`;
  if (svgUrl) URL.revokeObjectURL(svgUrl);
  svgUrl = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)], { type: 'image/svg+xml' }));
  link.href = svgUrl;
  link.download = `${$<HTMLInputElement>('graph-op').value.trim() || 'graph'}.svg`;
  link.hidden = false;
}

// ---- blob

function blobVocab(): Vocab {
  const v = getVocab(settings.os);
  return v.lenient ? getVocab(DEFAULT_OS) : v;
}

function showBlob(name: string, bytes: Uint8Array): void {
  const vocab = blobVocab();
  const reading = readBlob(name, bytes, vocab);
  $('blob-output').textContent = [...reading.lines, ...reading.warnings.map((w) => `warning: ${w}`)].join('\n');
  $('blob-sbpl').textContent = reading.sbpl ?? '';
  if (reading.ok) {
    blob = { name, reading, vocab };
    $<HTMLSelectElement>('graph-source').value = 'blob';
  }
}

function compileA(): void {
  const p = profileOf(editorA, 'A');
  if (typeof p === 'string') {
    $('blob-output').textContent = p;
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = compileProfileToBlob(p.profile, p.vocab).bytes;
  } catch (e) {
    if (e instanceof EncodeError || e instanceof LowerError) {
      $('blob-output').textContent = `A: not compiled: ${e.message}`;
      return;
    }
    throw e;
  }
  if (blobUrl) URL.revokeObjectURL(blobUrl);
  blobUrl = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
  const link = $<HTMLAnchorElement>('blob-download');
  link.href = blobUrl;
  link.download = 'A.sb.bin';
  link.hidden = false;
  showBlob('A.sb.bin', bytes);
}

/** SBPL text never holds a NUL byte; compiled blobs do. */
const isBinary = (bytes: Uint8Array) => bytes.subarray(0, 4096).includes(0);

async function openFile(file: File, where: 'a' | 'b' | 'blob' | 'auto'): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const target = where === 'auto' ? (isBinary(bytes) ? 'blob' : 'a') : where;
  if (target === 'blob') showBlob(file.name, bytes);
  else (target === 'a' ? editorA : editorB).setText(new TextDecoder().decode(bytes));
}

// ---- diff

function runDiff(): void {
  const engine = $('diff-engine');
  const body = $('diff-table').querySelector('tbody')!;
  body.replaceChildren();
  const a = profileOf(editorA, 'A');
  const b = profileOf(editorB, 'B');
  if (typeof a === 'string' || typeof b === 'string') {
    engine.textContent = typeof a === 'string' ? a : (b as string);
    return;
  }
  const report = diffProfiles(a.profile, b.profile, a.vocab);
  showDiff(report, engine, body, a.profile.os !== b.profile.os ? `A is for ${a.profile.os}, B for ${b.profile.os}: both are asked in ${a.vocab.id}` : undefined);
}

const MAX_ROWS = 300;

function showDiff(r: DiffReport, engine: HTMLElement, body: HTMLElement, note?: string): void {
  engine.replaceChildren();
  const head = document.createElement('div');
  if (!r.complete) {
    const s = document.createElement('span');
    s.className = 'sampled';
    s.textContent = 'Sampled, not complete: ';
    head.append(s);
  }
  head.append(`${r.engine}. ${r.method}.`);
  const counts = document.createElement('div');
  counts.textContent = r.error
    ? r.error
    : `${r.checked} ${r.unit ?? 'requests'} ${r.unit === 'operations' ? 'compared' : 'decided by both'}; ${r.witnesses.length} decided differently${r.truncated ? ' (request budget reached: sample cut short)' : ''}${r.witnesses.length > MAX_ROWS ? `; the first ${MAX_ROWS} are listed` : ''}.`;
  engine.append(head, counts, ...(note ? [Object.assign(document.createElement('div'), { textContent: note })] : []));
  for (const w of r.witnesses.slice(0, MAX_ROWS)) {
    const tr = document.createElement('tr');
    const cell = (text: string, cls = '', detail = '') => {
      const td = document.createElement('td');
      td.className = cls;
      td.textContent = text;
      if (detail) td.append(Object.assign(document.createElement('small'), { textContent: detail }));
      return td;
    };
    tr.append(cell(w.operation), cell(w.target), cell(w.a.decision, w.a.decision, w.a.by), cell(w.b.decision, w.b.decision, w.b.by));
    tr.title = 'ask this in the query panel (profile A)';
    tr.addEventListener('click', () => {
      $<HTMLInputElement>('query-op').value = w.operation;
      $<HTMLInputElement>('query-target').value = w.target;
      runQuery();
      $('query').scrollIntoView({ behavior: 'smooth' });
    });
    body.append(tr);
  }
}

// ---- wiring

/** Run a handler; an unexpected error is shown where its panel writes, never swallowed. */
function guard(out: () => HTMLElement, f: () => void | Promise<void>): () => void {
  return () => {
    Promise.resolve()
      .then(f)
      .catch((e: unknown) => {
        out().textContent = `internal error: ${e instanceof Error ? e.message : String(e)} (please report this)`;
        console.error(e);
      });
  };
}

function setup(): void {
  const osSelect = $<HTMLSelectElement>('os');
  osSelect.replaceChildren(...listVocabularies().map((id) => Object.assign(document.createElement('option'), { value: id, textContent: id, selected: id === settings.os })));
  osSelect.addEventListener('change', () => {
    settings.os = osSelect.value;
    fillOperations();
    editorA.refresh();
    editorB.refresh();
  });
  $<HTMLInputElement>('lint').addEventListener('change', (e) => {
    settings.lint = (e.target as HTMLInputElement).checked;
    editorA.refresh();
    editorB.refresh();
  });
  fillOperations();

  editorA = createSbplEditor({
    parent: $('editor-a'),
    name: 'A.sb',
    text: EXAMPLE_A,
    settings: () => settings,
    sources,
    sourcesKey,
    onAnalysis: (a, d) => showDiagnostics($('diagnostics-a'), $('status-a'), () => editorA, a, d),
  });
  editorB = createSbplEditor({
    parent: $('editor-b'),
    name: 'B.sb',
    text: EXAMPLE_B,
    settings: () => settings,
    sources,
    sourcesKey,
    onAnalysis: (a, d) => showDiagnostics($('diagnostics-b'), $('status-b'), () => editorB, a, d),
  });

  $('query-form').addEventListener('submit', (e) => {
    e.preventDefault();
    guard(() => $('query-output'), runQuery)();
  });
  $('query-lines-run').addEventListener('click', guard(() => $('query-lines-output'), runRequestLines));
  $('graph-form').addEventListener('submit', (e) => {
    e.preventDefault();
    guard(() => $('graph-status'), drawGraph)();
  });
  $('blob-compile').addEventListener('click', guard(() => $('blob-output'), compileA));
  $('diff-run').addEventListener('click', guard(() => $('diff-engine'), runDiff));
  $('diff-copy').addEventListener('click', () => editorB.setText(editorA.text()));

  const onPick = (id: string, where: 'a' | 'b' | 'blob') => {
    const input = $<HTMLInputElement>(id);
    input.addEventListener('change', guard(() => (where === 'blob' ? $('blob-output') : $(`status-${where}`)), async () => {
      const f = input.files?.[0];
      if (f) await openFile(f, where);
      input.value = '';
    }));
  };
  onPick('open-a', 'a');
  onPick('open-b', 'b');
  onPick('blob-file', 'blob');

  // Drops anywhere: on the blob panel = a blob, on the diff panel = profile B, elsewhere by content.
  const zone = $('blob-drop');
  document.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.toggle('over', zone.contains(e.target as Node));
  });
  document.addEventListener('dragleave', () => zone.classList.remove('over'));
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const f = e.dataTransfer?.files?.[0];
    if (!f) return;
    const target = e.target as Node;
    const where = zone.contains(target) ? 'blob' : $('diff').contains(target) ? 'b' : 'auto';
    guard(() => $('blob-output'), () => openFile(f, where))();
  });
}

setup();
