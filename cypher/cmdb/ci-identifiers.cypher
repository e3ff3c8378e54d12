// Recomputes the lookup keys of CIs after a write: what an engineer has in hand (the id, the
// asset tag, the serial number, an IP address, the name in any case), each prefixed by its kind,
// in one list that the keyword full-text index ci_identifiers serves (migration 0006).
UNWIND $ids AS id
MATCH (n:Entity {id: id}) WHERE n:ConfigurationItem
SET n.identifiers = ['id:' + n.id, 'name:' + toLower(n.name)]
  + CASE WHEN n.assetTag IS NULL THEN [] ELSE ['tag:' + n.assetTag] END
  + CASE WHEN n.serialNumber IS NULL THEN [] ELSE ['sn:' + n.serialNumber] END
  + [ip IN coalesce(n.ipAddresses, []) | 'ip:' + ip]
RETURN count(n) AS updated
