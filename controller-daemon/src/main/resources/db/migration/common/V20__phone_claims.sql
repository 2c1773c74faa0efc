-- Cluster mode: a node claims a phone before it reprograms it, so two nodes never push the same phone at once.
-- A claim is void once its lease ends or once its node left QRTZ_SCHEDULER_STATE (Quartz removes a dead node's row
-- when another node recovers its jobs), so a survivor takes over the phones a dead node had in flight at once.
ALTER TABLE phones ADD COLUMN claimed_by VARCHAR(200);
ALTER TABLE phones ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
