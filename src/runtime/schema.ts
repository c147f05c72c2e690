// JSON Schema of the expected matrix, generated from the zod schema (docs/runtime-matrix.schema.json is this).

import { z } from 'zod';
import { MatrixSchema, MATRIX_FORMAT } from './matrix.js';

export function matrixJsonSchema(): Record<string, unknown> {
  const s = z.toJSONSchema(MatrixSchema, { io: 'input' }) as Record<string, unknown>;
  return {
    ...s,
    $id: 'https://sbpl-kit.invalid/schemas/runtime-matrix.schema.json',
    title: `sbpl-kit expected matrix (${MATRIX_FORMAT})`,
    description: 'Profiles, probes and expected outcomes for `sbpl run`. See docs/runtime-matrix.md.',
  };
}
