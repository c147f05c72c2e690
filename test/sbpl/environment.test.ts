// The base environment is shared by every compile: what one profile redefines stays in that profile.
import { describe, expect, it } from 'vitest';
import { readProfile } from '../../src/sbpl/index.js';
import { show } from './helpers.js';

describe('isolation', () => {
  it("one profile's set! or define of a builtin does not leak into the next compile", () => {
    const first = readProfile('(version 1)\n(set! allow deny)\n(define (car x) 0)\n(set! subpath literal)\n(allow file-read* (subpath "/a"))', { standardPolicy: false });
    expect(first.profile.rules.map(show)).toEqual(['deny file-read* (literal "/a")']);
    const second = readProfile('(version 1)\n(allow file-read* (subpath (car (list "/b"))))', { standardPolicy: false });
    expect(second.profile.rules.map(show)).toEqual(['allow file-read* (subpath "/b")']);
  });
});
