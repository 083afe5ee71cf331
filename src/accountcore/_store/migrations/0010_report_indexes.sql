-- The month report counts records by the day they happened: one range scan per figure.
CREATE INDEX care_actions_due_all ON care_actions (due);
CREATE INDEX complaints_opened ON complaints (opened_on);
CREATE INDEX agreements_signed ON agreements (signed_on);
CREATE INDEX agreements_terminated ON agreements (terminated_on);
CREATE INDEX audit_events_action ON audit_events (action, at);
