// Every supplier, ordered by name.
MATCH (n:Supplier)
RETURN n AS entity, labels(n) AS labels, [] AS links
ORDER BY n.name, n.id
