import { IMPACT_LIMITS } from './limits.js';
import { propagate, shortestChains } from './propagation.js';
import type { TopologyIndex } from './topology-index.js';
import type { ImpactAnswer, ImpactQuestion } from './topology-source.js';

/** An answer computed on one in-memory copy, with every component its fixed point reached. */
export interface MemoryAnswer extends ImpactAnswer {
  topology: TopologyIndex;
  /** Every component the fixed point reached, those past the depth bound included. */
  reached: readonly number[];
}

/**
 * The analysis on one in-memory copy, or undefined when it does not know every input (the caller
 * then walks Neo4j). The whole graph is at hand, so the fixed point is computed in one pass;
 * components farther than `maxDepth` from every input are then left out, which is what the
 * depth bound means.
 */
export function analyzeInMemory(
  index: TopologyIndex,
  { failed, degraded, maxDepth }: ImpactQuestion,
): MemoryAnswer | undefined {
  const failedNodes = failed.map((id) => index.find(id));
  const degradedNodes = degraded.map((id) => index.find(id));
  if ([...failedNodes, ...degradedNodes].some((n) => n === undefined)) return undefined;
  const f = failedNodes as number[];
  const d = degradedNodes as number[];
  const result = propagate(index, f, d, { maxComponents: IMPACT_LIMITS.maxComponents });
  let chains = shortestChains(index, result.states, [...f, ...d]);
  let truncated = result.truncated;
  const { states } = result;
  const near = (slot: number) => chains.distanceAt(slot) <= maxDepth;
  if (!states.nodes.every((_, slot) => near(slot))) {
    // A prefix of a shortest chain is a shortest chain: what is kept keeps its chains.
    result.states = states.filter(near);
    chains = shortestChains(index, result.states, [...f, ...d]);
    result.absorbed = result.absorbed.filter((a) => result.states.has(a.group));
    truncated = true;
  }
  return { topology: index, result, chains, truncated, source: 'memory', reached: states.nodes };
}
