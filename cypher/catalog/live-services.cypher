// Live services for the catalog view, ordered by category then name, with their reference links
// ($linkTypes: the LINKS allow-list in code).
MATCH (n:Service {status: 'LIVE'})
RETURN n AS entity, labels(n) AS labels,
  [(n)-[r]->(x) WHERE type(r) IN $linkTypes | [type(r), x.id]] AS links
ORDER BY n.category, n.name, n.id
