-- Targets of the indicators (issue 11, "Targets") and the shortfall state of each unit against them ("Shortfall → task").

-- A target applies to one unit (unit_code) or to every unit of a level (level). unit_path is the unit's path, or the
-- setter's for a level target (the province), so a unit target is read in scope like any scoped row. The key is
-- (indicator, unit or level, from, to): a second PUT with the same key updates the row (NULLS NOT DISTINCT: the missing
-- one of unit_code / level counts as equal). evaluate_requested and evaluated_on drive the shortfall job: a completed
-- import asks for every target to be evaluated again, a new day does too.
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

-- Whether a unit is short of its target for an indicator over a target period, as last evaluated. The job publishes
-- IndicatorShortfallDetected only when in_shortfall turns true and IndicatorShortfallCleared only when it turns false,
-- in the transaction that changes it, so each crossing is announced once.
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
