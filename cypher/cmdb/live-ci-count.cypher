// How many CIs are not retired (an import's `absent` subtracts those its document names).
MATCH (n:ConfigurationItem) WHERE n.status <> 'RETIRED'
RETURN count(n) AS cis
