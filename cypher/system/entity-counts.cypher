// How many entities of each type the graph holds, from the count store (npm run status).
MATCH (n:OrgUnit) RETURN 'OrgUnit' AS type, count(n) AS count
UNION ALL
MATCH (n:Supplier) RETURN 'Supplier' AS type, count(n) AS count
UNION ALL
MATCH (n:ConfigurationItem) RETURN 'ConfigurationItem' AS type, count(n) AS count
UNION ALL
MATCH (n:Service) RETURN 'Service' AS type, count(n) AS count
UNION ALL
MATCH (n:Contract) RETURN 'Contract' AS type, count(n) AS count
UNION ALL
MATCH (n:KnownError) RETURN 'KnownError' AS type, count(n) AS count
UNION ALL
MATCH (n:ChangeRequest) RETURN 'ChangeRequest' AS type, count(n) AS count
UNION ALL
MATCH (n:SlaMeasurement) RETURN 'SlaMeasurement' AS type, count(n) AS count
UNION ALL
MATCH ()-[r]->() RETURN 'relationships' AS type, count(r) AS count
UNION ALL
MATCH (k:KnownError {status: 'PUBLISHED'}) RETURN 'published KnownError' AS type, count(k) AS count
