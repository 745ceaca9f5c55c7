-- Registry-quality tasks (issue 13): a cleansing officer's assignment of an error category opens one task per commune
-- with open items (source type registry-quality, one per assignment × commune through the unique source of 0004), under a
-- document the system writes for the assignment, of the type "registry-quality-assignment".
ALTER TABLE documents DROP CONSTRAINT documents_document_type_check;
ALTER TABLE documents ADD CONSTRAINT documents_document_type_check
    CHECK (document_type IN ('plan', 'decision', 'official-letter', 'notice', 'report', 'telegram', 'inspection-conclusion',
                             'indicator-targets', 'registry-quality-assignment'));
