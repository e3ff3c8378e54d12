// A page of dependencies for each id: edges ordered by (other end's name, kind, other end's id) after the cursor.
UNWIND $ids AS id
MATCH (n:Entity {id: id}) WHERE n:Component
CALL (n) {
  MATCH (n)-[r]->(m:Component)
  WHERE type(r) IN $kinds
    AND ($afterName IS NULL OR m.name > $afterName
      OR (m.name = $afterName AND (type(r) > $afterKind OR (type(r) = $afterKind AND m.id > $afterId))))
  WITH r, m ORDER BY m.name, type(r), m.id LIMIT $limit
  RETURN collect({kind: type(r), strength: r.strength, entity: m, labels: labels(m),
    links: [(m)-[l]->(x) WHERE type(l) IN $linkTypes | [type(l), x.id]]}) AS edges
}
RETURN id, edges, COUNT { (n)-[r]->(m:Component) WHERE type(r) IN $kinds } AS total
