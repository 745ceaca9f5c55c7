-- Security inspections (kiểm tra an ninh, an toàn thông tin): targets, teams, versioned checklists, inspections,
-- their results, findings with history, and each information system's connection readiness with its history.
-- Visibility is decided in SQL on ltree unit paths (GiST-indexed): a target's owner unit (unit_path), a finding's
-- responsible unit (unit_path) and the inspected target's owner (target_unit_path).

-- Information systems that connect (or want to connect) to the national population database.
-- Readiness (cleared/readiness_reason) is computed by the service in the transaction of every change that can
-- affect it, never typed in; readiness_changes keeps its history.
CREATE TABLE systems (
    id                   uuid        PRIMARY KEY,
    name                 text        NOT NULL,
    kind                 text        NOT NULL CHECK (kind IN ('integration-platform', 'one-stop-dossier', 'data-centre', 'application', 'other')),
    security_level       integer     NOT NULL CHECK (security_level BETWEEN 1 AND 5),
    owner_unit_code      text        NOT NULL,
    unit_path            ltree       NOT NULL,
    cleared              boolean     NOT NULL DEFAULT false,
    readiness_reason     text        NOT NULL,
    readiness_changed_at timestamptz NOT NULL,
    created_by           text        NOT NULL,
    created_by_name      text        NOT NULL,
    created_at           timestamptz NOT NULL
);
-- One system of a name per owner unit: registering it twice is a conflict, not a second target.
CREATE UNIQUE INDEX ux_systems_name ON systems (owner_unit_code, lower(name));
CREATE INDEX ix_systems_unit_path ON systems USING gist (unit_path);

