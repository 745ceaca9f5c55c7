-- Tasks (nhiệm vụ) assigned from a directive document to units, their history and progress reports.
-- Visibility is decided in SQL: a task is visible to a caller whose scope holds its assignee unit (unit_path)
-- or its assigner unit (assigner_unit_path); both are GiST-indexed ltree paths.

-- One fan-out request (one task per target unit); carries the Idempotency-Key so a repeated request is
-- recognised by a unique constraint rather than check-then-insert.
CREATE TABLE task_assignments (
    id              uuid        PRIMARY KEY,
    document_id     uuid        NULL REFERENCES documents (id),
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    idempotency_key text        NULL
);
CREATE UNIQUE INDEX ux_task_assignments_idempotency ON task_assignments (created_by, idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE tasks (
    id                  uuid        PRIMARY KEY,
    assignment_id       uuid        NULL REFERENCES task_assignments (id),
    -- Tasks opened by other services (e.g. an inspection finding) have no document but a source.
    document_id         uuid        NULL REFERENCES documents (id),
    source_type         text        NULL,
    source_id           text        NULL,
    title               text        NOT NULL,
    description         text        NOT NULL DEFAULT '',
    expected_output     text        NOT NULL DEFAULT '',
    due_on              date        NOT NULL,
    priority            text        NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    assignee_unit_code  text        NOT NULL,
    unit_path           ltree       NOT NULL,
    assigner_unit_code  text        NOT NULL,
    assigner_unit_path  ltree       NOT NULL,
    status              text        NOT NULL DEFAULT 'assigned'
                                    CHECK (status IN ('assigned', 'in_progress', 'reported_done', 'accepted')),
    latest_percent      integer     NULL CHECK (latest_percent BETWEEN 0 AND 100),
    created_by          text        NOT NULL,
    created_by_name     text        NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    accepted_at         timestamptz NULL,
    -- Set once when TaskOverdue was published; never cleared, so a returned task past its deadline is not announced again.
    overdue_notified_at timestamptz NULL,
    CHECK (document_id IS NOT NULL OR source_type IS NOT NULL)
);

CREATE INDEX ix_tasks_unit_path ON tasks USING gist (unit_path);
CREATE INDEX ix_tasks_assigner_unit_path ON tasks USING gist (assigner_unit_path);
CREATE INDEX ix_tasks_document ON tasks (document_id, due_on, id);
CREATE INDEX ix_tasks_source ON tasks (source_type, source_id) WHERE source_id IS NOT NULL;
CREATE INDEX ix_tasks_assignee ON tasks (assignee_unit_code, status);
CREATE INDEX ix_tasks_assigner ON tasks (assigner_unit_code, status);
CREATE INDEX ix_tasks_listing ON tasks (due_on, id);
-- The overdue scanner's candidates only: open, not yet announced.
CREATE INDEX ix_tasks_overdue_candidates ON tasks (due_on) WHERE status IN ('assigned', 'in_progress') AND overdue_notified_at IS NULL;

-- Every change of a task: who, when, why. Reminders (đôn đốc) are events of kind 'reminded'.
CREATE TABLE task_events (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id    uuid        NOT NULL REFERENCES tasks (id),
    kind       text        NOT NULL CHECK (kind IN ('assigned', 'started', 'reported', 'accepted', 'returned', 'reminded', 'overdue')),
    actor      text        NOT NULL,
    actor_name text        NOT NULL,
    note       text        NULL,
    at         timestamptz NOT NULL
);
CREATE INDEX ix_task_events_task ON task_events (task_id, at, id);

-- Progress reports of the assignee, kept as history.
CREATE TABLE task_reports (
    id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id uuid        NOT NULL REFERENCES tasks (id),
    note    text        NOT NULL,
    percent integer     NOT NULL CHECK (percent BETWEEN 0 AND 100),
    result  text        NULL,
    done    boolean     NOT NULL,
    reported_by      text NOT NULL,
    reported_by_name text NOT NULL,
    at      timestamptz NOT NULL
);
CREATE INDEX ix_task_reports_task ON task_reports (task_id, at, id);
