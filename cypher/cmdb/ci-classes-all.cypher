MATCH (c:CIClass)
OPTIONAL MATCH (c)-[:SUBCLASS_OF]->(p:CIClass)
RETURN c {.*, parent: p.name} AS class
ORDER BY c.name
