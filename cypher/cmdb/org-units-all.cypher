// Every org unit, ordered by name.
MATCH (n:OrgUnit)
RETURN n AS entity, labels(n) AS labels, [(n)-[r:PART_OF]->(x) | [type(r), x.id]] AS links
ORDER BY n.name, n.id
