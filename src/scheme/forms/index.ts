// Every special form the interpreter knows, by name (one table shared by every interpreter).

import { bindingForms } from './binding.js';
import { conditionalForms } from './conditionals.js';
import { coreForms } from './core.js';
import { macroForms } from './macros.js';
import { quasiquoteForms } from './quasiquote.js';
import type { SpecialForm } from './syntax.js';

export type { SpecialForm } from './syntax.js';

export const SPECIAL_FORMS: ReadonlyMap<string, SpecialForm> = new Map(
  [coreForms, bindingForms, conditionalForms, quasiquoteForms, macroForms].flatMap((family) => Object.entries(family)),
);
