package org.phonecontroller.daemon.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.events.EventStore;
import org.phonecontroller.daemon.health.HealthState;
import org.phonecontroller.daemon.storage.Database;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.ServerAssignment;

/** What every supported database must do for the inventory; run on H2 and PostgreSQL by the subclasses. */
abstract class InventoryContract {

    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final ServerAssignment ON_PRIMARY = ServerAssignment.of(new ServerAddress("127.20.0.10", 5060),
            new ServerAddress("127.20.1.10", 5060));
    static final ServerAssignment ON_FALLBACK = ServerAssignment.of(new ServerAddress("127.20.1.10", 5060),
            new ServerAddress("127.20.0.10", 5060));

    PhoneInventory phones;
    RangeState ranges;
    PhoneManagerStates phoneManagers;
    EventStore events;

    abstract Database database();

    @BeforeEach
    void emptyTables() {
        var jdbc = database().jdbc();
        for (String table : new String[] {"phones", "ranges", "phone_managers", "events"}) {
            jdbc.update("DELETE FROM " + table);
        }
        phones = new PhoneInventory(jdbc);
        ranges = new RangeState(jdbc);
        phoneManagers = new PhoneManagerStates(jdbc);
        events = new EventStore(jdbc);
    }

    static PhoneIdentity phone(String address) throws Exception {
        return new PhoneIdentity(InetAddress.getByName(address), "polycom-rest", "Polycom", "VVX 450", "6.4.0",
                "00:04:f2:aa:bb:cc");
    }

    @Test
    void aPhoneClaimedByOneLiveNodeCannotBeClaimedByAnotherUntilReleased() throws Exception {
        database().jdbc().update("DELETE FROM qrtz_scheduler_state");
        for (String node : new String[] {"node-a", "node-b"}) {
            database().jdbc().update("INSERT INTO qrtz_scheduler_state (sched_name, instance_name,"
                    + " last_checkin_time, checkin_interval) VALUES ('PhoneController', ?, 0, 1000)", node);
        }
        phones.upsertDiscovered("floor-1", phone("127.20.16.1"), Optional.of(ON_PRIMARY), 1, T0);
        phones.aimRangeAt("floor-1", ON_FALLBACK, T0);
        Phone phone = phones.find(InetAddress.getByName("127.20.16.1")).orElseThrow();
        Instant until = T0.plusSeconds(600);

        assertThat(phones.claim(phone, ON_FALLBACK, "node-a", until, T0)).isTrue();
        assertThat(phones.claim(phone, ON_FALLBACK, "node-b", until, T0)).as("held by live node-a").isFalse();
        assertThat(phones.claim(phone, ON_FALLBACK, "node-a", until, T0)).as("node-a again").isTrue();
        phones.release(phone, "node-a");
        assertThat(phones.claim(phone, ON_FALLBACK, "node-b", until, T0)).as("released").isTrue();
        assertThat(phones.claim(phone, ON_FALLBACK, "node-a", until, until.plusMillis(1)))
                .as("node-b's lease ended").isTrue();
        database().jdbc().update("DELETE FROM qrtz_scheduler_state");
    }

    @Test
    void theClaimOfANodeThatLeftTheClusterIsTakenOver() throws Exception {
        database().jdbc().update("DELETE FROM qrtz_scheduler_state");
        database().jdbc().update("INSERT INTO qrtz_scheduler_state (sched_name, instance_name, last_checkin_time,"
                + " checkin_interval) VALUES ('PhoneController', 'node-b', 0, 1000)");
        phones.upsertDiscovered("floor-1", phone("127.20.16.1"), Optional.of(ON_PRIMARY), 1, T0);
        phones.aimRangeAt("floor-1", ON_FALLBACK, T0);
        Phone phone = phones.find(InetAddress.getByName("127.20.16.1")).orElseThrow();

        assertThat(phones.claim(phone, ON_FALLBACK, "node-dead", T0.plusSeconds(600), T0)).isTrue();
        assertThat(phones.claim(phone, ON_FALLBACK, "node-b", T0.plusSeconds(600), T0))
                .as("node-dead is not in QRTZ_SCHEDULER_STATE").isTrue();
        assertThat(phones.claim(phone, ON_PRIMARY, "node-b", T0.plusSeconds(600), T0))
                .as("a phone aiming elsewhere is not claimed").isFalse();
        database().jdbc().update("DELETE FROM qrtz_scheduler_state");
    }

    @Test
    void upsertsADiscoveredPhoneAndRefreshesItOnTheNextScan() throws Exception {
        phones.upsertDiscovered("floor-1", phone("127.20.16.1"), Optional.of(ON_PRIMARY), 1, T0);
        var updated = new PhoneIdentity(InetAddress.getByName("127.20.16.1"), "polycom-rest", "Polycom", "VVX 450",
                "6.5.0", "00:04:f2:aa:bb:cc");
        phones.upsertDiscovered("floor-1", updated, Optional.of(ON_FALLBACK), 2, T0.plusSeconds(60));

        Phone stored = phones.find(InetAddress.getByName("127.20.16.1")).orElseThrow();
        assertThat(stored.identity()).isEqualTo(updated);
        assertThat(stored.observed()).contains(ON_FALLBACK);
        assertThat(stored.lastSeen()).isEqualTo(T0.plusSeconds(60));
        assertThat(stored.presence()).isEqualTo(Presence.PRESENT);
        assertThat(stored.progress().state()).isEqualTo(PushState.NONE);
        assertThat(phones.all()).hasSize(1);
    }

