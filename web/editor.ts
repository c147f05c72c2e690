// An SBPL editor for the page: CodeMirror 6 with the language service of src/editor (the one `sbpl lsp`
// serves) — diagnostics and lint inline and in a list, their quick fixes, hover, completion.

import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, hoverTooltip, drawSelection, highlightActiveLine, type Tooltip } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { StreamLanguage, bracketMatching, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { scheme } from '@codemirror/legacy-modes/mode/scheme';
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import {
  analyzeDocument,
  codeFixes,
  completionsAt,
  describeCompletion,
  editorDiagnostics,
  hoverAt,
  type Analysis,
  type EditorDiagnostic,
  type EditorSettings,
  type SourceProvider,
} from './lib/core.js';
import { renderMarkdown } from './markdown.js';

export interface SbplEditorOptions {
  parent: HTMLElement;
  /** The name diagnostics use (`A.sb`). */
  name: string;
  text: string;
  settings: () => EditorSettings;
  /** Other documents of the page, for `(import ...)`. */
  sources: () => SourceProvider;
  /** Changes whenever a file `sources` serves changes (an analysis is kept only while it is the same). */
  sourcesKey: () => string;
  /** Called with each new analysis (after typing stops, or when settings change). */
  onAnalysis: (a: Analysis, diagnostics: EditorDiagnostic[]) => void;
}

export interface SbplEditor {
  view: EditorView;
  text(): string;
  setText(text: string): void;
  /** The analysis of the current text with the current settings (computed now if stale). */
  analysis(): Analysis;
  /** Re-check now (settings changed). */
  refresh(): void;
}

const SEVERITY: Record<string, CmDiagnostic['severity']> = { error: 'error', warning: 'warning', note: 'info' };
const KIND: Record<string, string> = { operation: 'keyword', filter: 'function', modifier: 'property', value: 'constant', function: 'function', variable: 'variable', keyword: 'keyword', parameter: 'variable' };
const DEBOUNCE_MS = 200;

export function createSbplEditor(o: SbplEditorOptions): SbplEditor {
  let cached: { key: string; analysis: Analysis } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const analysis = (): Analysis => {
    const text = view.state.doc.toString();
    const settings = o.settings();
    const key = `${JSON.stringify(settings)}\0${o.sourcesKey()}\0${text}`;
    if (cached?.key !== key) cached = { key, analysis: analyzeDocument({ name: o.name, text }, settings, { sources: o.sources() }) };
    return cached.analysis;
  };

  const publish = (): void => {
    timer = undefined;
    const a = analysis();
    const diags = editorDiagnostics(a);
    const lines = a.doc.lines;
    const fixes = codeFixes(a);
    const cm: CmDiagnostic[] = diags.map((d) => {
      const from = lines.offset(d.range.start);
      const to = Math.max(from, lines.offset(d.range.end));
      const mine = fixes.filter((f) => f.code === d.code && f.diagnosticRange.start.line === d.range.start.line && f.diagnosticRange.start.character === d.range.start.character);
      return {
        from,
        to,
        severity: SEVERITY[d.severity] ?? 'info',
        source: d.code,
        message: d.message,
        actions: mine.map((f) => ({
          name: f.title,
          apply: (v: EditorView) => {
            // the fix was computed on the analysed text; apply it only to that text
            if (v.state.doc.toString() !== a.doc.text) return;
            v.dispatch({ changes: f.edits.map((e) => ({ from: lines.offset(e.range.start), to: lines.offset(e.range.end), insert: e.newText })) });
          },
        })),
      };
    });
    view.dispatch(setDiagnostics(view.state, cm));
    o.onAnalysis(a, diags);
  };
  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(publish, DEBOUNCE_MS);
  };

  const hover = hoverTooltip((v, pos): Tooltip | null => {
    const a = analysis();
    const info = hoverAt(a, a.doc.lines.position(pos));
    if (!info) return null;
    return {
      pos: a.doc.lines.offset(info.range.start),
      end: a.doc.lines.offset(info.range.end),
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'hover';
        dom.append(renderMarkdown(info.contents));
        return { dom };
      },
    };
  });

  const complete = (ctx: CompletionContext): CompletionResult | null => {
    const a = analysis();
    const entries = completionsAt(a, a.doc.lines.position(ctx.pos));
    if (entries.length === 0) return null;
    const from = a.doc.lines.offset(entries[0].range.start);
    if (from === ctx.pos && !ctx.explicit) return null;
    const os = a.vocab.id;
    return {
      from,
      options: entries.map((e) => ({
        label: e.label,
        type: KIND[e.kind] ?? 'text',
        detail: e.detail,
        boost: e.sortText ? -(Number.parseInt(e.sortText, 10) || 0) : 0,
        info: () => {
          const doc = describeCompletion(os, e.label, e.kind);
          return doc ? renderMarkdown(doc) : null;
        },
      })),
      validFor: /^[\w*.-]*$/,
    };
  };

  const view = new EditorView({
    parent: o.parent,
    state: EditorState.create({
      doc: o.text,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        bracketMatching(),
        StreamLanguage.define(scheme),
        syntaxHighlighting(defaultHighlightStyle),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        lintGutter(),
        hover,
        autocompletion({ override: [complete] }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) schedule();
        }),
        EditorView.contentAttributes.of({ 'aria-label': `profile ${o.name}`, spellcheck: 'false' }),
      ],
    }),
  });
  queueMicrotask(publish);

  return {
    view,
    text: () => view.state.doc.toString(),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    analysis,
    refresh: () => {
      if (timer !== undefined) clearTimeout(timer);
      publish();
    },
  };
}
