// Restores a batch of relationships between restored nodes, by their restore keys.
UNWIND $rows AS row
MATCH (a:__Restore {__restoreKey: row.from}), (b:__Restore {__restoreKey: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r += row.props
WITH r, row
UNWIND (CASE WHEN size(row.temporal) = 0 THEN [null] ELSE row.temporal END) AS t
WITH r, t WHERE t IS NOT NULL
SET r[t[0]] = CASE t[1] WHEN 'datetime' THEN datetime(t[2]) WHEN 'date' THEN date(t[2]) ELSE localdatetime(t[2]) END
RETURN count(*) AS temporalSet
