// Every OS vocabulary the package ships; adding an OS version = one data module + one line here.
// The first entry is the newest: `any` (index.ts) uses it as the base of the union.
import type { Vocabulary } from './types.js';
import { sonoma } from './data/sonoma-14.4.1.js';
import { catalina } from './data/catalina-10.15.js';
import { ios17, ios26, macos15 } from './data/releases.js';

export const registry: Record<string, Vocabulary> = {
  'sonoma-14.4.1': sonoma,
  'catalina-10.15': catalina,
  // derived from Sonoma with the slots public blobs fix (data/releases.ts); used to decode those releases' blobs
  'macos-15': macos15,
  'ios-17': ios17,
  'ios-26': ios26,
};
