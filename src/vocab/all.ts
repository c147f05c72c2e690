// Every vocabulary the package ships: the root entry's (sonoma, catalina) plus the newer releases derived from
// Sonoma with the slots public blobs fix (data/releases.ts): macOS 15, iOS 17, iOS 26. Importing this module
// registers them (its one side effect, listed in package.json "sideEffects"); it is the `sbpl-kit/vocab` entry.
// They are registered as loaders: each is derived the first time it (or `any`) is asked for, so a command on
// the default vocabulary does not derive three others at start-up.
import { registerVocabularies } from './index.js';
import { ios17, ios26, macos15 } from './data/releases.js';

registerVocabularies({ 'macos-15': macos15, 'ios-17': ios17, 'ios-26': ios26 });

export * from './index.js';
