// Names a profile sees as variables (sbpl1.scm): the vocabulary's constants and the symbolic values of its
// filters, the network protocol words, and every operation with its aliases. Operations are first-class
// values, as in libsandbox, so a profile can pass them around and a rule procedure receives them.

import { Sym } from '../scheme/values.js';
import type { InstallNatives } from './host.js';
import type { NetProto } from './profile.js';
import { OperationValue, ProtoValue } from './values.js';

export const installVariables: InstallNatives = (env, vocab) => {
  for (const [name, value] of Object.entries(vocab.data.constants)) env.define(name, value);
  for (const f of vocab.filters) {
    if (f.argKind === 'symbol' && f.values) {
      for (const name of Object.keys(f.values)) if (env.vars.get(name) === undefined) env.define(name, Sym.of(name));
    }
  }
  for (const p of ['ip', 'ip4', 'ip6', 'tcp', 'tcp4', 'tcp6', 'udp', 'udp4', 'udp6'] as NetProto[]) env.define(p, new ProtoValue(p));
  // sbpl1.scm: (define unix 'unix) (define unix-socket unix)
  env.define('unix', new ProtoValue('unix'));
  env.define('unix-socket', new ProtoValue('unix'));

  // ---------------------------------------------------------------- operations
  for (const op of vocab.operations) env.define(op.name, new OperationValue(op, op.name));
  // sbpl1.scm binds its aliases after the native operations, so an alias wins over a table name
  // (Sonoma's table has `sysctl-write`, yet `(define sysctl-write sysctl*)` makes it mean sysctl*).
  for (const alias of Object.keys(vocab.data.operationAliases)) {
    const r = vocab.resolveOperation(alias);
    env.define(alias, new OperationValue(r?.kind === 'operation' ? r.op : null, alias));
  }
};
