// Every OS vocabulary the package ships; adding an OS version = one data module + one line here.
import type { Vocabulary } from './types.js';
import { sonoma } from './data/sonoma-14.4.1.js';

export const registry: Record<string, Vocabulary> = {
  'sonoma-14.4.1': sonoma,
};
