-- Item hashes are random: a B-tree keyed by them takes each insert on a random leaf page, and once the index outgrows
-- the server's buffers nearly every insert reads a page and later writes it back (measured at 10 M messages: 13-15 KB
-- written per message, three such B-trees of ~1.2 GB each: messages, message_tags and posts). A hash index keeps a
-- 4-byte hash code per row instead of the 64-character key, about a sixth of the size, so the three stay in the
-- buffers. Hash indexes cannot be unique: the store's one writer keeps each item hash to one row of messages and posts
-- and each tag to one row per message (it reads before it replaces, and no INSERT here relies on ON CONFLICT for
-- those tables).
ALTER TABLE messages DROP CONSTRAINT messages_pkey;
CREATE INDEX messages_item_hash ON messages USING hash (item_hash);
ALTER TABLE message_tags DROP CONSTRAINT message_tags_pkey;
CREATE INDEX message_tags_item_hash ON message_tags USING hash (item_hash);
ALTER TABLE posts DROP CONSTRAINT posts_pkey;
CREATE INDEX posts_item_hash ON posts USING hash (item_hash);
