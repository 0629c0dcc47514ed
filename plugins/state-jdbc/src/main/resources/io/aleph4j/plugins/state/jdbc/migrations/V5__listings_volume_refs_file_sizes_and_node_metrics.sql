-- What the reference API's listings need: volume refs (which PROGRAMs and INSTANCEs mount a message), reception order,
-- channels and post types, aggregates by time, an owner's files and their sizes, who a security aggregate authorizes,
-- and the scoring posts' node metrics. After these statements, Migrations fills security_grantees from the stored
-- security aggregates and the volume refs from the stored PROGRAM and INSTANCE contents (a forgotten one, whose
-- content is gone, keeps none; a replay, bin/aleph4j replay, gives every message the refs the kernel reads).

-- A message's volume refs: the list as given (volume_refs, joined like tags), and one row per ref to filter on.
ALTER TABLE messages ADD COLUMN volume_refs TEXT;
CREATE TABLE message_volume_refs (
    item_hash  TEXT NOT NULL,
    volume_ref TEXT NOT NULL,
    PRIMARY KEY (item_hash, volume_ref)
);
CREATE INDEX message_volume_refs_ref ON message_volume_refs (volume_ref);

-- Messages in reception order (how peers compare what they hold).
CREATE INDEX messages_received_at ON messages (received_at, item_hash);
-- The distinct channels and post types, read from the index alone (the status filter included).
CREATE INDEX messages_channel_status ON messages (channel, status);
CREATE INDEX messages_post_types ON messages (content_type, status, type)
    WHERE type = 'POST' AND content_type IS NOT NULL;

-- A file's size as the node held it when the STORE was processed; 0 for references stored before this version
-- (and on a node that keeps no files).
ALTER TABLE file_references ADD COLUMN size BIGINT NOT NULL DEFAULT 0;
CREATE INDEX file_references_owner_time ON file_references (owner, time, message_hash);

CREATE INDEX aggregates_last_revision_time ON aggregates (last_revision_time, key, owner);
CREATE INDEX aggregates_creation_time ON aggregates (creation_time, key, owner);

-- Who each security aggregate authorizes (the address of each object in its authorizations list), kept by the
-- writes of security aggregates, so that "who delegated to this address" is an index lookup, not a scan of JSON.
CREATE TABLE security_grantees (
    owner   TEXT NOT NULL,
    grantee TEXT NOT NULL,
    PRIMARY KEY (owner, grantee)
);
CREATE INDEX security_grantees_grantee ON security_grantees (grantee, owner);

-- The scoring posts' measurements, one row per node measured, in the post's order (list_index); measurements is a
-- JSON object of the values by name.
CREATE TABLE node_metrics (
    post_hash    TEXT             NOT NULL,
    list_index   INTEGER          NOT NULL,
    kind         TEXT             NOT NULL,
    node_id      TEXT             NOT NULL,
    measured_at  DOUBLE PRECISION NOT NULL,
    measurements TEXT             NOT NULL,
    PRIMARY KEY (post_hash, list_index)
);
CREATE INDEX node_metrics_node ON node_metrics (kind, node_id, measured_at);
