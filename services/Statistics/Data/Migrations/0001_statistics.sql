-- Public-service statistics: the procedure catalogue with its level history, dossiers of the one-stop systems, the
-- import jobs that bring them, and the per unit × procedure × day × channel counts the indicators are answered from.

-- One row per procedure and the date its level applies from (a procedure keeps its level history). The catalogue is
-- the province's (published by the province), so it carries no unit path.
CREATE TABLE procedures (
    code                 text        NOT NULL,
    effective_from       date        NOT NULL,
    name                 text        NOT NULL,
    administrative_level text        NOT NULL CHECK (administrative_level IN ('tinh', 'huyen', 'xa')),
    sector               text        NOT NULL,
    online_level         text        NOT NULL CHECK (online_level IN ('1', '2', '3', '4', 'toan_trinh', 'mot_phan', 'khong')),
    essential_service    smallint    NULL CHECK (essential_service BETWEEN 1 AND 25),
    has_fee              boolean     NOT NULL,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    updated_by           text        NOT NULL,
    PRIMARY KEY (code, effective_from)
);
CREATE INDEX ix_procedures_name ON procedures (name);

-- An uploaded dossier file and its job: claimed by one worker at a time (lease), its counts committed with each chunk
-- so the progress is what is stored; resumed after the last committed line when a worker dies.
CREATE TABLE imports (
    id             uuid        PRIMARY KEY,
    source         text        NOT NULL,
    file_name      text        NOT NULL,
    stored_file    text        NOT NULL,
    file_size      bigint      NOT NULL,
    unit_code      text        NOT NULL,
    unit_path      ltree       NOT NULL,
    status         text        NOT NULL DEFAULT 'queued',
    bytes_read     bigint      NOT NULL DEFAULT 0,
    last_line      bigint      NOT NULL DEFAULT 0,
    processed      bigint      NOT NULL DEFAULT 0,
    inserted       bigint      NOT NULL DEFAULT 0,
    updated        bigint      NOT NULL DEFAULT 0,
    unchanged      bigint      NOT NULL DEFAULT 0,
    rejected       bigint      NOT NULL DEFAULT 0,
    error          text        NULL,
    attempts       integer     NOT NULL DEFAULT 0,
    lease_owner    text        NULL,
    lease_until    timestamptz NULL,
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz NULL,
    completed_at   timestamptz NULL
);
CREATE INDEX ix_imports_unit_path ON imports USING gist (unit_path);
CREATE INDEX ix_imports_waiting ON imports (created_at) WHERE status IN ('queued', 'running');

CREATE TABLE import_errors (
    import_id uuid   NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    line      bigint NOT NULL,
    field     text   NOT NULL,
    message   text   NOT NULL,
    PRIMARY KEY (import_id, line, field)
);

-- One row per dossier; identity (source, file's dossier code): a second import of the same dossier updates it.
CREATE TABLE dossiers (
    source              text        NOT NULL,
    dossier_code        text        NOT NULL,
    procedure_code      text        NOT NULL,
    unit_code           text        NOT NULL,
    unit_path           ltree       NOT NULL,
    channel             text        NOT NULL CHECK (channel IN ('truc_tiep', 'truc_tuyen', 'buu_chinh')),
    received_on         date        NOT NULL,
    due_on              date        NOT NULL,
    finished_on         date        NULL,
    status              text        NOT NULL CHECK (status IN ('dang_xu_ly', 'da_giai_quyet', 'tu_choi', 'rut')),
    documents_digitised boolean     NOT NULL,
    result_digitised    boolean     NOT NULL,
    fee_obligation      boolean     NOT NULL,
    paid_online         boolean     NOT NULL,
    payment_succeeded   boolean     NOT NULL,
    amount              bigint      NOT NULL,
    import_id           uuid        NOT NULL,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, dossier_code)
);
CREATE INDEX ix_dossiers_unit_path ON dossiers USING gist (unit_path);

-- What the indicators sum, kept current in each import chunk's own transaction. A dossier contributes to up to three
-- days of its unit × procedure × channel row: the day it was received (received_…, fee…, payment…, digitised), the
-- day it finished (resolved…, finished_late) and its due day (due, due_met: finished on or before it). The stock of
-- overdue dossiers in progress at a date D follows from these without the dossier table:
--   Σ_{day < D} (due − due_met) − Σ_{day ≤ D} finished_late
-- (a dossier due before D is either still open at D, finished on time before its due day, or finished late by D).
CREATE TABLE dossier_counts (
    unit_code          text   NOT NULL,
    unit_path          ltree  NOT NULL,
    procedure_code     text   NOT NULL,
    day                date   NOT NULL,
    channel            text   NOT NULL,
    received           bigint NOT NULL DEFAULT 0,
    fee_dossiers       bigint NOT NULL DEFAULT 0,
    paid_online        bigint NOT NULL DEFAULT 0,
    payment_count      bigint NOT NULL DEFAULT 0,
    paid_amount_ok     bigint NOT NULL DEFAULT 0,
    paid_amount_failed bigint NOT NULL DEFAULT 0,
    digitised          bigint NOT NULL DEFAULT 0,
    resolved           bigint NOT NULL DEFAULT 0,
    resolved_on_time   bigint NOT NULL DEFAULT 0,
    results_digitised  bigint NOT NULL DEFAULT 0,
    finished_late      bigint NOT NULL DEFAULT 0,
    due                bigint NOT NULL DEFAULT 0,
    due_met            bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_code, procedure_code, day, channel)
);
CREATE INDEX ix_dossier_counts_unit_path ON dossier_counts USING gist (unit_path);
CREATE INDEX ix_dossier_counts_day ON dossier_counts (day);
