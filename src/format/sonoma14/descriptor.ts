// The Sonoma 14 (macOS 14.4.1, libsandbox 2c0602c5/a3a840f9) compiled-profile layout: every fact and every
// choice the encoder and decoder depend on, in one place. A better fact changes one line here.
//
// Evidence tags: [W] witnessed in libsandbox 14.4.1's own output: the full blobs rebuilt from its public write
// traces (real-blobs/libsandbox-14.4.1: Protonk/sandbox-boostrap encoder-write-trace, traces of
// _sb_mutable_buffer_write; the traces also give the order of the writes) and the partial facts of
// ../shared/data/witnessed-blobs (bytes, lengths, op tables, sha256 of real blobs); docs/formats.md lists them.
// [X] external (SandBlaster-family decompilers for iOS 16.5+/macOS 15, not re-checked on Sonoma bytes);
// [H] our hypothesis / our choice, unverified. docs/formats.md is the background; where we differ
// from it the reason is given.

import type { Action, FilterTest, Rule } from '../../sbpl/profile.js';
import type { CompilerModel, ImplicitRuleContext } from '../../graph/lower.js';

export const FORMAT_ID = 'sonoma14';

// ---------------------------------------------------------------------------------------------------
// Header. [W] 14 bytes, not 16: libsandbox writes it as one 14-byte record first (every trace), and with the op table at byte 14, op i's entry at 14+2i sends every witnessed
// fixed-allow op (7, 9, 12, 15, 17, 27; also 23 in bsd, which allows it unfiltered) to the shared allow terminal and the rest to the default
// (last) node; read at 16 (format.md) they are off by one. format.md's "u16[7] = n-1" is op 0 (`default`)
// pointing at the last node. airlock (regex count 1, policy count 7) has exactly 1 + 7 words between byte 14
// and its op table at byte 30.

export const HEADER = {
  size: 14,
  /** u16: 0 = plain profile [W]; airlock 0x4000 (meaning unknown [H]). */
  profileType: 0,
  /** u16: number of 8-byte node records [W]. */
  nodeCount: 2,
  /** u8: op-table entries [W] 190. */
  opCount: 4,
  /** u8: pattern-variable count [X] (SandBlaster vars_count); 0 in every libsandbox-14.4.1 blob [W]. */
  varCount: 5,
  /** u8, u8: states count / padding [X]; 0 in every witnessed blob [W]. */
  states: 6,
  pad: 7,
  /** u16: profiles in a bundle [X]; 0 [W]. */
  profileCount: 8,
  /** u16: regex table entries [W] (airlock 1). */
  regexCount: 10,
  /** u16: "policy"/entitlement words [W] (airlock 7): node indices used by inline actions [X]. */
  policyCount: 12,
} as const;

/**
 * [W] Header byte 4 = 0xbe in every blob; the traces write exactly 190 u16 entries, bytes 14..393, one per
 * operation id 0..189 in id order. The Sonoma vocabulary has 196 names: ids 190..195 (default-message-filter,
 * iokit-async-external-method, iokit-external-method, iokit-external-trap, mach-message-send, xpc-message-send)
 * are the message-filter family, which the kernel checks against the rules of an `apply-message-filter` block
 * (mach/XPC messages and IOKit calls on a connection already allowed), not through the op table.
 */
export const OP_TABLE_SIZE = 190;
export const NODE_SIZE = 8; // [W]
/** [W] node array starts at the next multiple of 8 after the op table; libsandbox never writes those bytes (zero). */
export const NODE_ALIGN = 8;
/** [W] data items start at multiples of 8 from the data-region start; libsandbox writes the padding as zeros (strict_1 trace). */
export const DATA_ALIGN = 8;
/** [W] Filter arguments that name a data item hold (item offset - data start) / 8 (strict_1: the second item at +24 is 3). */
export const DATA_UNIT = 8;
/**
 * [W] Data item = u16 length, then the payload; the blob ends right after the last item (no padding).
 * [W] The length counts the payload bytes only (0x1a for the 26-byte flow-divert literal program, libsandbox-14.4.1
 * pair_* blobs; 0x0f and 0x1f for strict_1's /etc/hosts literal and strict_ok subpath in its write trace).
 * [H] Identical payloads are stored once and shared by every node that names them.
 */
export const ITEM_LENGTH_BYTES = 2;

// ---------------------------------------------------------------------------------------------------
// Nodes. [W] non-terminal: byte0 = 0, byte1 = filter id + 1, u16 argument, u16 match, u16 unmatch.

