// Moves the dependency graph's version past $after and past its own value, with a change record
// that lists nothing (every in-memory copy reads the graph again): after a restore, whose
// restored version may be one that copies of the graph before it already had.
MERGE (v:TopologyVersion {name: 'dependency-graph'})
ON CREATE SET v.value = 0
SET v.value = CASE WHEN v.value > $after THEN v.value ELSE $after END + 1,
  v.epoch = coalesce(v.epoch, randomUUID())
CREATE (:TopologyChange {version: v.value, ids: null})
RETURN v.value AS version
