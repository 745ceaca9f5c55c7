-- The visible effect of the test consumer: one row per handled document event.
CREATE TABLE effects (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id uuid        NOT NULL,
    handled_at  timestamptz NOT NULL DEFAULT now()
);