export const NODE_KIND_TEST = 0x00; // [W]
export const NODE_KIND_TERMINAL = 0x01; // [W] byte 0 of a terminal
/** [W] filter byte = vocabulary filter id + 1 (socket-domain 10 -> 0x0b, target 13 -> 0x0e). */
export const FILTER_BYTE_OFFSET = 1;
/** [X] regex form of filter n: filter byte (n + 1) | 0x80, argument = regex-table index. */
export const REGEX_FILTER_FLAG = 0x80;

/**
 * Terminal record [X]: byte 1..3 = 24-bit flags, bit 0 = deny; bit 0x800000 = an inline action follows in
 * bytes 4..7 (byte 4 = modifier id, byte 5 = 0, u16 6..7 = argument). [W] A plain deny terminal is
 * 01 05 00 00 00 00 00 00 and a plain allow 01 00 00 00 00 00 00 00 (every libsandbox-14.4.1 blob); terminals
 * with modifiers are not witnessed.
 */
export const TERMINAL = {
  denyBit: 0x000001,
  inlineBit: 0x800000,
  /**
   * Denials are reported unless `no-report`; allows only with `report`: a plain deny has flags 0x05 [W], a plain
   * allow 0x00 [W] (SandBlaster skips "report" on deny because it is the default there). [H] `no-report` clears
   * it and `(with report)` on allow sets it.
   */
  reportBit: 0x000004,
} as const;

/** [X] Flag-type modifiers (0x3c3e/sandblaster misc/modifiers.json, macOS 15.2): name -> flag bits. */
export const MODIFIER_FLAGS: Record<string, number> = {
  grant: 0x2,
  'no-sandbox': 0x8,
  rootless: 0x10,
  'no-times': 0x20,
  authority: 0x40,
  telemetry: 0x80,
  'telemetry-backtrace': 0x180,
  'no-approval-prompt': 0x200,
  'no-storage-class': 0x800,
};

/**
 * [X] Inline modifiers (one argument each): id in byte 4 of the terminal. String arguments (message ...)
 * point at a string data item. [H] A terminal carries at most one inline modifier; a rule with two is an
 * encoding error (named, not silently dropped).
 */
// [H] A string argument of an inline modifier (message ...) is stored as a one-literal string program item.
export const INLINE_MODIFIERS: Record<string, { id: number; arg: 'integer' | 'string' }> = {
  'send-signal': { id: 1, arg: 'integer' },
  errno: { id: 2, arg: 'integer' },
  'user-approval': { id: 9, arg: 'string' },
  message: { id: 10, arg: 'string' },
  'default-sandbox': { id: 11, arg: 'string' },
  'assign-storage-class': { id: 12, arg: 'string' },
  'enable-state-flag': { id: 17, arg: 'string' },
};

// ---------------------------------------------------------------------------------------------------
// String programs [W bytes, X opcode names] (SandBlaster `parse_fsa_pattern_bytecode`, macOS 15). Witnessed:
// literal "/tmp/encoder/lit_only" = 'T' + 21 chars + 0f 00 0f 0a (single_file_literal, the 4 bytes at 448);
// subpath = literal + 0f '@/' 80 0a 00 0f 0a (node-layout v1: 19-byte data region; sys sample: every offset of
// its 111-byte data region); [X] prefix = literal + 0f 0a (the prefix branch of the subpath program, alone;
// the 28-byte item of the network specs once read as a syslog prefix is the flow-divert literal, see FLOW_DIVERT_RULE);
// several strings = one trie (metafilter_any's printable runs and 99-byte data region).

export const SP = {
  assertEos: 0x00,
  callbackExt: 0x01,
  matchByte: 0x02,
  matchSeq: 0x03,
  literalExt: 0x04, // length = next byte + 0x41 (65..320)
  restorePos: 0x05,
  pushState: 0x06,
  popState: 0x07,
  jneExt: 0x08, // skip = u16 + 0x81 from after the 3-byte instruction
  success: 0x0a,
  range: 0x0b,
  assert: 0x0f, // "MATCH" [X]: the last test must have succeeded, else the string is rejected
  callbackShortFirst: 0x10,
  callbackShortLast: 0x1f,
  literalShortFirst: 0x40, // length = (op & 0x3f) + 1 (1..64)
  literalShortLast: 0x7f,
  jneShortFirst: 0x80, // skip = (op & 0x7f) + 1 (1..128) if the last test failed
} as const;

