-- Which condition decided a system's readiness (no-inspection | failed-critical-item | unresolved-findings | cleared),
-- on the system and on each history row: the history records a change of the deciding condition as well as a
-- change of `cleared`, so "registered → failed the May inspection → findings left after the September
-- re-inspection → cleared" can be read from it (the LGSP story).
ALTER TABLE systems ADD COLUMN readiness_kind text NOT NULL DEFAULT 'no-inspection'
    CHECK (readiness_kind IN ('no-inspection', 'failed-critical-item', 'unresolved-findings', 'cleared'));
ALTER TABLE readiness_changes ADD COLUMN kind text NOT NULL DEFAULT 'no-inspection'
    CHECK (kind IN ('no-inspection', 'failed-critical-item', 'unresolved-findings', 'cleared'));
