// Creates entities of one $type (checked against a fixed allow-list in code), one per row.
UNWIND $rows AS row
CREATE (n:Entity)
SET n = row.props, n.id = row.id, n.version = 1, n.createdAt = datetime($now), n.updatedAt = datetime($now)
FOREACH (_ IN CASE WHEN $type = 'ConfigurationItem' THEN [1] ELSE [] END | SET n:ConfigurationItem:Component)
FOREACH (_ IN CASE WHEN $type = 'Service' THEN [1] ELSE [] END | SET n:Service:Component)
FOREACH (_ IN CASE WHEN $type = 'OrgUnit' THEN [1] ELSE [] END | SET n:OrgUnit)
FOREACH (_ IN CASE WHEN $type = 'Supplier' THEN [1] ELSE [] END | SET n:Supplier)
RETURN count(n) AS created
