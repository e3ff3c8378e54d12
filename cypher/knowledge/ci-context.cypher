// What a CI filter of article search needs: the CI's class and the services that directly need it.
MATCH (ci:Entity:ConfigurationItem {id: $ciId})
RETURN ci.ciClass AS ciClass,
  COLLECT { MATCH (ci)<-[:DEPENDS_ON|RUNS_ON|HOSTED_ON|CONNECTS_TO|LOCATED_IN]-(s:Service) RETURN s.id } AS serviceIds