    @Test
    void marksAPhoneMissingFromEnoughScansGoneWithoutDeletingIt() throws Exception {
        phones.upsertDiscovered("floor-1", phone("127.20.16.1"), Optional.empty(), 1, T0);
        phones.upsertDiscovered("floor-1", phone("127.20.16.2"), Optional.empty(), 1, T0);
        assertThat(phones.finishScan("floor-1", 1, 2)).isEmpty();

        for (long scan = 2; scan <= 3; scan++) {
            phones.upsertDiscovered("floor-1", phone("127.20.16.2"), Optional.empty(), scan, T0);
            var gone = phones.finishScan("floor-1", scan, 2);
            assertThat(gone).isEqualTo(scan == 3 ? java.util.List.of("127.20.16.1") : java.util.List.of());
        }
        assertThat(phones.ofRange("floor-1")).extracting(Phone::address, Phone::presence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("127.20.16.1", Presence.GONE),
                        org.assertj.core.groups.Tuple.tuple("127.20.16.2", Presence.PRESENT));

        phones.upsertDiscovered("floor-1", phone("127.20.16.1"), Optional.empty(), 4, T0);
        assertThat(phones.find(InetAddress.getByName("127.20.16.1")).orElseThrow().presence())
                .isEqualTo(Presence.PRESENT);
    }

    @Test
    void aimsARangeLargerThanOneSliceWholeAndLeavesTheOtherRangesAlone() throws Exception {
        int count = PhoneInventory.AIM_SLICE * 2 + 7;
        for (int i = 0; i < count; i++) {
            phones.upsertDiscovered("floor-1", phone("127.20." + (16 + i / 250) + "." + (1 + i % 250)),
                    Optional.of(ON_PRIMARY), 1, T0);
        }
        phones.upsertDiscovered("floor-2", phone("127.20.40.1"), Optional.of(ON_PRIMARY), 1, T0);

        assertThat(phones.aimRangeAt("floor-1", ON_FALLBACK, T0)).isEqualTo(count);

        assertThat(phones.progressCounts("floor-1", ON_FALLBACK)).isEqualTo(Map.of(PushState.PENDING, count));
        assertThat(phones.unfinished("floor-1", ON_FALLBACK)).hasSize(count);
        assertThat(phones.ofRange("floor-2")).singleElement()
                .satisfies(p -> assertThat(p.progress().desired()).isEmpty());
        assertThat(phones.aimRangeAt("floor-1", ON_FALLBACK, T0.plusSeconds(1))).isZero();
        assertThat(phones.aimRangeAt("floor-1", ON_PRIMARY, T0.plusSeconds(2))).isEqualTo(count);
    }

    @Test
    void keepsTheProgressOfAVerifiedPhoneWhenTheRangeIsAimedAtTheSameServersAgain() throws Exception {
        phones.upsertDiscovered("floor-1", phone("127.20.16.1"), Optional.of(ON_PRIMARY), 1, T0);
        phones.upsertDiscovered("floor-1", phone("127.20.16.2"), Optional.of(ON_PRIMARY), 1, T0);
        assertThat(phones.aimRangeAt("floor-1", ON_FALLBACK, T0)).isEqualTo(2);

        Phone first = phones.unfinished("floor-1", ON_FALLBACK).get(0);
        assertThat(phones.recordPushing(first, ON_FALLBACK, 1, T0)).isTrue();
        assertThat(phones.recordVerified(first, ON_FALLBACK, T0.plusSeconds(1))).isTrue();

        assertThat(phones.aimRangeAt("floor-1", ON_FALLBACK, T0.plusSeconds(2))).isZero();
        assertThat(phones.unfinished("floor-1", ON_FALLBACK)).extracting(Phone::address)
                .containsExactly("127.20.16.2");
        Phone verified = phones.find(first.identity().address()).orElseThrow();
        assertThat(verified.progress().state()).isEqualTo(PushState.VERIFIED);
        assertThat(verified.progress().attempts()).isEqualTo(1);
        assertThat(verified.observed()).contains(ON_FALLBACK);
        assertThat(phones.progressCounts("floor-1", ON_FALLBACK))
                .isEqualTo(Map.of(PushState.VERIFIED, 1, PushState.PENDING, 1));
    }

