-- Shortfall tasks (issue 11): a unit short of an indicator target becomes one task of that unit (source type
-- statistics-shortfall, one per unit × source service × indicator × period through the unique source of 0004), under the
-- document that set the target. When the issuing unit has no document of that number yet, the system writes one of
-- the type "indicator-targets".
ALTER TABLE documents DROP CONSTRAINT documents_document_type_check;
ALTER TABLE documents ADD CONSTRAINT documents_document_type_check
    CHECK (document_type IN ('plan', 'decision', 'official-letter', 'notice', 'report', 'telegram', 'inspection-conclusion', 'indicator-targets'));
