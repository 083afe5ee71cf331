-- Whether a customer holds one of some products (a plugin's visit candidates, issue 18):
-- one look-up in an index of his agreements by product and status, whatever the planner
-- knows of the tables.
CREATE INDEX IF NOT EXISTS agreements_holding ON agreements (customer, product, status);
