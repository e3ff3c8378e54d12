// Bumps the dependency graph's version, in the transaction that changed it, and records which
// entities that write changed ($ids; null when it changed too many to list, or cannot say), so
// that an in-memory copy can catch up by reading only those. The last $kept records are kept
// (TOPOLOGY_CHANGES_KEPT in code).
MERGE (v:TopologyVersion {name: 'dependency-graph'})
ON CREATE SET v.value = 0
SET v.value = v.value + 1, v.epoch = coalesce(v.epoch, randomUUID())
CREATE (:TopologyChange {version: v.value, ids: $ids})
WITH v
CALL (v) {
  MATCH (old:TopologyChange)
  WHERE old.version <= v.value - $kept
  DELETE old
}
RETURN v.value AS version
