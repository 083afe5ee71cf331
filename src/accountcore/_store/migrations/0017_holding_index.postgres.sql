-- The planner's statistics, which a new server's book lacks until autovacuum (if it runs at
-- all) has read its tables: without them the planner misjudges what a condition keeps.
ANALYZE customers, agreements, visits, care_actions, complaints, audit_events;
