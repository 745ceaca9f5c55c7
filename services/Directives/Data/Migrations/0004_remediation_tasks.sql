-- Remediation tasks opened by the security-inspection service (issue 4): a finding becomes one task of its
-- responsible unit, under a system "inspection conclusion" document of the inspecting unit.

-- The conclusion document is written by the system, never through the API; one per inspection. The unique key on
-- the inspection id lets concurrent consumers of two findings of one inspection share the document instead of
-- racing to create it (INSERT ... ON CONFLICT).
ALTER TABLE documents DROP CONSTRAINT documents_document_type_check;
ALTER TABLE documents ADD CONSTRAINT documents_document_type_check
    CHECK (document_type IN ('plan', 'decision', 'official-letter', 'notice', 'report', 'telegram', 'inspection-conclusion'));
ALTER TABLE documents ADD COLUMN inspection_id uuid NULL;
CREATE UNIQUE INDEX ux_documents_inspection ON documents (inspection_id) WHERE inspection_id IS NOT NULL;

-- A source record (a finding) opens at most one task, even when its event is published again under a new message
-- id (the inbox only recognises the same message id). Leading source_id also serves GET /tasks?sourceId=.
DROP INDEX ix_tasks_source;
CREATE UNIQUE INDEX ux_tasks_source ON tasks (source_id, source_type) WHERE source_id IS NOT NULL;
