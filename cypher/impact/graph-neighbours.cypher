// One wave of a dependency graph walk: the edges of each component in the asked directions,
// with what a drawing needs of the component at the other end.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r]->(m:Component)
  WHERE $outgoing AND type(r) IN $kinds
  RETURN n.id AS fromId, m.id AS toId, type(r) AS kind, r.strength AS strength, m AS other
  UNION
  MATCH (n)<-[r]-(m:Component)
  WHERE $incoming AND type(r) IN $kinds
  RETURN m.id AS fromId, n.id AS toId, type(r) AS kind, r.strength AS strength, m AS other
}
RETURN fromId, toId, kind, strength, other.id AS otherId, other.name AS otherName,
  CASE WHEN other:Service THEN 'Service' ELSE 'ConfigurationItem' END AS otherType,
  other.ciClass AS otherClass, other.status AS otherStatus
