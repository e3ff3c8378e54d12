// The dependency graph's current version and epoch and, for a copy at version $since (of that
// epoch: the caller checks), what it needs to catch
// up in the same round trip: the ids the writes since then changed (null when a record is missing,
// lists nothing, or more than $maxVersions versions or $maxIds ids have passed) and those
// components as impact/topology-page returns them. A copy that is current gets no ids and no rows.
OPTIONAL MATCH (v:TopologyVersion {name: 'dependency-graph'})
WITH coalesce(v.value, 0) AS version, v.epoch AS epoch
CALL (version) {
  OPTIONAL MATCH (c:TopologyChange)
  WHERE c.version > $since AND c.version <= version AND version - $since <= $maxVersions
  WITH count(c) AS records, count(c.ids) AS listed, collect(c.ids) AS lists
  RETURN records, listed, COLLECT { UNWIND lists AS l UNWIND l AS id RETURN DISTINCT id } AS changed
}
WITH version, epoch,
  CASE WHEN records = version - $since AND listed = records AND size(changed) <= $maxIds
    THEN changed ELSE null END AS ids
RETURN version, epoch, ids,
  CASE WHEN ids IS NULL OR size(ids) = 0 THEN [] ELSE COLLECT {
    MATCH (n:Entity)
    WHERE n.id IN ids AND n:Component
    RETURN {id: n.id, service: n:Service, retired: n.status = 'RETIRED', minMembersUp: n.minMembersUp,
      out: [(n)-[r]->(d:Component) WHERE type(r) IN $kinds | [d.id, type(r) = 'MEMBER', r.strength = 'HARD']]}
  } END AS rows
