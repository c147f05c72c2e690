// Build step: the `sbpl` executable bundled (dist/cli/bundle/sbpl.js). Start-up time is mostly module loading
// (resolving and reading ~200 files); bundled, `sbpl --help` reads one small file and a command reads its own
// chunk and the chunks it shares with others (code splitting at the dynamic imports of
// src/cli/commands-table.ts), never the code of the other commands.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'cli', 'bundle');
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { sbpl: join(root, 'dist', 'cli', 'bin.js') },
  outdir,
  bundle: true,
  // dependencies stay in node_modules (installed with the package): the bundle holds only our own modules
  packages: 'external',
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // smaller chunks read faster at start-up; names kept so error classes and stack traces stay readable
  minify: true,
  keepNames: true,
  chunkNames: 'chunk-[hash]',
  // CommonJS dependencies bundled into an ES module still call require() for Node built-ins
  banner: { js: "import { createRequire as __sbplCreateRequire } from 'node:module'; const require = __sbplCreateRequire(import.meta.url);" },
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: !!process.env.SBPL_BUNDLE_META,
});
if (result.metafile) {
  for (const [file, out] of Object.entries(result.metafile.outputs)) if (file.endsWith('.js')) console.log(out.bytes, file);
}
