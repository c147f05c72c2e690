// Inline actions of terminal nodes: 4 bytes (u8 modifier id, u8 operation or 0, u16 argument), either in the
// terminal itself (flag 0x800000) or, several of them, in a list the terminal names (docs/formats.md "Action
// lists and message filters").
//
// Read from Apple's blobs:
// - A terminal without the inline flag whose byte 4 is n > 0 names, by the data unit at bytes 6..7, a list of n
//   4-byte actions, zero-padded to the 8-byte unit: ios17-protobox `01 00 09 00  0a 00 <unit>` (send-signal 9,
//   then a message item), the iOS 26 collection's two lists of three message-filter actions + 4 zero bytes.
// - A message-filter action names a message operation in byte 5 (the operations after the op table, in Sonoma's
//   order: 196..198 of the 195-op iOS 26 collection apply filters on iokit-method-number / iokit-trap-number,
//   199 on message-number, as iokit-async-external-method .. iokit-external-trap and mach-message-send take) and
//   an index into the message-filter table (header word 14): the entry node of the nested rules, a graph no op
//   table and no other node reaches. Its modifier id is a format fact (macOS 15.2's modifier table: 19; iOS 26: 21,
//   the one id every such action carries).

import { DATA_UNIT } from './descriptor.js';

/** What a format says about message filters (absent: the format has none we know of). */
export interface MessageFilterTable {
  /** Modifier id of a message-filter action (byte 4). */
  modifierId: number;
  /** Entry node of each message filter (the table at header word 14). */
  entries: readonly number[];
  /** Byte offset of the table. */
  offset: number;
  /** Operation ids from here on are message operations (the op-table size). */
  firstOperation: number;
  /** Their names, in order. */
  operations: readonly string[];
}

/** One message-filter action: the terminal applying it, the operation, and where its nested rules start. */
export interface MessageFilterUse {
  node: number;
  /** Byte offset of the action. */
  offset: number;
  operation: string;
  filter: number;
  entry: number;
}

const ACTION_BYTES = 4;

export interface InlineAction {
  /** Byte offset of the action. */
  at: number;
  id: number;
  op: number;
  arg: number;
}

/** The actions of a list terminal: [start, end) of the list (with its zero padding) and each action; null when it runs past the blob. */
export function readActionList(bytes: Uint8Array, dataOffset: number, count: number, unit: number): { span: [number, number]; actions: InlineAction[] } | null {
  const at = dataOffset + DATA_UNIT * unit;
  const end = at + ACTION_BYTES * count;
  if (end > bytes.length) return null;
  const actions: InlineAction[] = [];
  for (let k = 0; k < count; k++) {
    const a = at + ACTION_BYTES * k;
    actions.push({ at: a, id: bytes[a], op: bytes[a + 1], arg: bytes[a + 2] | (bytes[a + 3] << 8) });
  }
  // zero padding up to the unit boundary belongs to the list
  let padded = end;
  while (padded % DATA_UNIT !== 0 && padded < bytes.length && bytes[padded] === 0) padded++;
  return { span: [at, padded % DATA_UNIT === 0 ? padded : end], actions };
}

/**
 * A message-filter action (byte 4 = the table's modifier id): a use, or a warning saying where reading stopped.
 * No modifier: the nested rules are not decompiled (the model has no place for them).
 */
export function messageFilterAction(t: MessageFilterTable, node: number, at: number, op: number, index: number, uses: MessageFilterUse[], warnings: string[]): void {
  const k = op - t.firstOperation;
  const operation = k >= 0 && k < t.operations.length ? t.operations[k] : undefined;
  if (operation === undefined) {
    warnings.push(`node ${node} (byte ${at + 1}): message-filter action names operation ${op}, not one of the message operations ${t.firstOperation}..${t.firstOperation + t.operations.length - 1}; not interpreted`);
    return;
  }
  if (index >= t.entries.length) {
    warnings.push(`node ${node} (byte ${at + 2}): message-filter action on ${operation} names message filter ${index}, but the message-filter table (byte ${t.offset}) has ${t.entries.length} entries; not interpreted`);
    return;
  }
  uses.push({ node, offset: at, operation, filter: index, entry: t.entries[index] });
  warnings.push(`node ${node} (byte ${at}): message-filter on ${operation}: its rules start at node ${t.entries[index]} (message-filter table entry ${index}, byte ${t.offset + 2 * index}); nested rules are not decompiled`);
}
