import { BadUserInputError, LimitExceededError } from '../../errors.js';
import type { Executor, QueryRunner } from '../../graph/executor.js';
import { compareIds } from '../../collation.js';
import { GraphTopology, walkToFixedPoint } from './graph-walk.js';
import { IMPACT_LIMITS, ROOT_CAUSE_LIMITS } from './limits.js';
import { DOWN, propagate } from './propagation.js';
import { UpstreamClosure } from './upstream.js';

/** One ranked candidate: a CI whose failure alone would explain some of the symptoms. */
export interface RootCauseModel {
  ciId: string;
  explains: string[];
  coverage: number;
  collateral: number;
}

/**
 * API.md's `rootCauseCandidates`. Only CIs the symptoms need (transitively) can explain them, so
 * only those are evaluated: first against the upstream closure alone, which gives exact symptom
 * states; then the best-covering ones get a full downstream walk to count the other services
 * their failure would take with them. Order: coverage descending, collateral ascending.
 */
export async function rootCauseCandidates(
  executor: Executor,
  symptoms: string[],
  limit: number,
): Promise<RootCauseModel[]> {
  const unique = [...new Set(symptoms)];
  if (unique.length === 0) throw new BadUserInputError('name at least one symptom', 'symptoms');
  if (unique.length > IMPACT_LIMITS.maxInputIds) {
    throw new LimitExceededError(
      `at most ${IMPACT_LIMITS.maxInputIds} symptoms`,
      'maxInputIds',
      IMPACT_LIMITS.maxInputIds,
    );
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > ROOT_CAUSE_LIMITS.maxLimit) {
    throw new BadUserInputError(`limit must be from 1 to ${ROOT_CAUSE_LIMITS.maxLimit}`, 'limit');
  }
  return executor.readTx('rootCauseCandidates', async (tx) => {
    const closure = await UpstreamClosure.read(tx, unique, ROOT_CAUSE_LIMITS.maxUpstream);
    const topology = closure.topology();
    const symptomNodes = unique.map((id) => closure.require(id));
    const candidates = new Set<number>();
    for (const s of symptomNodes) {
      for (const n of [s, ...closure.reachableFrom(s)])
        if (!closure.isService(n) && !closure.retired(n)) candidates.add(n);
    }
    const scored: { node: number; explains: number[]; down: number; upstreamImpact: number }[] = [];
    for (const node of candidates) {
      const { states } = propagate(topology, [node], []);
      const explains = symptomNodes.filter((s) => states.has(s));
      const down = explains.filter((s) => states.get(s) === DOWN).length;
      if (explains.length > 0) scored.push({ node, explains, down, upstreamImpact: states.size });
    }
    // Among equal coverage, one that takes symptoms DOWN (not merely DEGRADED) explains them
    // better, and one whose failure disturbs less of the closure is likelier to have less
    // collateral: they go first when the finalists must be cut.
    scored.sort(
      (a, b) =>
        b.explains.length - a.explains.length ||
        b.down - a.down ||
        a.upstreamImpact - b.upstreamImpact ||
        compareIds(closure.ids[a.node]!, closure.ids[b.node]!),
    );
    if (scored.length === 0) return [];
    const cutoff = scored[Math.min(limit, scored.length) - 1]!.explains.length;
    const finalists = scored
      .filter((s) => s.explains.length >= cutoff)
      .slice(0, Math.max(limit, ROOT_CAUSE_LIMITS.maxFinalists));
    const collateral = await collateralOf(
      tx,
      finalists.map((f) => closure.ids[f.node]!),
      new Set(unique),
    );
    return finalists
      .map((f, i) => ({
        ciId: closure.ids[f.node]!,
        explains: f.explains.map((s) => closure.ids[s]!),
        coverage: f.explains.length / unique.length,
        collateral: collateral[i]!.services,
        down: f.down,
        impacted: collateral[i]!.components,
      }))
      .sort(
        (a, b) =>
          b.coverage - a.coverage ||
          a.collateral - b.collateral ||
          b.down - a.down ||
          a.impacted - b.impacted ||
          compareIds(a.ciId, b.ciId),
      )
      .slice(0, limit)
      .map(({ impacted: _impacted, down: _down, ...candidate }) => candidate);
  });
}

/** For each CI failing alone: how many services outside `symptoms` it takes out, and in all. */
async function collateralOf(
  tx: QueryRunner,
  ciIds: string[],
  symptoms: Set<string>,
): Promise<{ services: number; components: number }[]> {
  // One topology for every walk: what one walk has read, the next does not read again.
  const graph = new GraphTopology(tx);
  await graph.loadInputs(ciIds);
  const out: { services: number; components: number }[] = [];
  for (const id of ciIds) {
    const { result } = await walkToFixedPoint(
      graph,
      [graph.require(id)],
      [],
      IMPACT_LIMITS.maxDepthCap,
    );
    let services = 0;
    for (const node of result.states.keys())
      if (graph.isService(node) && !symptoms.has(graph.idOf(node))) services += 1;
    out.push({ services, components: result.states.size });
  }
  return out;
}

/**
 * API.md's `Service.singlePointsOfFailure` for several services at once: every non-retired CI
 * whose failure alone makes the service DOWN. Exact, redundancy included: each CI a service
 * needs is failed alone on the services' shared upstream closure.
 */
export async function singlePointsOfFailure(
  executor: Executor,
  serviceIds: readonly string[],
): Promise<string[][]> {
  return executor.readTx('singlePointsOfFailure', async (tx) => {
    const closure = await UpstreamClosure.read(
      tx,
      [...new Set(serviceIds)],
      ROOT_CAUSE_LIMITS.maxUpstream,
    );
    const topology = closure.topology();
    const downWhenFailed = new Map<number, Set<number>>();
    return serviceIds.map((id) => {
      const service = closure.require(id);
      if (closure.retired(service)) return [];
      return closure
        .reachableFrom(service)
        .filter((ci) => !closure.isService(ci) && !closure.retired(ci))
        .filter((ci) => {
          let down = downWhenFailed.get(ci);
          if (!down) {
            const { states } = propagate(topology, [ci], []);
            down = new Set([...states].filter(([, s]) => s === DOWN).map(([n]) => n));
            downWhenFailed.set(ci, down);
          }
          return down.has(service);
        })
        .map((ci) => closure.ids[ci]!);
    });
  });
}
