// The dependency graph's current version (0 before any write) and its epoch: a new one whenever
// the version node is made anew (an emptied database), so that versions compare within an epoch.
OPTIONAL MATCH (v:TopologyVersion {name: 'dependency-graph'})
RETURN coalesce(v.value, 0) AS version, v.epoch AS epoch
