// The dependency graph's current version (0 before any write).
OPTIONAL MATCH (v:TopologyVersion {name: 'dependency-graph'})
RETURN coalesce(v.value, 0) AS version
