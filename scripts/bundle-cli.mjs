// Build step: the `sbpl` executable bundled (dist/cli/bundle/sbpl.js). Start-up time is mostly module loading
// (resolving and reading ~200 files); bundled, `sbpl --help` reads one small file and a command reads its own
// chunk and the chunks it shares with others (code splitting at the dynamic imports of
// src/cli/commands-table.ts), never the code of the other commands.
import { build } from 'esbuild';
import { copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const requireHere = createRequire(import.meta.url);

/**
 * commander is bundled (every command line needs it: resolving the package and running it through the CommonJS
 * loader is measurable start-up time), and its one use of node:child_process — spawning executable subcommands,
 * which sbpl has none of — loads that module on first call instead of at start-up (with net, dgram, streams).
 */
const bundleCommander = {
  name: 'bundle-commander',
  setup(b) {
    b.onResolve({ filter: /^commander$/ }, () => ({ path: requireHere.resolve('commander') }));
    b.onResolve({ filter: /^node:child_process$/ }, (args) => (args.importer.includes(`${join('node_modules', 'commander')}`) ? { path: 'lazy-child-process', namespace: 'sbpl-lazy' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'sbpl-lazy' }, () => ({
      loader: 'js',
      contents: "let m; const load = () => (m ??= require('node:child_process')); module.exports = { spawn: (...a) => load().spawn(...a) };",
    }));
  },
};
const outdir = join(root, 'dist', 'cli', 'bundle');
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { sbpl: join(root, 'dist', 'cli', 'bin.js') },
  outdir,
  bundle: true,
  // dependencies stay in node_modules (installed with the package): the bundle holds our own modules and commander
  packages: 'external',
  plugins: [bundleCommander],
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
// commander's MIT licence travels with the copy of it the bundle holds
copyFileSync(join(dirname(requireHere.resolve('commander')), 'LICENSE'), join(outdir, 'commander.LICENSE'));
if (result.metafile) {
  for (const [file, out] of Object.entries(result.metafile.outputs)) if (file.endsWith('.js')) console.log(out.bytes, file);
}
