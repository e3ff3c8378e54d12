// The ids of the contracts delivered by a supplier or covering a service ($id names either).
MATCH (c:Contract)-[:CONTRACTED_WITH|COVERS]->(:Entity {id: $id})
RETURN DISTINCT c.id AS id
