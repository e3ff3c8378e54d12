// Every article id after a cursor, in id order: for rebuilding a search index in batches.
MATCH (k:KnownError)
WHERE $afterId IS NULL OR k.id > $afterId
RETURN k.id AS id ORDER BY k.id LIMIT $limit
