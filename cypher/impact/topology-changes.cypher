// The change records of the topology versions after $since up to $upto, oldest first: the ids
// each version's write changed (null when it changed too much to list).
MATCH (c:TopologyChange)
WHERE c.version > $since AND c.version <= $upto
RETURN c.version AS version, c.ids AS ids
ORDER BY version
