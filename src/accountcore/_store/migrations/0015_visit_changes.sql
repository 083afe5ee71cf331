-- A cancelled visit keeps why it was cancelled (status 'cancelled'; 'missed' is never stored).
ALTER TABLE visits ADD COLUMN cancel_reason TEXT;
