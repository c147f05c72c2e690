// Every vocabulary the package ships: the root entry's (sonoma, catalina) plus the newer releases derived from
// Sonoma with the slots public blobs fix (data/releases.ts): macOS 15, iOS 17, iOS 26. Importing this module
// registers them (its one side effect, listed in package.json "sideEffects"); it is the `sbpl-kit/vocab` entry.
import { registerVocabularies } from './index.js';
import { ios17, ios26, macos15 } from './data/releases.js';

registerVocabularies({ 'macos-15': macos15, 'ios-17': ios17, 'ios-26': ios26 });

export * from './index.js';