-- The readiness history: the initial state at registration, then one row per change of `cleared` (and, since
-- 0003_readiness_kind.sql, of the condition that decided it).
CREATE TABLE readiness_changes (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    system_id    uuid        NOT NULL REFERENCES systems (id),
    cleared      boolean     NOT NULL,
    reason       text        NOT NULL,
    at           timestamptz NOT NULL,
    -- The Vietnam date the change took effect (an inspection's completion date, or the day of the change).
    effective_on date        NOT NULL
);
CREATE INDEX ix_readiness_changes_system ON readiness_changes (system_id, at, id);

-- Inspection teams (đoàn / tổ kiểm tra). A team inspects on behalf of its unit; members are Keycloak usernames.
CREATE TABLE teams (
    code      text   PRIMARY KEY,
    name      text   NOT NULL,
    unit_code text   NOT NULL,
    unit_path ltree  NOT NULL,
    members   text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX ix_teams_unit_path ON teams USING gist (unit_path);

INSERT INTO teams (code, name, unit_code, unit_path, members) VALUES
    ('PA05', 'Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao', '66', '66', ARRAY['province.inspector']),
    ('PA06', 'Phòng An ninh chính trị nội bộ', '66', '66', ARRAY['province.inspector']),
    ('PC06', 'Phòng Cảnh sát quản lý hành chính về trật tự xã hội', '66', '66', ARRAY['province.inspector']),
    ('PV01', 'Phòng Hồ sơ', '66', '66', ARRAY['province.inspector']),
    ('PH10', 'Phòng Hậu cần', '66', '66', ARRAY['province.inspector']),
    ('CAH-643', 'Công an thành phố Buôn Ma Thuột', '643', '66.643', ARRAY['bmt.inspector']);

-- Checklist templates, versioned: a published (code, version) never changes; a new version is a new row, and an
-- inspection keeps the version it was planned with. Loaded at start-up from the shipped Data/Checklists/*.json.
CREATE TABLE checklists (
    code        text        NOT NULL,
    version     integer     NOT NULL CHECK (version >= 1),
    title       text        NOT NULL,
    target_type text        NOT NULL CHECK (target_type IN ('system', 'device')),
    loaded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (code, version)
);

CREATE TABLE checklist_items (
    code     text    NOT NULL,
    version  integer NOT NULL,
    no       integer NOT NULL CHECK (no >= 1),
    text     text    NOT NULL,
    critical boolean NOT NULL,
    weight   integer NOT NULL CHECK (weight >= 1),
    PRIMARY KEY (code, version, no),
    FOREIGN KEY (code, version) REFERENCES checklists (code, version)
);

-- An inspection of one target (an information system or an endpoint device) by a team with a checklist version.
-- The target's name and owner unit are copied at planning time: the owner path decides who may see the details.
CREATE TABLE inspections (
    id                   uuid        PRIMARY KEY,
    target_type          text        NOT NULL CHECK (target_type IN ('system', 'device')),
    target_id            uuid        NOT NULL,
    target_name          text        NOT NULL,
    owner_unit_code      text        NOT NULL,
    unit_path            ltree       NOT NULL,
    team_code            text        NOT NULL REFERENCES teams (code),
    inspecting_unit_code text        NOT NULL,
    inspecting_unit_path ltree       NOT NULL,
    checklist_code       text        NOT NULL,
    checklist_version    integer     NOT NULL,
    planned_on           date        NOT NULL,
    started_on           date        NULL,
    completed_on         date        NULL,
    status               text        NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'completed')),
    conclusion           text        NULL,
    created_by           text        NOT NULL,
    created_by_name      text        NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_by           text        NOT NULL,
    updated_at           timestamptz NOT NULL,
    FOREIGN KEY (checklist_code, checklist_version) REFERENCES checklists (code, version),
    CHECK (status <> 'completed' OR (completed_on IS NOT NULL AND conclusion IS NOT NULL))
);
CREATE INDEX ix_inspections_unit_path ON inspections USING gist (unit_path);
CREATE INDEX ix_inspections_inspecting_unit_path ON inspections USING gist (inspecting_unit_path);
-- Readiness looks up a system's latest completed inspection; coverage counts recent completed ones.
CREATE INDEX ix_inspections_target ON inspections (target_type, target_id, completed_on DESC NULLS LAST);
CREATE INDEX ix_inspections_listing ON inspections (planned_on DESC, id);

-- One result per checklist item of an inspection (replaced while the inspection is in progress).
CREATE TABLE inspection_results (
    inspection_id uuid        NOT NULL REFERENCES inspections (id),
    item_no       integer     NOT NULL,
    result        text        NOT NULL CHECK (result IN ('pass', 'fail', 'not_applicable')),
    note          text        NULL,
    recorded_by   text        NOT NULL,
    recorded_at   timestamptz NOT NULL,
    PRIMARY KEY (inspection_id, item_no)
);

-- Findings (phát hiện / tồn tại) of an inspection. Visible to anyone whose scope holds the responsible unit
-- (unit_path), and to inspectors and leaders whose scope holds the inspected target's owner (target_unit_path).
-- The technical description is shown only to inspectors and leaders in scope of the target.
CREATE TABLE findings (
    id                    uuid        PRIMARY KEY,
    inspection_id         uuid        NOT NULL REFERENCES inspections (id),
    target_type           text        NOT NULL CHECK (target_type IN ('system', 'device')),
    target_id             uuid        NOT NULL,
    target_name           text        NOT NULL,
    target_unit_path      ltree       NOT NULL,
    title                 text        NOT NULL,
    description           text        NOT NULL DEFAULT '',
    severity              text        NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
    responsible_unit_code text        NOT NULL,
    unit_path             ltree       NOT NULL,
    deadline              date        NOT NULL,
    status                text        NOT NULL DEFAULT 'open'
                                      CHECK (status IN ('open', 'remediation_reported', 'verified', 'reopened', 'risk_accepted')),
    risk_accepted_until   date        NULL,
    risk_reason           text        NULL,
    -- The checklist item whose failure raised this finding automatically on completion; NULL for manual findings.
    auto_item_no          integer     NULL,
    raised_by             text        NOT NULL,
    raised_by_name        text        NOT NULL,
    raised_at             timestamptz NOT NULL,
    updated_by            text        NOT NULL,
    updated_at            timestamptz NOT NULL,
    CHECK (status <> 'risk_accepted' OR (risk_accepted_until IS NOT NULL AND risk_reason IS NOT NULL))
);
-- A failed critical item raises one finding, even if completion were attempted twice.
CREATE UNIQUE INDEX ux_findings_auto_item ON findings (inspection_id, auto_item_no) WHERE auto_item_no IS NOT NULL;
CREATE INDEX ix_findings_unit_path ON findings USING gist (unit_path);
CREATE INDEX ix_findings_target_unit_path ON findings USING gist (target_unit_path);
CREATE INDEX ix_findings_inspection ON findings (inspection_id, raised_at, id);
-- Readiness counts a system's unresolved high/critical findings.
CREATE INDEX ix_findings_target ON findings (target_type, target_id, status);
CREATE INDEX ix_findings_listing ON findings (deadline, id);
-- The expiry job's candidates only.
CREATE INDEX ix_findings_risk_expiry ON findings (risk_accepted_until) WHERE status = 'risk_accepted';

-- Every change of a finding: who, when, why.
CREATE TABLE finding_events (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    finding_id uuid        NOT NULL REFERENCES findings (id),
    kind       text        NOT NULL CHECK (kind IN ('raised', 'remediation_reported', 'verified', 'reopened', 'risk_accepted')),
    actor      text        NOT NULL,
    actor_name text        NOT NULL,
    note       text        NULL,
    at         timestamptz NOT NULL
);
CREATE INDEX ix_finding_events_finding ON finding_events (finding_id, at, id);
