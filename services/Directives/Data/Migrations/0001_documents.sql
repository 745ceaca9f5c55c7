-- Directive documents (văn bản chỉ đạo). Visibility is decided in SQL on unit_path (ltree, GiST-indexed).
CREATE TABLE documents (
    id                uuid        PRIMARY KEY,
    document_type     text        NOT NULL CHECK (document_type IN ('plan', 'decision', 'official-letter', 'notice', 'report', 'telegram')),
    number            text        NOT NULL,
    issuing_unit_code text        NOT NULL,
    unit_path         ltree       NOT NULL,
    issued_on         date        NOT NULL,
    issued_year       integer     GENERATED ALWAYS AS (date_part('year', issued_on)::integer) STORED,
    subject           text        NOT NULL,
    summary           text        NOT NULL DEFAULT '',
    created_by        text        NOT NULL,
    created_by_name   text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    idempotency_key   text        NULL
);

-- A unit numbers its documents per year: 42/KH-UBND exists once per issuing unit and year.
CREATE UNIQUE INDEX ux_documents_number ON documents (issuing_unit_code, issued_year, number);
-- Idempotency-Key of the creating request, enforced by the database rather than check-then-insert.
CREATE UNIQUE INDEX ux_documents_idempotency ON documents (created_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX ix_documents_unit_path ON documents USING gist (unit_path);
CREATE INDEX ix_documents_listing ON documents (issued_on DESC, created_at DESC, id);
