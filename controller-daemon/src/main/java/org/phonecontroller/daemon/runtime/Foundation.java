package org.phonecontroller.daemon.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.phonecontroller.daemon.adapters.ProbeFactory;
import org.phonecontroller.daemon.adapters.ProtocolFactory;
import org.phonecontroller.daemon.events.EventLog;
import org.phonecontroller.daemon.inventory.PhoneInventory;
import org.phonecontroller.daemon.inventory.PhoneManagerStates;
import org.phonecontroller.daemon.inventory.RangeState;
import org.phonecontroller.daemon.jobs.Jobs;
import org.phonecontroller.daemon.time.TimeSource;

/**
 * What lives as long as the daemon process and every {@link DaemonRuntime} is built on: time, the adapters that reach
 * the network, the event log, the inventory's tables and the job scheduler (storage and admin settings take effect
 * at the next start). A runtime receives it whole; it never reaches into another runtime.
 *
 * @param somethingHappened raised after every event; the sweep looks for unfinished work when it is
 * @param clustered         true when the database is shared with other nodes (PostgreSQL)
 * @param sweepEvery        how often the level-triggered checks run
 * @param dataSource        the database (cluster mode: the push budget shared by every node lives there)
 * @param scanLocks         one per range: two scans of a range never run at once, even across a reload
 * @param protocols         builds the phone protocols other than {@code provisioning:<profile>}, which each runtime
 *                          builds from its own configuration of {@code provisioning}
 * @param provisioning      the provisioning server, when configured (its listen address and TLS take effect at
 *                          the next start, like admin's; its ranges, credentials and source with each runtime; it
 *                          asks the inventory for each range's target)
 */
record Foundation(TimeSource time, ProbeFactory probes, ProtocolFactory protocols, EventLog events,
                  PhoneInventory inventory, RangeState ranges, PhoneManagerStates phoneManagerStates, Jobs jobs,
                  boolean clustered, AtomicBoolean somethingHappened, Duration sweepEvery,
                  javax.sql.DataSource dataSource, org.phonecontroller.daemon.discovery.RangeScanLocks scanLocks,
                  Optional<org.phonecontroller.daemon.provisioning.Provisioning> provisioning) {
}