export const LITERAL_SHORT_MAX = 64;
export const LITERAL_EXT_MIN = 65;
export const LITERAL_EXT_MAX = 320;
// [H] labels longer than LITERAL_EXT_MAX are split into several literal tokens, each followed by 0f;
// [H] `(subpath "/")` (every absolute path) is stored as the prefix "/".
export const JNE_SHORT_MAX = 128;

/**
 * [W] Order of the alternatives at a trie branch: shorter edge label first, ties in source order (rule id,
 * then position in the rule). Witnessed: sample's /usr, /dev, /System, /tmp/sb-demo (written System, usr,
 * dev, tmp/sb-demo) and metafilter_any's tmp/ before private/tmp/, foo.txt before bar.txt.
 */
export const TRIE_CHILD_ORDER = 'label-length-then-source' as const;
/** [W] Where a literal ends at a trie node that also has children, its end-of-string check comes last: 00 0f 0a. */
export const TRIE_END_ALTERNATIVE_LAST = true;

/**
 * [H] `(subpath "/d/")` (trailing slash) is compiled as `(subpath "/d")`: the decision engine's default
 * reading (match.ts subpathTrailingSlash 'strip').
 */
export const SUBPATH_TRAILING_SLASH = 'strip' as const;
/**
 * [X] 0x03 b = any bytes, then b (`.*b`; opening a program: the string may start anywhere); 0x02 b = bytes other
 * than b up to the first b (`[^b]*b`). ipsw's pattern_test.go program for WebKit's `(regex #"/[^/]+/SC_Info/")`
 * is 03 '/', [^/], 02 '/', "SC_Info/", which these readings give exactly; SandBlaster reads both as ".+b", which
 * would match other strings. We never emit them.
 */
export const MATCH_BYTE_READING = 'scan' as const;

// ---------------------------------------------------------------------------------------------------
// Data region order [W]: an item is written when the writer first enters the node naming it, before the node's
// subgraphs (NUMBERING): pre-order over the graph, op 0 to 189 (strict_1's trace: the /etc/hosts literal of the
// outer node, then the strict_ok subpath of the inner one, then the two node records; pair_*: the flow-divert
// item before the three network nodes; sample and metafilter_any agree). [H] Match edge first when both
// subgraphs are new; each distinct item once; regex items placed the same way, interleaved with strings.
export const DATA_ORDER = 'preorder-by-operation' as const;

// ---------------------------------------------------------------------------------------------------
// Regexes [X]: AppleMatch byte code as SandBlaster reads it for macOS 15 (regex_parser/opcode.py): item payload
// = u32 magic 0x03000000, u16 code length, code. We serialise the Thompson NFA of src/regex with:
export const REGEX = {
  magic: 0x03000000,
  char: 0x02, // + byte
  any: 0x09,
  start: 0x19, // ^
  end: 0x29, // $
  match: 0x05,
  /** [H] class: high nibble = range count (1..15), then (lo, hi) byte pairs; negation is expanded to ranges. */
  classLowNibble: 0x0b,
  /** [H] fork: continue at the next instruction and at u16 target (SandBlaster "JMP_AHEAD", read as an epsilon fork). */
  fork: 0x2f,
  /** [H] unconditional jump to u16 target (SandBlaster "JMP_BEHIND" 0x?A; we use 0x0a only). */
  jump: 0x0a,
  maxRangesPerClass: 15,
} as const;

// ---------------------------------------------------------------------------------------------------
// Arguments. [W] socket-domain/-type/-protocol take the value itself (u16); path filters an item offset.
// [H] every integer, symbol, mode and boolean filter is immediate; values above 0xffff are an encoding error.
// [H] network addresses and entitlement tests are data items in our own layout (no Sonoma witness):
/** Network item payload: u8 proto code (vocab protocol numbers, unix 0x20, unix-socket 0x21), u8 host (0 '*', 1 localhost), u8 has-port, u16 port. */
export const NETWORK_ITEM = { unix: 0x20, unixSocket: 0x21, hostAny: 0, hostLocalhost: 1 } as const;
/**
 * Entitlement item payload: u16 key length + key UTF-8; then u8 value kind (0 bool-true, 1 present,
 * 2 boolean, 3 string) and for 2: u8 value; for 3: u8 match kind (0 literal, 1 prefix, 2 subpath, 3 regex),
 * u16 length + UTF-8 text.
 */
