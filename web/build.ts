// `npm run playground`: bundle the page into dist-web/ (index.html, style.css, app.js) with esbuild.
// One classic script (no modules, no code splitting), so the folder works from any static server and also
// opened straight from disk.

import { build } from 'esbuild';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUT = resolve(WEB, '..', 'dist-web');

export interface PlaygroundBuild {
  outDir: string;
  files: Array<{ name: string; bytes: number }>;
}

export async function buildPlayground(outDir = DEFAULT_OUT): Promise<PlaygroundBuild> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(WEB, 'main.ts')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'eof',
    // platform 'browser': a Node built-in reaching the page cannot resolve, so it fails the build
    logLevel: 'warning',
  });
  for (const f of ['index.html', 'style.css']) copyFileSync(join(WEB, f), join(outDir, f));
  const files = ['index.html', 'style.css', 'app.js'].map((name) => ({ name, bytes: statSync(join(outDir, name)).size }));
  return { outDir, files };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUT;
  buildPlayground(out).then(
    (b) => {
      for (const f of b.files) process.stdout.write(`${join(b.outDir, f.name)}  ${(f.bytes / 1024).toFixed(1)} KiB\n`);
      process.stdout.write('open index.html in a browser (from disk or any static server); nothing in it contacts a server\n');
    },
    (e: unknown) => {
      process.stderr.write(`playground build failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
