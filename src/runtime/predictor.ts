// The decision engine as the runtime harness sees it: decide one request against one compiled profile.
// The harness never decides anything itself; it asks a Predictor — by default src/decide's DecisionEngine.

import type { Request } from '../decide/request.js';
import type { Profile } from '../sbpl/profile.js';
import { DecisionEngine } from '../decide/engine.js';
import { describeDecider } from '../decide/explain.js';
import { getVocab } from '../vocab/all.js';
import { VERSION } from '../version.js';
import { combineLayers, describeDecidingLayer, type PolicyLayer } from '../decide/platform.js';

export interface Prediction {
  decision: 'allow' | 'deny';
  /** Human-readable account of the deciding rule, if the engine gives one. */
  explanation?: string;
  /** The engine's structured explanation, kept as is in results. */
  detail?: unknown;
}

export interface Predictor {
  /** Engine name and version, recorded in manifests. */
  readonly name: string;
  decide(profile: Profile, request: Request): Prediction;
}

/** Why no default predictor is available (undefined when one is). */
export const predictorUnavailableReason: string | undefined = undefined;

/** src/decide's engine; one DecisionEngine per compiled profile (its rule lists are built once). */
export class EnginePredictor implements Predictor {
  readonly name = `sbpl-kit decide ${VERSION}`;
  private readonly engines = new WeakMap<Profile, DecisionEngine>();

  private engine(profile: Profile): DecisionEngine {
    let e = this.engines.get(profile);
    if (!e) {
      e = new DecisionEngine(profile, getVocab(profile.os));
      this.engines.set(profile, e);
    }
    return e;
  }

  decide(profile: Profile, request: Request): Prediction {
    const x = this.engine(profile).explain(request);
    const how = x.check === 'symlink-traversal' ? ` (symlink traversal check on ${x.symlinkChecks.find((s) => s.decision === 'deny')?.link ?? 'a link'})` : '';
    return {
      decision: x.decision,
      explanation: `${x.decision}${how}: ${describeDecider(x.decidedBy)} via ${x.chainText}${x.facts.path && x.facts.path !== request.facts.path ? `; path matched as ${x.facts.path}` : ''}`,
      detail: { operation: x.operation, check: x.check, chain: x.chain, decidedBy: x.decidedBy, path: x.facts.path ?? null, notes: x.notes },
    };
  }
}

/**
 * A predictor held to a platform profile as well (docs/platform.md): the prediction is allow only when the
 * process profile's predictor and the platform layer both allow.
 */
export class LayeredPredictor implements Predictor {
  readonly name: string;

  constructor(
    private readonly inner: Predictor,
    private readonly platform: PolicyLayer,
  ) {
    this.name = `${inner.name} + platform layer ${platform.source} (${platform.form})`;
  }

  decide(profile: Profile, request: Request): Prediction {
    const own = this.inner.decide(profile, request);
    const plat = this.platform.decide(request, false);
    const ownText = own.explanation ?? own.decision;
    const v = combineLayers({ decision: own.decision, decidedBy: ownText, operation: request.operation, check: 'main', modifiers: [] }, plat);
    return {
      decision: v.decision,
      explanation: `${v.decision}: ${describeDecidingLayer(v)}; process: ${ownText}; platform: ${plat.decision}, ${plat.decidedBy}`,
      detail: { decidingLayer: v.decidingLayer, process: own.detail ?? null, platform: { source: this.platform.source, form: this.platform.form, decision: plat.decision, decidedBy: plat.decidedBy, check: plat.check } },
    };
  }
}

/** The project's decision engine. */
export function defaultPredictor(): Predictor | undefined {
  return new EnginePredictor();
}
