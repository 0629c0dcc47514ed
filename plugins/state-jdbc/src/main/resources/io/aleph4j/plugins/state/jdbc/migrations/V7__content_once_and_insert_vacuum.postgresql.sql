-- An inline message's content_json holds '' when the content is its item_content (see the portable file of this
-- version): nothing to change in the schema.
--
-- The tables every message inserts into are never updated in place, so autovacuum visits them for their inserts
-- alone (to set hint bits and the visibility map, which index-only scans need). By default that happens once the
-- inserts reach a fifth of the table: at 10 M messages, every 2 M, when most of the new pages have left the server's
-- buffers, so vacuum reads each page back and dirties it, and the page is written twice. Vacuuming after a fixed
-- number of inserts keeps the pages it visits among the recent ones, still in the buffers, at the same total work.
ALTER TABLE messages SET (autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 100000);
ALTER TABLE message_tags SET (autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 100000);
ALTER TABLE posts SET (autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 100000);
ALTER TABLE message_volume_refs SET (autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 100000);
ALTER TABLE aggregate_elements SET (autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 100000);
ALTER TABLE file_references SET (autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 100000);
