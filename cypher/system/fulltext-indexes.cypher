// The full-text indexes, their state and population (npm run status).
SHOW FULLTEXT INDEXES YIELD name, state, populationPercent
RETURN name, state, populationPercent
