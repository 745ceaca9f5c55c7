-- Outreach to the people still missing (issue #12): the reasons commune officers record and the home visits they plan.
-- A person is named by an opaque person_ref (cleansing's for a registry person, this service's for an e-ID account),
-- never by an ID number. Both tables keep history: a reason is never overwritten (the latest row per person is the one
-- that applies), a visit row is planned once and completed once.

CREATE TABLE missing_reasons (
    id             uuid        PRIMARY KEY,
    person_ref     text        NOT NULL,
    commune_code   text        NOT NULL,
    commune_path   ltree       NOT NULL,
    reason         text        NOT NULL CHECK (reason IN ('lam_an_xa', 'hoc_tap_lao_dong_nuoc_ngoai', 'chap_hanh_an',
                                                          'khong_co_dien_thoai_thong_minh', 'da_chet_chua_xoa', 'khac')),
    note           text        NULL,
    recorded_by    text        NOT NULL,
    recorded_at    timestamptz NOT NULL,
    CHECK (reason <> 'khac' OR note IS NOT NULL)
);
CREATE INDEX ix_missing_reasons_person ON missing_reasons (person_ref, recorded_at DESC, id DESC);
CREATE INDEX ix_missing_reasons_commune_path ON missing_reasons USING gist (commune_path);

CREATE TABLE visits (
    id             uuid        PRIMARY KEY,
    person_ref     text        NOT NULL,
    commune_code   text        NOT NULL,
    commune_path   ltree       NOT NULL,
    planned_on     date        NOT NULL,
    note           text        NULL,
    planned_by     text        NOT NULL,
    planned_at     timestamptz NOT NULL,
    visited_on     date        NULL,
    outcome        text        NULL CHECK (outcome IN ('da_thu_nhan', 'chua_thu_nhan', 'khong_gap')),
    outcome_note   text        NULL,
    recorded_by    text        NULL,
    recorded_at    timestamptz NULL,
    CHECK ((visited_on IS NULL) = (outcome IS NULL))
);
CREATE INDEX ix_visits_person ON visits (person_ref, planned_on, id);
CREATE INDEX ix_visits_commune_path ON visits USING gist (commune_path);
