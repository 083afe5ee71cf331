-- The month report counts records by the day they happened: one range scan per figure.
-- IF NOT EXISTS: a book rebuilt from an old version keeps the indexes of the tables it kept.
CREATE INDEX IF NOT EXISTS care_actions_due_all ON care_actions (due);
CREATE INDEX IF NOT EXISTS complaints_opened ON complaints (opened_on);
CREATE INDEX IF NOT EXISTS agreements_signed ON agreements (signed_on);
CREATE INDEX IF NOT EXISTS agreements_terminated ON agreements (terminated_on);
CREATE INDEX IF NOT EXISTS audit_events_action ON audit_events (action, at);
