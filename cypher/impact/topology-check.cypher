// The dependency graph's current version and epoch and, for a copy at version $since (of that
// epoch: the caller checks), what it needs to catch up in the same round trip: the ids the writes
// since then changed (null when a record is missing, lists nothing, or more than $maxVersions
// versions or $maxIds ids have passed) and those components as impact/topology-page returns
// them. Everything past the version read sits under conditions that are false for a current copy,
// so the common check costs what a bare version read does.
OPTIONAL MATCH (v:TopologyVersion {name: 'dependency-graph'})
WITH coalesce(v.value, 0) AS version, v.epoch AS epoch
WITH version, epoch, version > $since AND version - $since <= $maxVersions AS behind
WITH version, epoch,
  CASE WHEN behind THEN COLLECT {
    MATCH (c:TopologyChange) WHERE c.version > $since AND c.version <= version RETURN c.ids
  } END AS lists
WITH version, epoch, lists,
  size(lists) = version - $since AND all(l IN lists WHERE l IS NOT NULL) AS complete
WITH version, epoch,
  CASE WHEN complete THEN COLLECT { UNWIND lists AS l UNWIND l AS id RETURN DISTINCT id } END AS ids
RETURN version, epoch, CASE WHEN size(ids) <= $maxIds THEN ids END AS ids,
  CASE WHEN size(ids) > 0 AND size(ids) <= $maxIds THEN COLLECT {
    MATCH (n:Entity)
    WHERE n.id IN ids AND n:Component
    RETURN {id: n.id, service: n:Service, retired: n.status = 'RETIRED', minMembersUp: n.minMembersUp,
      out: [(n)-[r]->(d:Component) WHERE type(r) IN $kinds | [d.id, type(r) = 'MEMBER', r.strength = 'HARD']],
      asset: CASE WHEN n:ConfigurationItem THEN [n.ciClass, n.status, n.environment, n.criticality,
        n.location, head([(n)-[:OWNED_BY]->(o:OrgUnit) | o.id]),
        head([(n)-[:SUPPLIED_BY]->(s:Supplier) | s.id]),
        toInteger(round(coalesce(n.originalValue, 0.0) * 100)), toString(n.warrantyExpiry),
        n.assetTag IS NULL AND n.serialNumber IS NULL AND n.purchaseDate IS NULL
          AND n.originalValue IS NULL AND n.warrantyExpiry IS NULL] END}
  } ELSE [] END AS rows
