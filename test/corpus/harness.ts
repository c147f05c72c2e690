// How each real-world profile in ../shared/corpus is assembled and checked, the way its own project
// uses it (read in place, never copied). Shared by every corpus test and benchmark.
//
// Assembly rules come from each profile's MANIFEST notes: Chromium prepends common.sb to its child
// profiles; agent-safehouse concatenates 00-base.sb (with its placeholder line replaced, as
// bin/safehouse.sh does) before each module; Apple profiles import from their own release's folders;
// templates get parameter values from a table of realistic ones.

import '../../src/vocab/all.js'; // Catalina and the newer releases are registered by the sbpl-kit/vocab entry
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReadOptions, SourceProvider } from '../../src/sbpl/index.js';
import { nodeSources } from '../../src/runtime/node-sources.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const CORPUS_DIR = resolve(HERE, '..', '..', '..', 'shared', 'corpus');
export const HAVE_CORPUS = existsSync(join(CORPUS_DIR, 'MANIFEST.json'));

export function warnIfNoCorpus(what: string): void {
  if (!HAVE_CORPUS) console.warn(`[skip] ${what}: ../shared/corpus not found (a user's clone has no corpus); fixtures under test/ cover the features`);
}

export interface ManifestEntry {
  file: string;
  repo: string;
  path: string;
  kind: string;
  notes: string;
  size: number;
}

export const fsSources: SourceProvider = nodeSources;

/** Why a corpus file is expected to be rejected, and the diagnostic code we (and libsandbox) give. */
export interface ExpectedRejection {
  code: string;
  /** Substring of our message. */
  message: string;
  /** What libsandbox itself would say, and why. */
  libsandbox: string;
}

/**
 * Files rejected on purpose. Every other profile must be accepted with no error.
 * Keys are corpus-relative file names.
 */
export const EXPECTED_REJECTIONS: Record<string, ExpectedRejection> = {
  'nix/sandbox-defaults.sb': rawStringWrapper(),
  'nix/sandbox-minimal.sb': rawStringWrapper(),
  'nix/sandbox-network.sb': rawStringWrapper(),
  'webkit-needs-cpp/preferences.sb': {
    code: 'reader/preprocessor',
    message: "C preprocessor directive '#if'",
    libsandbox: 'a reader error at #if: the file must go through cpp first (accepted with --preprocess)',
  },
  'agent-safehouse/00-base.sb': {
    code: 'scheme/unbound-variable',
    message: "unbound variable '__SAFEHOUSE_REPLACE_ME_WITH_WORK_DIR_DEFINE__'",
    libsandbox: 'unbound variable: __SAFEHOUSE_REPLACE_ME_WITH_WORK_DIR_DEFINE__ (a template line bin/safehouse.sh replaces)',
  },
  'apple-macos-10.15.2/profiles/com.apple.colorsync.displayservices.sb': {
    code: 'scheme/unbound-variable',
    message: "unbound variable 'allow-create-directory'",
    libsandbox: 'unbound variable: allow-create-directory (defined only in colorsyncd.sb, which this profile does not import)',
  },
  'webkit/com.apple.WebKit.adattributiond.sb': {
    code: 'scheme/unbound-variable',
    message: "unbound variable 'any-home-regex'",
    libsandbox: "unbound variable: any-home-regex (iOS's WebKit prelude defines it; it is in no file of the corpus)",
  },
  'sandbox-boostrap/appsandbox-baseline.sb': {
    code: 'sbpl/import-not-found',
    message: 'unable to open book/profiles/textedit/application.sb',
    libsandbox: 'unable to open book/profiles/textedit/application.sb (a repo-relative import; the file is not in the corpus)',
  },
  'webkit/com.apple.WebKit.Storage.sb': {
    code: 'sbpl/import-not-found',
    message: 'unable to open common.sb',
    libsandbox: "unable to open common.sb (WebKit's own common.sb is not in the corpus)",
  },
  'apple-macos-10.15.2/profiles/com.apple.metrickitd.sb': {
    code: 'sbpl/import-not-found',
    message: 'unable to open common.sb',
    libsandbox: 'unable to open common.sb (not shipped in the 10.15.2 profile folders of the corpus)',
  },
  'apple-macos-10.15.2/usr-share-sandbox/wfs.sb': {
    code: 'sbpl/import-not-found',
    message: 'unable to open /etc/wfs/wfs_file-write.sb',
    libsandbox: 'unable to open /etc/wfs/wfs_file-write.sb (a file generated on the machine, not in the corpus)',
  },
  'apple-macos-10.15.2/usr-share-sandbox/com.apple.softwareupdated.sb': {
    code: 'sbpl/import-not-found',
    message: 'BridgeOSInstall.framework',
    libsandbox: 'unable to open /System/Library/PrivateFrameworks/BridgeOSInstall.framework/.../framework.sb (a framework file outside the profile folders)',
  },
};

function rawStringWrapper(): ExpectedRejection {
  return {
    code: 'scheme/unbound-variable',
    message: "unbound variable 'R'",
    libsandbox: 'unbound variable: R — the file is wrapped in a C++ raw string R""( ... )"" because Nix #includes it',
  };
}

