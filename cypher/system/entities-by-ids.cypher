// Batch lookup behind the per-request entity loader: any entity type, with its reference links
// ($linkTypes: the LINKS allow-list in code, and SUBCLASS_OF for classes).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, n AS entity, labels(n) AS labels,
  [(n)-[r]->(x) WHERE type(r) IN $linkTypes | [type(r), x.id]] AS links
