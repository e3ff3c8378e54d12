// The change records of the dependency graph's versions (system/topology-bump), read by version.
CREATE CONSTRAINT topology_change_version IF NOT EXISTS FOR (c:TopologyChange) REQUIRE c.version IS UNIQUE;
