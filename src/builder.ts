// `sbpl-kit/builder`: build a profile from typed values and get SBPL text that always checks
// (`import * as sbpl from 'sbpl-kit/builder'; sbpl.profile(sbpl.version(1), sbpl.deny('default'))...`).
export * from './sbpl/builder/index.js';
