// Kept in step with package.json by test/version.test.ts.
/** The package version (package.json's). */
export const VERSION = '0.1.0';
