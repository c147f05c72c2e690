// Filter arguments that are indices into a header table of names, not data units: in the iOS 26 collection every
// state-flag node's argument is 0..5 and the state table has 6 entries, every profile-flag node's is 0..31 and the
// table at header word 8 has 32; each entry is a data unit whose item is the NUL-terminated name
// (docs/formats.md "Name tables"). Read as a literal test on that name, or an opaque test saying where it stops.

import type { FilterInfo } from '../../vocab/index.js';
import type { NodeTest } from '../../graph/model.js';
import { DATA_UNIT } from './descriptor.js';
import { plainText, textArgumentTest } from './plain-text.js';

/** A header table of u16 data units, each naming a text item. */
export interface NameTable {
  /** What the table is, for messages ("state table"). */
  what: string;
  units: readonly number[];
  /** Byte offset of the table's first entry. */
  offset: number;
}

/** The test of a node whose filter takes an index into `table`; `item` reads (and records) a data item. */
export function indexedNameTest(f: FilterInfo, filterId: number, filterByte: number, index: number, table: NameTable, dataOffset: number, item: (unit: number) => Uint8Array): NodeTest {
  const opaque = (reason: string): NodeTest => ({ filter: f.name, filterId, alternatives: [], opaque: { reason, rawFilter: filterByte, rawArgument: index } });
  if (index >= table.units.length) return opaque(`'${f.name}' argument ${index} indexes the ${table.what} (byte ${table.offset}), which has ${table.units.length} entries; expected an index below ${table.units.length}`);
  const unit = table.units[index];
  const value = plainText(item(unit));
  if (value === null) return opaque(`'${f.name}' argument ${index}: entry ${index} of the ${table.what} (byte ${table.offset + 2 * index}) names the item at byte ${dataOffset + DATA_UNIT * unit}, which is not NUL-terminated text; expected a name`);
  return textArgumentTest(f, filterId, { kind: 'literal', value });
}
