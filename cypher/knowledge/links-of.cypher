// What each article applies to: CI ids, service ids and class names, sorted.
UNWIND $ids AS id
MATCH (k:Entity:KnownError {id: id})
RETURN id,
  COLLECT { MATCH (k)-[:APPLIES_TO]->(c:ConfigurationItem) RETURN c.id ORDER BY c.id } AS ciIds,
  COLLECT { MATCH (k)-[:APPLIES_TO]->(s:Service) RETURN s.id ORDER BY s.id } AS serviceIds,
  COLLECT { MATCH (k)-[:APPLIES_TO_CLASS]->(c:CIClass) RETURN c.name ORDER BY c.name } AS classes
