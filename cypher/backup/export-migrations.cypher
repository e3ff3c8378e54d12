// An export's header: the migrations the database has run.
MATCH (m:Migration) RETURN m.name AS name ORDER BY name
