// The ids of the subcontracts of each contract.
UNWIND $ids AS id
MATCH (c:Contract)-[:SUBCONTRACT_OF]->(:Contract {id: id})
RETURN id, collect(c.id) AS children
