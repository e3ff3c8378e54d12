// How many entities the database holds (a restore refuses to overwrite them unless told to).
MATCH (n:Entity)
RETURN count(n) AS entities
