// About how many nodes and relationships an export writes (the count store: constant time), for
// its progress: every node but the migration records and the topology's change records.
CALL () { MATCH (n) RETURN count(n) AS all }
CALL () { MATCH (m:Migration) RETURN count(m) AS migrations }
CALL () { MATCH (c:TopologyChange) RETURN count(c) AS changes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN all - migrations - changes AS nodes, relationships
