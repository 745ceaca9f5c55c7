-- A history row's confidential part (a leader's risk-acceptance reason) lives apart from its note, so the responsible
-- unit reads "Chấp nhận rủi ro đến hết ngày …" in the history while only inspectors and leaders in scope read why.
-- Rows written before kept the reason after the date ("…: reason"): split them the same way.
ALTER TABLE finding_events ADD COLUMN confidential_note text NULL;
UPDATE finding_events
SET confidential_note = substr(note, position(': ' IN note) + 2),
    note = left(note, position(': ' IN note) - 1)
WHERE kind = 'risk_accepted' AND position(': ' IN note) > 0;
