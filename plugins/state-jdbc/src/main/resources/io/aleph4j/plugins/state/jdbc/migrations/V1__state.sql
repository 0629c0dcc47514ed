-- The state derived from processed messages. Portable SQL: SQLite and PostgreSQL both run this file.
-- Times are seconds since the epoch as DOUBLE PRECISION (exactly the envelope's number); reception times are
-- epoch microseconds.

CREATE TABLE store_state (
    id                  INTEGER PRIMARY KEY,
    applied_inbox_index BIGINT  NOT NULL
);
INSERT INTO store_state (id, applied_inbox_index) VALUES (1, -1);

CREATE TABLE messages (
    item_hash     TEXT PRIMARY KEY,
    chain         TEXT NOT NULL,
    sender        TEXT NOT NULL,
    type          TEXT NOT NULL,
    channel       TEXT,
    time          DOUBLE PRECISION NOT NULL,
    item_type     TEXT NOT NULL,
    item_content  TEXT,
    signature     TEXT NOT NULL,
    status        TEXT NOT NULL,
    error_code    INTEGER,
    error_detail  TEXT,
    owner         TEXT,
    content_time  DOUBLE PRECISION,
    content_type  TEXT,
    content_ref   TEXT,
    content_key   TEXT,
    tags          TEXT,
    content_json  TEXT,
    forgotten_by  TEXT,
    received_at   BIGINT NOT NULL,
    size          BIGINT NOT NULL
);
CREATE INDEX messages_time ON messages (time, item_hash);
CREATE INDEX messages_sender_time ON messages (sender, time);
CREATE INDEX messages_owner_time ON messages (owner, time);
CREATE INDEX messages_channel_time ON messages (channel, time);
CREATE INDEX messages_type_time ON messages (type, time);
CREATE INDEX messages_ref ON messages (content_ref);
CREATE INDEX messages_content_type ON messages (content_type);
CREATE INDEX messages_content_key ON messages (content_key);
CREATE INDEX messages_status ON messages (status);

-- One row per (message, tag) so that a tags filter is an indexed lookup.
CREATE TABLE message_tags (
    item_hash TEXT NOT NULL,
    tag       TEXT NOT NULL,
    PRIMARY KEY (item_hash, tag)
);
CREATE INDEX message_tags_tag ON message_tags (tag);

CREATE TABLE posts (
    item_hash    TEXT PRIMARY KEY,
    owner        TEXT NOT NULL,
    type         TEXT NOT NULL,
    ref          TEXT,
    amends       TEXT,
    channel      TEXT,
    tags         TEXT,
    content_json TEXT,
    time         DOUBLE PRECISION NOT NULL,
    latest_amend TEXT
);
CREATE INDEX posts_owner_time ON posts (owner, time);
CREATE INDEX posts_amends ON posts (amends, time);
CREATE INDEX posts_time ON posts (time, item_hash);

CREATE TABLE aggregate_elements (
    item_hash    TEXT PRIMARY KEY,
    owner        TEXT NOT NULL,
    key          TEXT NOT NULL,
    content_json TEXT NOT NULL,
    time         DOUBLE PRECISION NOT NULL
);
CREATE INDEX aggregate_elements_owner_key ON aggregate_elements (owner, key, time);

CREATE TABLE aggregates (
    owner              TEXT NOT NULL,
    key                TEXT NOT NULL,
    content_json       TEXT NOT NULL,
    creation_time      DOUBLE PRECISION NOT NULL,
    last_revision      TEXT NOT NULL,
    last_revision_time DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (owner, key)
);

CREATE TABLE file_references (
    message_hash TEXT PRIMARY KEY,
    owner        TEXT NOT NULL,
    file_hash    TEXT NOT NULL,
    item_type    TEXT NOT NULL,
    ref          TEXT,
    time         DOUBLE PRECISION NOT NULL
);
CREATE INDEX file_references_file ON file_references (file_hash, time);
