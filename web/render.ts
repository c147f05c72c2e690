// DOT -> SVG in the page with Graphviz compiled to WebAssembly (@viz-js/viz, the library `sbpl graph
// --format svg` uses in Node). The module is inside the page's own script; the WebAssembly is instantiated
// on the first drawing, from bytes the script carries (nothing is fetched).

import type { Viz } from '@viz-js/viz';

let viz: Promise<Viz> | undefined;

export async function renderSvg(dot: string): Promise<SVGSVGElement> {
  viz ??= import('@viz-js/viz').then((m) => m.instance());
  const text = (await viz).renderString(dot, { format: 'svg', engine: 'dot' });
  // parsed as SVG (an XML document), not as HTML, and adopted into the page
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = doc.documentElement;
  if (!(svg instanceof SVGSVGElement)) throw new Error('Graphviz did not return an SVG document');
  for (const s of svg.querySelectorAll('script, foreignObject')) s.remove();
  return document.importNode(svg, true);
}
