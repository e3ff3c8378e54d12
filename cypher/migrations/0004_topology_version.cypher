// The dependency graph's version: every CMDB write bumps it in its own transaction, so an
// in-memory copy of the topology knows when it is stale.
CREATE CONSTRAINT topology_version_name IF NOT EXISTS FOR (v:TopologyVersion) REQUIRE v.name IS UNIQUE;
// Restores link relationships through a temporary key on a temporary label.
CREATE INDEX restore_key IF NOT EXISTS FOR (n:__Restore) ON (n.__restoreKey);
