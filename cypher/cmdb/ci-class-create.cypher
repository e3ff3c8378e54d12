// Creates one CI class under an existing parent (the constraint ci_class_name keeps names unique).
MATCH (p:CIClass {name: $parent})
CREATE (c:CIClass:Entity {name: $name, id: 'ciclass:' + $name, label: $label, labelZh: $labelZh,
  abstract: $abstract, version: 1, createdAt: datetime($now), updatedAt: datetime($now)})
CREATE (c)-[:SUBCLASS_OF]->(p)
RETURN c.id AS id