    @Test
    void ignoresProgressWrittenForServersTheRangeNoLongerWants() throws Exception {
        phones.upsertDiscovered("floor-1", phone("127.20.16.1"), Optional.of(ON_PRIMARY), 1, T0);
        phones.aimRangeAt("floor-1", ON_FALLBACK, T0);
        Phone stale = phones.unfinished("floor-1", ON_FALLBACK).get(0);
        phones.aimRangeAt("floor-1", ON_PRIMARY, T0.plusSeconds(1));

        assertThat(phones.recordVerified(stale, ON_FALLBACK, T0.plusSeconds(2))).isFalse();
        assertThat(phones.find(stale.identity().address()).orElseThrow().progress().state())
                .isEqualTo(PushState.PENDING);
    }

    @Test
    void storesDeferralFailureAndRetryOfAPhone() throws Exception {
        phones.upsertDiscovered("floor-1", phone("127.20.16.1"), Optional.of(ON_PRIMARY), 1, T0);
        phones.aimRangeAt("floor-1", ON_FALLBACK, T0);
        Phone p = phones.unfinished("floor-1", ON_FALLBACK).get(0);

        phones.recordDeferred(p, ON_FALLBACK, T0, "in a call", T0.plusSeconds(1));
        Phone deferred = phones.find(p.identity().address()).orElseThrow();
        assertThat(deferred.progress().state()).isEqualTo(PushState.DEFERRED);
        assertThat(deferred.progress().deferredSince()).isEqualTo(T0);
        assertThat(deferred.progress().lastError()).isEqualTo("in a call");

        phones.recordFailed(p, ON_FALLBACK, 4, "TIMEOUT: no answer", T0.plusSeconds(2));
        assertThat(phones.unfinished("floor-1", ON_FALLBACK)).isEmpty();
        assertThat(phones.retryFailed("floor-1", ON_FALLBACK, T0.plusSeconds(3))).isEqualTo(1);
        Phone retried = phones.unfinished("floor-1", ON_FALLBACK).get(0);
        assertThat(retried.progress().attempts()).isZero();
        assertThat(retried.progress().deferredSince()).isEqualTo(T0);
    }

    @Test
    void flipsARangeTargetOnlyWhenItChanges() {
        RangeTarget initial = ranges.ensure("floor-1", T0);
        assertThat(initial.desired()).isEqualTo(Target.PRIMARY);
        assertThat(ranges.ensure("floor-1", T0.plusSeconds(5)).changedAt()).isEqualTo(T0);

        assertThat(ranges.flip("floor-1", Target.FALLBACK, "primary pm-a DOWN", T0.plusSeconds(10))).isTrue();
        assertThat(ranges.flip("floor-1", Target.FALLBACK, "again", T0.plusSeconds(11))).isFalse();
        assertThat(ranges.find("floor-1")).contains(
                new RangeTarget("floor-1", Target.FALLBACK, "primary pm-a DOWN", false, T0.plusSeconds(10)));
        assertThat(ranges.all()).hasSize(1);
        ranges.flip("floor-1", Target.PRIMARY, "back", T0.plusSeconds(12));
        assertThat(ranges.flip("floor-1", Target.FALLBACK, "maintenance", true, T0.plusSeconds(13))).isTrue();
        assertThat(ranges.find("floor-1").orElseThrow().planned()).isTrue();
    }

    @Test
    void keepsThePhoneManagersHealthAndSinceWhen() {
        phoneManagers.save(new PhoneManagerState("pm-a", HealthState.UP, T0));
        phoneManagers.save(new PhoneManagerState("pm-a", HealthState.DOWN, T0.plus(Duration.ofMillis(1500))));
        phoneManagers.save(new PhoneManagerState("pm-b", HealthState.UP, T0));

        assertThat(phoneManagers.find("pm-a"))
                .contains(new PhoneManagerState("pm-a", HealthState.DOWN, T0.plus(Duration.ofMillis(1500))));
        assertThat(phoneManagers.all()).extracting(PhoneManagerState::name).containsExactly("pm-a", "pm-b");
    }

    @Test
    void appendsEventsAndReadsThemBackInOrder() {
        events.append(Event.ofPhoneManager(T0, EventKind.PHONE_MANAGER_DOWN, "pm-a", "3 probes missed"));
        events.append(Event.ofRange(T0.plusSeconds(1), EventKind.FAILOVER_STARTED, "floor-1", "to pm-b"));
        events.append(Event.ofPhone(T0.plusSeconds(2), EventKind.PHONE_REPROGRAMMED, "floor-1", "127.20.16.1",
                "pm-b", "verified"));

        var all = events.since(T0, 100);
        assertThat(all).extracting(s -> s.event().kind()).containsExactly(EventKind.PHONE_MANAGER_DOWN,
                EventKind.FAILOVER_STARTED, EventKind.PHONE_REPROGRAMMED);
        assertThat(all.get(2).event()).isEqualTo(Event.ofPhone(T0.plusSeconds(2), EventKind.PHONE_REPROGRAMMED,
                "floor-1", "127.20.16.1", "pm-b", "verified"));
        assertThat(events.since(T0.plusSeconds(1), 100)).hasSize(2);
        assertThat(events.after(all.get(0).id(), 1)).extracting(s -> s.event().kind())
                .containsExactly(EventKind.FAILOVER_STARTED);
    }
}
