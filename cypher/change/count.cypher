// How many change requests exist (the demo loads its calendar into an empty one).
MATCH (c:ChangeRequest)
RETURN count(c) AS changes
