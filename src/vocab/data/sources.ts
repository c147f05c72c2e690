// The public sources the vocabulary facts stand on, by key. Every FactSource names keys of this table, and
// docs/vocab-evidence.md lists it (src/vocab/evidence.ts renders it): a reader of the repo can find each one.

export interface VocabSource {
  /** What the source is. */
  title: string;
  /** Where it is published (repository @ commit, path). */
  where: string;
}

export const VOCAB_SOURCES: Record<string, VocabSource> = {
  'ls14-compile': {
    title: "libsandbox 14.4.1's own compiled output: an (allow default) profile and six (deny default) profiles with one network-outbound rule; each op-table entry shows what an operation with no rule of its own decides",
    where: 'Protonk/sandbox-boostrap book/evidence/experiments/profile-pipeline/encoder-write-trace/out/traces/*.jsonl @ b8cc211f39179e51e2b754d5824d071868c30693 and 7c3cbddd73c04169249c50d015699a18f4cdd6ac (write traces of _sb_mutable_buffer_write, world sonoma-14.4.1-23E224-arm64); op table at byte 14, one u16 node index per operation id 0..189',
  },
  'ls14-bsd': {
    title: "bsd.sb as compiled on 14.4.1: its op-table entries for ids 0..27 (file-lock enters the shared allow terminal; bsd.sb has no file-lock rule)",
    where: 'Protonk/sandbox-boostrap book/integration/carton/bundle/relationships/mappings/system_profiles/ (golden decodes of sys:bsd) @ 1c5c0c0d0e6f1a5a7d2ab5452946c8819721af73',
  },
  'sb-vocab': {
    title: 'libsandbox 14.4.1 _operation_names (196) and filter table (93) as extracted by sandbox-boostrap',
    where: 'Protonk/sandbox-boostrap book/integration/carton/bundle/relationships/mappings/vocab/{ops.json,filters.json}',
  },
  karmaz95: {
    title: 'the 196 Sonoma operation names in Sandbox.kext order (same order and ids as sb-vocab)',
    where: '0x3c3e/sandblaster reverse-sandbox/sonoma_sandbox_operations.txt @ 1aca370f3bcfd0d2683b03840eb5d6c999d5fa18 (added by Karmaz95)',
  },
  'simbple-1015': {
    title: "libsandbox 10.15's operation table (TERMINAL_NODE decisions, parents, per-operation filter categories and modifiers) and filter table (argument types, categories, named arguments)",
    where: '0xbf00/simbple src/platform_data/catalina/{operations.c,filters.c} @ e4211c34',
  },
  'simbple-modifiers': {
    title: 'libsandbox modifier action masks (High Sierra table)',
    where: '0xbf00/simbple src/sb/modifiers.c @ 0341a493',
  },
  'sbpl1-1010': {
    title: "Apple's sbpl1.scm of macOS 10.10.5 (rule tables, filter and modifier checks, aliases)",
    where: 'knightsc/sandbox_profiles sbpl1.scm @ 4b9db4bdd15f18a880a73ec64aa686e6242eb8a4',
  },
  'sbpl1-1015': {
    title: "Apple's sbpl1.scm of macOS 10.11-10.15 (operation aliases, modifiers, with-filter)",
    where: 'knightsc/sandbox_profiles sbpl1.scm @ 9eb25aecbf1e6e77cba64ead53e0dc31ee97c48d (10.15.2)',
  },
  'policy-1015': {
    title: "Apple's policy.scm 10.13-10.15: the standard policy appended to every profile",
    where: 'knightsc/sandbox_profiles policy.scm @ 9eb25aecbf1e6e77cba64ead53e0dc31ee97c48d',
  },
  'apple-profiles': {
    title: "Apple's shipped profiles 10.9-10.15: 27 10.15 profiles re-deny file-map-executable iokit-get-properties process-info* nvram* right after (deny default), 45 re-deny dynamic-code-generation (a (deny default) rule does not reach them)",
    where: 'knightsc/sandbox_profiles System/Library/Sandbox/Profiles/*.sb, e.g. com.apple.fileproviderd.sb lines 13-15',
  },
  'sandblaster-15': {
    title: 'macOS 15.2 filter table (argument types, categories) and modifier table, extracted from Sandbox.kext',
    where: '0x3c3e/sandblaster sandblaster/misc/{filters.json,modifiers.json} @ e322f397ebf4a0fe5771994475461c987c18c698',
  },
  'sandblaster-ios17': {
    title: 'iOS 17 filter table (argument decoder kinds)',
    where: 'chensokolovsky/sandblaster_26 reverse-sandbox/filters.json @ 8f766124721f1b917ce52db8b277d6bafae335b1',
  },
  'macos15-blob': {
    title: 'a real macOS 15.2+ platform profile blob: 16-byte header, op-table size 192, its op table and the filters each slot\'s graph tests',
    where: '0x3c3e/sandblaster reverse-sandbox/platform_binary @ 1aca370f3bcfd0d2683b03840eb5d6c999d5fa18',
  },
  'ios-blobs': {
    title: 'real iOS 17 and iOS 26 beta platform and collection blobs (iOS 17 protobox: 573 profiles; iOS 26 collection: 281): op-table sizes 190 / 195, their op tables and the filters each slot\'s graph tests',
    where: 'chensokolovsky/sandblaster_26 test_result_26/*_hexdump.txt @ 8f766124721f1b917ce52db8b277d6bafae335b1',
  },
  'sandblaster-ios26': {
    title: "SandBlaster_26's decompilation of the iOS 26 beta platform blob (operation names of the rules it prints)",
    where: 'chensokolovsky/sandblaster_26 test_result_26/platform/platform.sb @ 8f766124721f1b917ce52db8b277d6bafae335b1 (first 300 lines)',
  },
  'sandblaster-ios26-protobox': {
    title: "SandBlaster_26's decompilations of iOS 26 beta protobox profiles: each prints the operations it rules in op-table order, by the iOS 26 operation list it was run with",
    where: 'chensokolovsky/sandblaster_26 test_result_26/protobox/_Applications_TrustMe.app_TrustMe.sb and _System_Library_CoreServices_ReportCrash.sb @ 8f766124721f1b917ce52db8b277d6bafae335b1',
  },
  xnu: {
    title: 'xnu headers (signal.h, socket.h, in.h, priv.h, csr.h, *_special_ports.h, ttycom.h, syscalls.master)',
    where: 'apple-oss-distributions/xnu',
  },
  'sb-runtime': {
    title: 'runtime observations on macOS 14.4.1 (runtime-adversarial, hardened-runtime, anchor-filter-map, runtime-checks suites)',
    where: 'Protonk/sandbox-boostrap book/integration/carton/bundle/relationships/mappings/runtime/op_runtime_summary.json @ 1c5c0c0d0e6f1a5a7d2ab5452946c8819721af73 and the runtime_results.json files it summarises',
  },
  platdiff: {
    title: 'third-party measurements on a macOS 15.7.9 runner: "(deny default) does not cover process-info*"',
    where: 'a "Platform differences" document (search-index id 71535251075; repository not identified)',
  },
  name: {
    title: 'our inference from the name, the family it belongs to and its neighbours in the table',
    where: 'no external source',
  },
};
