-- The contentHashes and paymentTypes filters of messages.json: a content's item_hash (a STORE's file) and its
-- payment type. Partial indexes: most messages (POSTs, AGGREGATEs) have neither, and pay nothing for them. Rows
-- stored before this version get the columns on a replay (bin/aleph4j replay).
ALTER TABLE messages ADD COLUMN content_item_hash TEXT;
ALTER TABLE messages ADD COLUMN payment_type TEXT;
CREATE INDEX messages_content_item_hash ON messages (content_item_hash) WHERE content_item_hash IS NOT NULL;
CREATE INDEX messages_payment_type ON messages (payment_type, time) WHERE payment_type IS NOT NULL;
