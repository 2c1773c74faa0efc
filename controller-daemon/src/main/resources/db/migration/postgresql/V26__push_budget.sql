-- Cluster mode: the push budget per target PhoneManager, one Bucket4j token bucket per row shared by every node
-- (Bucket4j's PostgreSQL "select for update" proxy manager: id, serialized state, expiry). H2 is single-node and
-- keeps its buckets in memory.
CREATE TABLE push_budget (
    id          VARCHAR(200) NOT NULL PRIMARY KEY,
    state       BYTEA,
    expires_at  BIGINT
);
