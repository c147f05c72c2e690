// Every OS vocabulary the package ships; adding an OS version = one data module + one line here.
// The first entry is the newest: `any` (index.ts) uses it as the base of the union.
import type { Vocabulary } from './types.js';
import { sonoma } from './data/sonoma-14.4.1.js';
import { catalina } from './data/catalina-10.15.js';

export const registry: Record<string, Vocabulary> = {
  'sonoma-14.4.1': sonoma,
  'catalina-10.15': catalina,
};
