-- Issue #17: the phones are indexed by range only. push_state changes with every progress write of a failover
-- (PUSHING, VERIFIED, ...), and an index holding it made each of those writes also remove and add an index entry:
-- on H2 about half the cost of the UPDATE (JFR, 10,000-phone failover). Every query by range reads the range's rows
-- through this index and filters the state in memory, as the old index's range prefix did for most of them.
DROP INDEX phones_range_state;
CREATE INDEX phones_range ON phones (range_name);
