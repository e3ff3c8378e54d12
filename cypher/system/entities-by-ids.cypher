// Batch lookup behind the per-request entity loader: any entity type, with its reference links.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, n AS entity, labels(n) AS labels,
  [(n)-[r:OWNED_BY|SUPPLIED_BY|PROVIDED_BY|CONSUMED_BY|PART_OF|SUBCLASS_OF]->(x) | [type(r), x.id]] AS links
