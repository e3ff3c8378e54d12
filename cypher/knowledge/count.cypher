// How many articles exist.
MATCH (k:KnownError)
RETURN count(k) AS articles
