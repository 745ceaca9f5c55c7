-- Targets on the funnel's figures and the shortfall state of each unit against them: the tables ServiceDefaults'
-- Targets code (TargetStore, IndicatorShortfallScanner) reads and writes, the same shape as statistics' 0002_targets.sql.
-- A target of the funnel is judged on the figure as of the period's end (or today while the period runs).

CREATE TABLE targets (
    id                 uuid        PRIMARY KEY,
    indicator          text        NOT NULL,
    unit_code          text        NULL,
    level              text        NULL CHECK (level IN ('province', 'district', 'commune')),
    unit_path          ltree       NOT NULL,
    period_from        date        NOT NULL,
    period_to          date        NOT NULL,
    threshold          numeric     NOT NULL,
    direction          text        NOT NULL CHECK (direction IN ('atLeast', 'atMost')),
    document           text        NOT NULL,
    set_by_unit_code   text        NOT NULL,
    updated_by         text        NOT NULL,
    updated_at         timestamptz NOT NULL,
    evaluate_requested boolean     NOT NULL DEFAULT true,
    evaluated_on       date        NULL,
    CHECK ((unit_code IS NULL) <> (level IS NULL)),
    CHECK (period_to >= period_from),
    CONSTRAINT ux_targets_key UNIQUE NULLS NOT DISTINCT (indicator, unit_code, level, period_from, period_to)
);
CREATE INDEX ix_targets_unit_path ON targets USING gist (unit_path);

CREATE TABLE shortfalls (
    unit_code     text        NOT NULL,
    indicator     text        NOT NULL,
    period_from   date        NOT NULL,
    period_to     date        NOT NULL,
    target_id     uuid        NOT NULL,
    in_shortfall  boolean     NOT NULL,
    threshold     numeric     NOT NULL,
    actual        numeric     NOT NULL,
    changed_at    timestamptz NOT NULL,
    evaluated_at  timestamptz NOT NULL,
    PRIMARY KEY (unit_code, indicator, period_from, period_to)
);
