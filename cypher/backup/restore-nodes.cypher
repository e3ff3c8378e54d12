// Restores a batch of nodes with their labels (checked against the export's own list) and
// properties; temporal values are parsed back to their types; `__restoreKey` links edges later.
UNWIND $rows AS row
CREATE (n:__Restore)
SET n += row.props, n.__restoreKey = row.k
WITH n, row
CALL (n, row) {
  UNWIND row.labels AS label
  SET n:$(label)
}
WITH n, row
UNWIND (CASE WHEN size(row.temporal) = 0 THEN [null] ELSE row.temporal END) AS t
WITH n, t WHERE t IS NOT NULL
SET n[t[0]] = CASE t[1] WHEN 'datetime' THEN datetime(t[2]) WHEN 'date' THEN date(t[2]) ELSE localdatetime(t[2]) END
RETURN count(*) AS temporalSet
