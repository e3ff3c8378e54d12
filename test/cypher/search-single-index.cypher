// For the relevance comparison only: the English-analyzer index alone, Chinese as single characters.
CALL db.index.fulltext.queryNodes('known_error_text_en', $query) YIELD node, score
WHERE node.status = 'PUBLISHED'
RETURN node.title AS title, score
ORDER BY score DESC LIMIT 20
