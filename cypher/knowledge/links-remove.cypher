// Removes links of an article to components and CI classes.
MATCH (k:Entity:KnownError {id: $id})
CALL (k) {
  OPTIONAL MATCH (k)-[r:APPLIES_TO]->(c:Entity)
  WHERE c.id IN $componentIds
  DELETE r
}
CALL (k) {
  OPTIONAL MATCH (k)-[r:APPLIES_TO_CLASS]->(c:CIClass)
  WHERE c.name IN $classes
  DELETE r
}
RETURN k.id AS id
