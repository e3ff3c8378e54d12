// Live services for the catalog view, ordered by category then name.
MATCH (n:Service {status: 'LIVE'})
RETURN n AS entity, labels(n) AS labels,
  [(n)-[r:OWNED_BY|PROVIDED_BY|CONSUMED_BY]->(x) | [type(r), x.id]] AS links
ORDER BY n.category, n.name, n.id
