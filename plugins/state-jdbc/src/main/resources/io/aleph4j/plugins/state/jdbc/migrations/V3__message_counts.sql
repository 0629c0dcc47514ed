-- Message counts per dimension value and status, kept by the pipeline's transactions, so that a page's total for a
-- one-dimension filter (a channel, a content type, a tag, a sender...) is a lookup, not a COUNT over the matches.
-- dimension '' with value '' counts every message. Filled here from the messages already stored.
CREATE TABLE message_counts (
    dimension TEXT   NOT NULL,
    value     TEXT   NOT NULL,
    status    TEXT   NOT NULL,
    count     BIGINT NOT NULL,
    PRIMARY KEY (dimension, value, status)
);
INSERT INTO message_counts (dimension, value, status, count)
    SELECT '', '', status, COUNT(*) FROM messages GROUP BY status;
INSERT INTO message_counts (dimension, value, status, count)
    SELECT 'type', type, status, COUNT(*) FROM messages GROUP BY type, status;
INSERT INTO message_counts (dimension, value, status, count)
    SELECT 'chain', chain, status, COUNT(*) FROM messages GROUP BY chain, status;
INSERT INTO message_counts (dimension, value, status, count)
    SELECT 'sender', sender, status, COUNT(*) FROM messages GROUP BY sender, status;
INSERT INTO message_counts (dimension, value, status, count)
    SELECT 'owner', owner, status, COUNT(*) FROM messages WHERE owner IS NOT NULL GROUP BY owner, status;
INSERT INTO message_counts (dimension, value, status, count)
    SELECT 'channel', channel, status, COUNT(*) FROM messages WHERE channel IS NOT NULL GROUP BY channel, status;
INSERT INTO message_counts (dimension, value, status, count)
    SELECT 'content_type', content_type, status, COUNT(*) FROM messages WHERE content_type IS NOT NULL
    GROUP BY content_type, status;
INSERT INTO message_counts (dimension, value, status, count)
    SELECT 'tag', t.tag, m.status, COUNT(*) FROM message_tags t JOIN messages m ON m.item_hash = t.item_hash
    GROUP BY t.tag, m.status;
