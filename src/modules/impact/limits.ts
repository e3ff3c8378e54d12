/** Bounds of an analysis (API.md: the depth cap is at least 50). */
export const IMPACT_LIMITS = {
  maxInputIds: 1000,
  defaultMaxDepth: 50,
  maxDepthCap: 100,
  maxComponents: 500000,
};

/** Bounds of root-cause ranking and single-point-of-failure search. */
export const ROOT_CAUSE_LIMITS = {
  maxLimit: 100,
  /** Components the symptoms may need, transitively, before the question is too big. */
  maxUpstream: 50000,
  /** Best-covering candidates whose whole blast radius is walked to count collateral. */
  maxFinalists: 200,
};

/** Bounds of a drawing: depth up to 10, at most 2,000 nodes. */
export const GRAPH_LIMITS = { maxDepthCap: 10, maxNodes: 2000 };