/** Realistic parameter values for the keys real profiles read; unknown keys get a path under a test root. */
export function corpusParam(key: string): string | null {
  const known: Record<string, string> = {
    OS_VERSION: '1404',
    ENABLE_LOGGING: 'FALSE',
    DISABLE_SANDBOX_DENIAL_LOGGING: 'FALSE',
    _UID: '501',
    UID: '501',
    _USER: 'tester',
    USER: 'tester',
    application_bundle_id: 'com.example.app',
    application_container_id: 'com.example.app',
    application_dyld_paths: '/usr/lib:/usr/local/lib',
    PLATFORM: 'darwin',
  };
  if (key in known) return known[key];
  if (/^(SANDBOX_LEVEL|IS_|HAS_|SHOULD_)/.test(key)) return key.startsWith('SANDBOX_LEVEL') ? 'TRUE' : 'FALSE';
  // indexed families (HOME_0 ... HOME_4) stop at five so a profile's loop over them ends
  const indexed = /_(\d+)$/.exec(key);
  if (indexed && Number(indexed[1]) >= 5) return null;
  if (/(MINOR|MAJOR|_VERSION$|^VERSION)/.test(key)) return key.includes('MINOR') ? '4' : '14';
  if (/_PORT$/.test(key)) return '1234';
  if (/COUNT$/i.test(key)) return '2';
  if (/^(TRUE|FALSE)$/i.test(key)) return 'TRUE';
  if (/(VERSION|_ID$|BUNDLE_ID)/i.test(key)) return '1';
  if (/(ENABLE|DISABLE|ALLOW|_FLAG)/i.test(key)) return 'FALSE';
  return `/private/tmp/sbpl-corpus/${key}`;
}

export interface CorpusCase {
  /** Corpus-relative file name. */
  file: string;
  path: string;
  text: string;
  entry: ManifestEntry;
  options: ReadOptions;
  expect: 'ok' | ExpectedRejection;
}

export function readManifest(): ManifestEntry[] {
  return JSON.parse(readFileSync(join(CORPUS_DIR, 'MANIFEST.json'), 'utf8')) as ManifestEntry[];
}

function appleDirs(release: string): string[] {
  const dirs = [join(CORPUS_DIR, release, 'profiles'), join(CORPUS_DIR, release, 'usr-share-sandbox')];
  // files identical to 10.15.2 were left out of the older releases' folders
  if (release !== 'apple-macos-10.15.2') dirs.push(join(CORPUS_DIR, 'apple-macos-10.15.2', 'profiles'), join(CORPUS_DIR, 'apple-macos-10.15.2', 'usr-share-sandbox'));
  return dirs;
}

const SAFEHOUSE_WORKDIR_LINE = '__SAFEHOUSE_REPLACE_ME_WITH_WORK_DIR_DEFINE__';

/** Every corpus file of kind profile / third-party-fixture / sbpl-needs-cpp, with how to check it. */
export function corpusCases(): CorpusCase[] {
  if (!HAVE_CORPUS) return [];
  const cases: CorpusCase[] = [];
  for (const entry of readManifest()) {
    if (!['profile', 'third-party-fixture', 'sbpl-needs-cpp'].includes(entry.kind)) continue;
    const path = join(CORPUS_DIR, entry.file);
    const text = readFileSync(path, 'utf8');
    const top = entry.file.split('/')[0];
    const base = entry.file.slice(top.length + 1);
    const options: ReadOptions = {
      fileName: path,
      sources: fsSources,
      paramFallback: corpusParam,
      importPath: [dirname(path), ...appleDirs('apple-macos-10.15.2')],
      os: 'sonoma-14.4.1',
    };
    const apple = /^apple-macos-([\d.]+)$/.exec(top);
    if (apple) {
      options.os = apple[1] === '10.15.2' ? 'catalina-10.15' : 'any';
      options.importPath = appleDirs(top);
    } else if (top === 'apple-oss' || top === 'osx-sandbox-examples' || top === 'misc-real-world') {
      // written for the macOS of their day
      options.os = 'any';
    }
    if (top === 'chromium' && !base.startsWith('common')) {
      // child profiles are concatenated after common.sb (the newer one defines every helper they call)
      const common = join(CORPUS_DIR, 'chromium', 'common-7b3962fe.sb');
      options.preludes = [{ name: common, text: readFileSync(common, 'utf8') }];
    }
    if (top === 'agent-safehouse') {
      if (base !== '00-base.sb') {
        const basePath = join(CORPUS_DIR, 'agent-safehouse', '00-base.sb');
        options.preludes = [{ name: basePath, text: safehouseBase(readFileSync(basePath, 'utf8')) }];
      }
    }
    // App Sandbox profiles read the process's entitlements
    options.entitlements = { 'com.apple.security.app-sandbox': true };
    // files without (version ...) are fragments: imported by others or concatenated by their project
    if (!/\(version\s+\d/.test(text)) options.fragment = true;
    if (/fragment|appended|addend|Addend|NETWORK_SEATBELT|platform_defaults|network_policy|readonly_policy/.test(entry.notes + entry.file) || top === 'agent-safehouse' || top === 'chromium' || top === 'firefox' || top === 'codex' || top === 'gemini-cli') {
      options.fragment = true;
    }
    cases.push({ file: entry.file, path, text, entry, options, expect: EXPECTED_REJECTIONS[entry.file] ?? 'ok' });
  }
  return cases;
}

/** What bin/safehouse.sh does to 00-base.sb: define WORK_DIR and fill in HOME. */
export function safehouseBase(text: string): string {
  return text
    .replace(SAFEHOUSE_WORKDIR_LINE, '(define WORK_DIR "/Users/tester/work")')
    .replace(/__SAFEHOUSE_REPLACE_ME_WITH_ABSOLUTE_HOME_DIR__/g, '/Users/tester');
}