export const ENTITLEMENT_VALUE_KINDS = ['bool-true', 'present', 'boolean', 'string'] as const;
export const STRING_MATCH_KINDS = ['literal', 'prefix', 'subpath', 'regex'] as const;

// ---------------------------------------------------------------------------------------------------
// The compiler model: what libsandbox adds or does beyond the rule semantics.

/**
 * [W] The rule libsandbox adds when network-outbound can be allowed: `(allow network-outbound (control-name
 * "com.apple.flow-divert"))`, evaluated before the profile's own rules. libsandbox 14.4.1's own output for the
 * six `pair_*` network profiles (real-blobs/libsandbox-14.4.1, rebuilt from its write traces) has node 0 =
 * `00 0a 00 00 ..`: filter byte 0x0a = control-name (vocabulary id 9), argument = data item 0, match = the allow
 * terminal, unmatch = the profile's first test; item 0 = length 0x1a, 'T' + "com.apple.flow-divert" + 0f 00 0f 0a
 * (a literal program). The traces also show libsandbox building that string in a separate buffer first.
 * Profiles that cannot allow network-outbound have no such node (an empty `(deny default)` compiles to 5 nodes).
 */
export const FLOW_DIVERT_RULE = {
  operation: 'network-outbound',
  action: 'allow' as Action,
  test: { type: 'test', filter: 'control-name', arg: { kind: 'literal', value: 'com.apple.flow-divert' }, spelled: 'control-name' } as FilterTest,
};

function implicitRules(ctx: ImplicitRuleContext): Rule[] {
  const out: Rule[] = [];
  if (ctx.vocab.operation(FLOW_DIVERT_RULE.operation) && ctx.canReturn(FLOW_DIVERT_RULE.operation, 'allow')) {
    out.push({
      id: ctx.nextRuleId,
      action: FLOW_DIVERT_RULE.action,
      operations: [FLOW_DIVERT_RULE.operation],
      filter: FLOW_DIVERT_RULE.test,
      modifiers: [],
      importChain: [],
      origin: 'standard-policy',
    });
  }
  return out;
}

/**
 * [W] Numbering = the order libsandbox writes nodes. Its write traces (pair_*, strict_1) show the writer walking
 * the op table from operation 0 upward; for each entry it writes the entry's graph depth first, a node after
 * its subgraphs, and allocates node indices from the top down (the first node written is n-1), then writes
 * the op-table entry. So the default terminal is last, the other terminal next-to-last (first reached at op 7
 * darwin-notification-post in a (deny default) profile); mach-task-inspect (102), -name (103), -read (104)
 * get 5, 4, 3 and network-outbound's (112) tests 2..0 in the pair_* blobs; airlock's entries fall as op ids
 * rise (13->163 ... 155->5); bsd's file-ioctl, the first op with a rule, enters at 25.
 * [H] A node whose match and unmatch subgraphs are both unwritten writes the match side first (never
 * witnessed: in every traced graph one of the two is a node written earlier).
 */
export const NUMBERING = 'serialization' as const;

/**
 * [W] Threading: a test whose edge leads to a test of the same filter and arguments goes on past it (that test is
 * decided there), and the node is then not merged with an identical node. In libsandbox 14.4.1's (deny default)
 * blobs, mach-task-inspect, mach-task-name and mach-task-read each get their own byte-identical `(target self)`
 * node (target filter byte 0x0e, argument 1, -> allow / default), while signal shares mach-task-read's; airlock
 * (ops 0..159) shows the same split (inspect 42, name 41, read = signal = process-info-pidinfo = 40). With the
 * fallback chain mach-task-name -> mach-task-inspect -> mach-task-read (vocabulary) and one standard-policy
 * rule each, hash-consing gives inspect = test(self, allow, read's node) and name = test(self, allow, inspect's
 * node): distinct nodes, which threading turns into the witnessed bytes. [H] Threading the match edge as well
 * (never witnessed), and a threaded node whose two edges meet is kept (never witnessed).
 */
export const THREAD_DECIDED_TESTS = true;

/**
 * [W] Tests on the same string filter that share a match target merge into one node (v16: a subpath and a
 * literal rule of file-read* make one node; sample: four subpath rules one trie).
 */
export const SONOMA14_COMPILER: CompilerModel = {
  name: 'libsandbox-sonoma14',
  opTableSize: OP_TABLE_SIZE,
  implicitRules,
  mergeAdjacentPatternTests: true,
  numbering: NUMBERING,
  threadDecidedTests: THREAD_DECIDED_TESTS,
};
