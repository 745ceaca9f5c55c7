-- Identity enrolment: citizen-ID applications with their card's progress, VNeID accounts, the import jobs that bring
-- them, and the pre-aggregated counts the funnel and the stage times are answered from.

-- An uploaded file and its job (ServiceDefaults' ImportJobStore): claimed by one worker at a time (lease), its counts
-- committed with each chunk; resumed after the last committed line when a worker dies.
CREATE TABLE imports (
    id           uuid        PRIMARY KEY,
    kind         text        NOT NULL CHECK (kind IN ('applications', 'cards', 'eid')),
    file_name    text        NOT NULL,
    stored_file  text        NOT NULL,
    file_size    bigint      NOT NULL,
    unit_code    text        NOT NULL,
    unit_path    ltree       NOT NULL,
    status       text        NOT NULL DEFAULT 'queued',
    bytes_read   bigint      NOT NULL DEFAULT 0,
    last_line    bigint      NOT NULL DEFAULT 0,
    processed    bigint      NOT NULL DEFAULT 0,
    inserted     bigint      NOT NULL DEFAULT 0,
    updated      bigint      NOT NULL DEFAULT 0,
    unchanged    bigint      NOT NULL DEFAULT 0,
    rejected     bigint      NOT NULL DEFAULT 0,
    error        text        NULL,
    attempts     integer     NOT NULL DEFAULT 0,
    lease_owner  text        NULL,
    lease_until  timestamptz NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz NULL,
    completed_at timestamptz NULL
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

-- One row per application (identity: the file's ma_ho_so); the card's two events are columns of it, so a card event
-- changes its application's row and every count moves with "old row out, new row in".
CREATE TABLE applications (
    code             text        PRIMARY KEY,
    id_number        text        NOT NULL,
    full_name        text        NOT NULL,
    birth_date       date        NOT NULL,
    gender           text        NOT NULL CHECK (gender IN ('nam', 'nu')),
    commune_code     text        NOT NULL,
    unit_path        ltree       NOT NULL,
    received_on      date        NOT NULL,
    channel          text        NOT NULL,
    kind             text        NOT NULL,
    with_eid2        boolean     NOT NULL,
    under_14         boolean     NOT NULL,
    card_received_on date        NULL,
    card_handed_on   date        NULL,
    import_id        uuid        NULL,
    updated_at       timestamptz NOT NULL,
    CHECK (card_received_on IS NULL OR card_received_on >= received_on),
    CHECK (card_handed_on IS NULL OR card_handed_on >= card_received_on)
);
CREATE INDEX ix_applications_person ON applications (id_number);
CREATE INDEX ix_applications_unit_path ON applications USING gist (unit_path);

-- Each person (ID number) with an application received at 14 or over, counted once: at the commune and on the day of
-- their first such application (the earliest received, then the smallest code).
CREATE TABLE persons (
    id_number         text  PRIMARY KEY,
    application_code  text  NOT NULL,
    commune_code      text  NOT NULL,
    unit_path         ltree NOT NULL,
    first_received_on date  NOT NULL
);
CREATE INDEX ix_persons_unit_path ON persons USING gist (unit_path);

-- A VNeID account; identity (ID number, level). A later row completes the activation (an activation date is never removed).
CREATE TABLE eid_accounts (
    id_number     text        NOT NULL,
    level         smallint    NOT NULL CHECK (level IN (1, 2)),
    commune_code  text        NOT NULL,
    unit_path     ltree       NOT NULL,
    channel       text        NOT NULL,
    registered_on date        NOT NULL,
    activated_on  date        NULL CHECK (activated_on IS NULL OR activated_on >= registered_on),
    import_id     uuid        NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (id_number, level)
);
CREATE INDEX ix_eid_accounts_unit_path ON eid_accounts USING gist (unit_path);

-- The funnel's counts per unit × day and per unit × month (first day), for EVERY unit of the path (commune, its
-- district, the province), so a unit's funnel as of a day sums its own rows only: whole months before asOf's month,
-- then asOf's month day by day. Kept current by each import job's final transaction, which folds the job's
-- contributions (import_contributions) in.
CREATE TABLE unit_day_counts (
    unit_code             text   NOT NULL,
    unit_path             ltree  NOT NULL,
    day                   date   NOT NULL,
    applications          bigint NOT NULL DEFAULT 0,
    applications_under_14 bigint NOT NULL DEFAULT 0,
    applications_eid2     bigint NOT NULL DEFAULT 0,
    persons_first         bigint NOT NULL DEFAULT 0,
    cards_received        bigint NOT NULL DEFAULT 0,
    cards_handed          bigint NOT NULL DEFAULT 0,
    eid1                  bigint NOT NULL DEFAULT 0,
    eid2_with_card        bigint NOT NULL DEFAULT 0,
    eid2_has_card         bigint NOT NULL DEFAULT 0,
    eid_activated         bigint NOT NULL DEFAULT 0,
    eid2_activated        bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_code, day)
);

CREATE TABLE unit_month_counts (LIKE unit_day_counts INCLUDING DEFAULTS);
ALTER TABLE unit_month_counts RENAME COLUMN day TO month;
ALTER TABLE unit_month_counts ADD PRIMARY KEY (unit_code, month);

-- Days each card waited in a stage (1: application → card received, 2: received → handed over), per unit of every
-- level: the median and 90th percentile are read off the histogram, exact in whole days. unit_path (here and in the
-- count tables) is the unit's own path, so reads are scoped in SQL like every other table.
CREATE TABLE stage_days (
    unit_code text     NOT NULL,
    unit_path ltree    NOT NULL,
    stage     smallint NOT NULL CHECK (stage IN (1, 2)),
    days      integer  NOT NULL,
    cards     bigint   NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_code, stage, days)
);

