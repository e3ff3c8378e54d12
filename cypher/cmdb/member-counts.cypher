// How many MEMBER edges leave each of the CIs: a CI with members must stay a group.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, COUNT { (n)-[:MEMBER]->() } AS members
