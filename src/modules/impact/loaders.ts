import DataLoader from 'dataloader';

/** The impact module's per-request loaders. */
export interface ImpactLoaders {
  /** The single points of failure of services, by service id. */
  singlePointsOfFailure: DataLoader<string, string[]>;
}

/** Creates the impact module's loaders for one request, over its batch of SPOF searches. */
export function createImpactLoaders(impact: {
  singlePointsOfFailure(serviceIds: readonly string[]): Promise<string[][]>;
}): ImpactLoaders {
  return {
    singlePointsOfFailure: new DataLoader((ids) => impact.singlePointsOfFailure(ids)),
  };
}
