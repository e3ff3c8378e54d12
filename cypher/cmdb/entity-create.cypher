// Creates entities, one per row, with the $labels of their type (a fixed allow-list in code).
WITH datetime($now) AS now
UNWIND $rows AS row
CREATE (n:$($labels))
SET n = row.props, n.id = row.id, n.version = 1, n.createdAt = now, n.updatedAt = now
RETURN count(n) AS created
