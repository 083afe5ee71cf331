-- Care actions a rule wants made by someone in particular (wealth's cooling-off return visit
-- by someone other than the seller): who is to make it, and who may not close it.
ALTER TABLE care_actions ADD COLUMN assignee TEXT;
ALTER TABLE care_actions ADD COLUMN not_by TEXT;
