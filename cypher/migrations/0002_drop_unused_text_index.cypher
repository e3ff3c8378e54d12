// nameContains filters on toLower(name), which a text index cannot serve; the index only slowed writes.
DROP INDEX ci_name_text IF EXISTS;
