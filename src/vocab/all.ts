// Every vocabulary the package ships: the root entry's (Sonoma 14.4.1, the default) plus Catalina 10.15 and the
// newer releases derived from Sonoma with the slots public blobs fix (data/releases.ts): macOS 15, iOS 17,
// iOS 26. Importing this module registers them (its one side effect, listed in package.json "sideEffects"); it
// is the `sbpl-kit/vocab` entry. They are registered as loaders: each is built the first time it (or `any`) is
// asked for, so a command on the default vocabulary builds no other at start-up.
import { registerVocabularies } from './index.js';
import { catalinaVocabulary } from './data/catalina-10.15.js';
import { ios17, ios26, macos15 } from './data/releases.js';

registerVocabularies({ 'catalina-10.15': catalinaVocabulary, 'macos-15': macos15, 'ios-17': ios17, 'ios-26': ios26 });

export * from './index.js';
