// Links an article to components and CI classes; existing links are kept.
MATCH (k:Entity:KnownError {id: $id})
CALL (k) {
  UNWIND $componentIds AS cid
  MATCH (c:Entity {id: cid})
  MERGE (k)-[:APPLIES_TO]->(c)
}
CALL (k) {
  UNWIND $classes AS name
  MATCH (c:CIClass {name: name})
  MERGE (k)-[:APPLIES_TO_CLASS]->(c)
}
RETURN k.id AS id
