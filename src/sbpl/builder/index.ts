// The typed profile builder: build a profile from values and get SBPL text that always checks.
//
//   import * as sbpl from 'sbpl-kit/builder';
//   const { text, warnings } = sbpl
//     .profile(sbpl.version(1), sbpl.deny('default'))
//     .allow('file-read*', 'file-write*', sbpl.subpath(sbpl.param('PROJECT_DIR')))
//     .allow('network-outbound', sbpl.remote('tcp', 'localhost:8080'), sbpl.withReport())
//     .build();
//
// Names are typed against the vocabularies (names.ts); strings are escaped as the reader unescapes them;
// regexes print as #"raw" strings; /tmp, /var and /etc paths are flagged (or rewritten with resolveSymlinks).

export * from './values.js';
export type { FilterName, ModifierName, OperationName, TargetName, VnodeType } from './names.js';
export { BuilderError } from './print.js';
export { ROOT_SYMLINKS, resolveRootSymlink, type BuilderWarning } from './pitfalls.js';
export { buildProfile, profile, ProfileBuilder, type BuildOptions, type BuiltProfile } from './profile.js';
