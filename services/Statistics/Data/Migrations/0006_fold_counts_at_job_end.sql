-- The count tables are no longer moved chunk by chunk: writing ~2.4 indexed dossier_counts rows per dossier in every
-- chunk was 78% of an import's time (BENCHMARKS.md, statistics runs 3–4). A chunk now only stores its dossiers (each
-- stored row carries its import's id: that row *is* its +1 contribution) and, for a changed dossier whose stored row is
-- already counted, keeps that row here (its −1). The job's final transaction — the one that marks it completed or
-- failed — folds both into dossier_counts, unit_day_counts and unit_month_counts in one grouped statement and deletes
-- its rows here (DossierWriter.FinishAsync). So the counts are current the moment a job ends, and always equal what
-- the dossiers of ended jobs imply; a running (or resumed) job's committed chunks wait here and in `dossiers`.
--
-- A dossier row is counted when its import has ended (completed or failed). A changed dossier whose stored row belongs
-- to a job that has not ended yet leaves nothing here: that job's fold reads the dossiers still carrying its id, so the
-- overwritten row is never counted and nothing has to be taken out for it.
--
-- Unindexed and written once per changed dossier; read and deleted once, by the job's fold.
CREATE TABLE replaced_dossiers (
    import_id           uuid    NOT NULL,
    unit_code           text    NOT NULL,
    unit_path           ltree   NOT NULL,
    procedure_code      text    NOT NULL,
    channel             text    NOT NULL,
    received_on         date    NOT NULL,
    due_on              date    NOT NULL,
    finished_on         date    NULL,
    status              text    NOT NULL,
    documents_digitised boolean NOT NULL,
    result_digitised    boolean NOT NULL,
    fee_obligation      boolean NOT NULL,
    paid_online         boolean NOT NULL,
    payment_succeeded   boolean NOT NULL,
    amount              bigint  NOT NULL
);

-- The fold finds its job's dossiers by import id.
CREATE INDEX ix_dossiers_import ON dossiers (import_id);

-- A job that committed chunks under the previous scheme already moved their counts; folding its dossiers at its end
-- would count them twice. Such a job (only one caught by an upgrade) ends here; its stored dossiers are counted.
UPDATE imports
SET status = 'failed', completed_at = now(), lease_owner = NULL, lease_until = NULL,
    error = 'Việc nhập bị dừng khi nâng cấp dịch vụ; các dòng đã nhập được giữ lại, hãy nhập lại tệp để hoàn tất.'
WHERE status IN ('queued', 'running') AND last_line > 0;

-- Neither index on dossier_counts was chosen by any read (EXPLAIN of the by-service indicators, the level use, the
-- essential services and the outliers at 600,000 rows: sequential scans); each cost every folded row an insert (about
-- half of the fold's insert time). The reads now name the subtree's unit codes, which the primary key starts with.
DROP INDEX ix_dossier_counts_unit_path;
DROP INDEX ix_dossier_counts_day;