-- What each committed chunk of a running job changes in the counts (-1 for a row's stored values, +1 for its new
-- ones), per commune: appended without conflicts, folded into the tables above in the job's final transaction and
-- then deleted, so a chunk never contends on a count row and the counts always agree with the rows of finished jobs.
CREATE TABLE import_contributions (
    import_id             uuid   NOT NULL,
    unit_path             ltree  NOT NULL,
    day                   date   NOT NULL,
    applications          bigint NOT NULL DEFAULT 0,
    applications_under_14 bigint NOT NULL DEFAULT 0,
    applications_eid2     bigint NOT NULL DEFAULT 0,
    persons_first         bigint NOT NULL DEFAULT 0,
    cards_received        bigint NOT NULL DEFAULT 0,
    cards_handed          bigint NOT NULL DEFAULT 0,
    eid1                  bigint NOT NULL DEFAULT 0,
    eid2_with_card        bigint NOT NULL DEFAULT 0,
    eid2_has_card         bigint NOT NULL DEFAULT 0,
    eid_activated         bigint NOT NULL DEFAULT 0,
    eid2_activated        bigint NOT NULL DEFAULT 0
);
CREATE INDEX ix_import_contributions_import ON import_contributions (import_id);

CREATE TABLE import_stage_contributions (
    import_id uuid     NOT NULL,
    unit_path ltree    NOT NULL,
    stage     smallint NOT NULL,
    days      integer  NOT NULL,
    cards     bigint   NOT NULL
);
CREATE INDEX ix_import_stage_contributions_import ON import_stage_contributions (import_id);

-- Living persons aged 14 and over per commune, as the population registry (cleansing) last announced them
-- (RegistryPopulationCounted: every commune at once, after each registry change and daily); the newest announcement wins.
CREATE TABLE population (
    commune_code     text        PRIMARY KEY,
    unit_path        ltree       NOT NULL,
    persons_14_plus  bigint      NOT NULL,
    counted_on       date        NOT NULL,
    registry_version bigint      NOT NULL,
    received_at      timestamptz NOT NULL
);
CREATE INDEX ix_population_unit_path ON population USING gist (unit_path);
