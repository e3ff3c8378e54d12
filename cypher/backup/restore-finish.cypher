// Drops the restore keys and label, a batch at a time.
MATCH (n:__Restore)
WITH n LIMIT 10000
REMOVE n.__restoreKey, n:__Restore
RETURN count(n) AS finished
