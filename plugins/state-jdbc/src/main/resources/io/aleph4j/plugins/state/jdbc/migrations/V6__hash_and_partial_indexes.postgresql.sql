-- Item hashes are random: a B-tree keyed by them takes each insert on a random leaf page, and once the index outgrows
-- the server's buffers nearly every insert reads a page and writes one back (at 10 M messages, with 2 GB of buffers,
-- 13,331 bytes were written per message; with these hash indexes, 8,191). A hash index keeps a 4-byte hash code per
-- row instead of the 64-character key. Hash indexes cannot be unique: the store's one writer keeps each item hash to
-- one row of messages and posts and each tag to one row per message (it reads before it replaces, and no INSERT into
-- these tables relies on ON CONFLICT).
ALTER TABLE messages DROP CONSTRAINT messages_pkey;
CREATE INDEX messages_item_hash ON messages USING hash (item_hash);
ALTER TABLE message_tags DROP CONSTRAINT message_tags_pkey;
CREATE INDEX message_tags_item_hash ON message_tags USING hash (item_hash);
ALTER TABLE posts DROP CONSTRAINT posts_pkey;
CREATE INDEX posts_item_hash ON posts USING hash (item_hash);

-- Most messages are processed POSTs: no content ref, no aggregate key, not an amend. Indexes that only a filter on
-- those columns reads keep only the rows that have them, so such a message inserts nothing into them. A filter on a
-- value (content_ref IN (...), amends = ?) implies the column is not null, and a filter on statuses other than
-- processed implies status <> 'processed' when the planner sees the values (Where sends a filter including processed
-- past the status index anyway).
DROP INDEX messages_ref;
CREATE INDEX messages_ref ON messages (content_ref) WHERE content_ref IS NOT NULL;
DROP INDEX messages_content_key;
CREATE INDEX messages_content_key ON messages (content_key) WHERE content_key IS NOT NULL;
DROP INDEX messages_status;
CREATE INDEX messages_status ON messages (status) WHERE status <> 'processed';
DROP INDEX posts_amends;
CREATE INDEX posts_amends ON posts (amends, time) WHERE amends IS NOT NULL;
