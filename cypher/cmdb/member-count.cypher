// How many MEMBER edges leave a CI: a CI with members must stay a group.
MATCH (n:Entity {id: $id})
RETURN COUNT { (n)-[:MEMBER]->() } AS members
