// Seeds the class taxonomy: creates missing classes and parent links, never overwrites an admin's edits.
UNWIND $classes AS c
MERGE (cls:CIClass {name: c.name})
ON CREATE SET cls:Entity, cls.id = 'ciclass:' + c.name, cls.label = c.label, cls.labelZh = c.labelZh,
  cls.abstract = c.abstract, cls.version = 1, cls.createdAt = datetime(), cls.updatedAt = datetime()
WITH cls, c
WHERE c.parent IS NOT NULL
MATCH (p:CIClass {name: c.parent})
MERGE (cls)-[:SUBCLASS_OF]->(p)
