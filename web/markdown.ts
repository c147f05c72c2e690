// The little Markdown the language service writes (paragraphs, `- ` lists, code fences, `code`, **bold**),
// built as DOM nodes from text: nothing is parsed as HTML.

export function renderMarkdown(md: string): DocumentFragment {
  const out = document.createDocumentFragment();
  const blocks = md.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  for (const block of blocks) {
    const fence = /^```[\w-]*\n([\s\S]*?)\n?```$/.exec(block.trim());
    if (fence) {
      const pre = document.createElement('pre');
      pre.textContent = fence[1];
      out.append(pre);
      continue;
    }
    const lines = block.split('\n');
    if (lines.every((l) => /^\s*[-*] /.test(l))) {
      const ul = document.createElement('ul');
      for (const l of lines) {
        const li = document.createElement('li');
        inline(li, l.replace(/^\s*[-*] /, ''));
        ul.append(li);
      }
      out.append(ul);
      continue;
    }
    const p = document.createElement('p');
    lines.forEach((l, i) => {
      if (i > 0) p.append(document.createElement('br'));
      inline(p, l);
    });
    out.append(p);
  }
  return out;
}

function inline(parent: HTMLElement, text: string): void {
  for (const part of text.split(/(`[^`]+`|\*\*[^*]+\*\*)/)) {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) {
      const code = document.createElement('code');
      code.textContent = part.slice(1, -1);
      parent.append(code);
    } else if (part.startsWith('**') && part.endsWith('**') && part.length > 3) {
      const b = document.createElement('strong');
      b.textContent = part.slice(2, -2);
      parent.append(b);
    } else if (part) parent.append(part);
  }
}
