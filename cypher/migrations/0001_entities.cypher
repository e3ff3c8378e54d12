// Ids are unique across every entity type (API.md conventions): one label, one constraint.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT ci_class_name IF NOT EXISTS FOR (c:CIClass) REQUIRE c.name IS UNIQUE;
CREATE INDEX ci_name IF NOT EXISTS FOR (n:ConfigurationItem) ON (n.name, n.id);
CREATE INDEX ci_class IF NOT EXISTS FOR (n:ConfigurationItem) ON (n.ciClass);
CREATE INDEX ci_status IF NOT EXISTS FOR (n:ConfigurationItem) ON (n.status);
CREATE INDEX ci_warranty IF NOT EXISTS FOR (n:ConfigurationItem) ON (n.warrantyExpiry);
CREATE TEXT INDEX ci_name_text IF NOT EXISTS FOR (n:ConfigurationItem) ON (n.name);
CREATE INDEX service_name IF NOT EXISTS FOR (n:Service) ON (n.name, n.id);
CREATE INDEX org_unit_name IF NOT EXISTS FOR (n:OrgUnit) ON (n.name);
CREATE INDEX supplier_name IF NOT EXISTS FOR (n:Supplier) ON (n.name);
CREATE INDEX change_record_entity IF NOT EXISTS FOR (n:ChangeRecord) ON (n.entityId, n.at);
