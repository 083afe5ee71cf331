-- Imports look for possible duplicates by phone and identity number.
CREATE INDEX IF NOT EXISTS customers_phone ON customers (phone);
CREATE INDEX IF NOT EXISTS customers_id_number ON customers (id_number);
