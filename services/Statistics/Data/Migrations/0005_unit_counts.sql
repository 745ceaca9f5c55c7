-- The indicators of a unit's subtree without a breakdown by procedure (the scorecard, by child, by month) are answered
-- from counts per unit × month for the whole months of the period and per unit × day for its other days (and for the
-- overdue stock inside the last month): a province's year sums a few thousand rows instead of every unit × procedure ×
-- day × channel row of dossier_counts (about two per dossier). Same columns and meaning as dossier_counts, with the
-- dossiers received online as a column of their own instead of the channel; kept current in the same import
-- transactions, from the same per-chunk contributions (DossierWriter).
CREATE TABLE unit_day_counts (
    unit_code          text   NOT NULL,
    unit_path          ltree  NOT NULL,
    day                date   NOT NULL,
    received           bigint NOT NULL DEFAULT 0,
    received_online    bigint NOT NULL DEFAULT 0,
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
    PRIMARY KEY (unit_code, day)
);
CREATE INDEX ix_unit_day_counts_day ON unit_day_counts (day);

-- `month` is the first day of the month.
CREATE TABLE unit_month_counts (
    unit_code          text   NOT NULL,
    unit_path          ltree  NOT NULL,
    month              date   NOT NULL CHECK (extract(day FROM month) = 1),
    received           bigint NOT NULL DEFAULT 0,
    received_online    bigint NOT NULL DEFAULT 0,
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
    PRIMARY KEY (unit_code, month)
);

-- Databases that already hold dossiers: the same sums from dossier_counts.
INSERT INTO unit_day_counts
SELECT unit_code, unit_path, day, sum(received), coalesce(sum(received) FILTER (WHERE channel = 'truc_tuyen'), 0),
       sum(fee_dossiers), sum(paid_online), sum(payment_count), sum(paid_amount_ok), sum(paid_amount_failed), sum(digitised),
       sum(resolved), sum(resolved_on_time), sum(results_digitised), sum(finished_late), sum(due), sum(due_met)
FROM dossier_counts GROUP BY unit_code, unit_path, day;

INSERT INTO unit_month_counts
SELECT unit_code, unit_path, date_trunc('month', day)::date, sum(received), sum(received_online),
       sum(fee_dossiers), sum(paid_online), sum(payment_count), sum(paid_amount_ok), sum(paid_amount_failed), sum(digitised),
       sum(resolved), sum(resolved_on_time), sum(results_digitised), sum(finished_late), sum(due), sum(due_met)
FROM unit_day_counts GROUP BY unit_code, unit_path, date_trunc('month', day);

-- No query reads the dossier table by unit path (every read goes through the counts; imports find a dossier by its
-- primary key and check its path there): the GiST index only cost each imported dossier an insert into it.
DROP INDEX ix_dossiers_unit_path;
