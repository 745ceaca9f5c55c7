-- Tables of the messaging benchmark's nodes (tests/Dakla06.Benchmarks/MessagingNodes.cs); every node's database gets both.
-- The producer's business write: one row per event, in the same transaction as the event's outbox row.
CREATE TABLE bench_documents (
    id         uuid PRIMARY KEY,
    unit_code  text        NOT NULL,
    subject    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The consumer's effect, in the same transaction as its inbox row. No unique key on purpose: a doubled effect stays
-- visible, so the benchmark can count it.
CREATE TABLE bench_effects (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    uuid        NOT NULL,
    document_id uuid        NOT NULL,
    handled_at  timestamptz NOT NULL DEFAULT now()
);
