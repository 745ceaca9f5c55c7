-- Cleansing campaigns (e.g. "Làm sạch dữ liệu tiêm chủng COVID-19"): a dataset, the units that must clean their records
-- and a deadline. Batches join a campaign through batches.campaign_id (0002); progress (cleaned ÷ flagged per unit) is
-- computed from batch_records at read time, so it can never drift from the records themselves.
CREATE TABLE campaigns (
    id                uuid        PRIMARY KEY,
    name              text        NOT NULL,
    dataset           text        NOT NULL CHECK (dataset IN ('vaccination', 'social-insurance', 'children', 'social-protection', 'other')),
    deadline          date        NOT NULL,
    -- The unit that runs the campaign: callers see campaigns of their unit, of units below and of units above them.
    unit_code         text        NOT NULL,
    unit_path         ltree       NOT NULL,
    target_unit_codes text[]      NOT NULL,
    created_by        text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ix_campaigns_unit_path ON campaigns USING gist (unit_path);
CREATE INDEX ix_campaigns_listing ON campaigns (deadline DESC, created_at DESC, id);
