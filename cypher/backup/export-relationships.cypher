// Every relationship of an export, streamed, its ends by element id.
MATCH (a)-[r]->(b) WHERE NOT a:Migration AND NOT b:Migration
RETURN type(r) AS type, elementId(a) AS a, elementId(b) AS b, properties(r) AS props
