-- Care actions the batch closes: lapsed (its rule no longer finds it) or expired (past
-- expires_on, the last day the action is worth making).
ALTER TABLE care_actions ADD COLUMN expires_on TEXT;
-- A lapsed or expired action no longer holds its customer, rule and period: when the rule
-- finds it again (a corrected birthday in the same year, a debt owed again), a new one is made.
DROP INDEX care_actions_key;
CREATE UNIQUE INDEX care_actions_key ON care_actions (customer, rule, period)
    WHERE status NOT IN ('lapsed', 'expired');
-- The lookups by customer whatever the status (the partial index serves only the open ones).
CREATE INDEX care_actions_customer ON care_actions (customer, rule, period);
