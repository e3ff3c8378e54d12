// Bumps the dependency graph's version, in the transaction that changed it.
MERGE (v:TopologyVersion {name: 'dependency-graph'})
ON CREATE SET v.value = 0
SET v.value = v.value + 1
RETURN v.value AS version
