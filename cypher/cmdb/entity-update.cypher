// Writes changed properties (null removes one) and bumps the version, one row per entity.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n += row.props, n.version = n.version + 1, n.updatedAt = datetime($now)
RETURN count(n) AS updated
