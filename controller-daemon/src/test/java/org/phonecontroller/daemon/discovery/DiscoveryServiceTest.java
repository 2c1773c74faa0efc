package org.phonecontroller.daemon.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.phonecontroller.protocols.sweep.SweepHit;
import org.phonecontroller.protocols.sweep.SweepKind;
import org.phonecontroller.protocols.sweep.SweepPlan;
import org.phonecontroller.protocols.sweep.SweepStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.failover.PhoneManagerRef;
import org.phonecontroller.daemon.failover.RangePlan;
import org.phonecontroller.daemon.inventory.Phone;
import org.phonecontroller.daemon.inventory.PhoneInventory;
import org.phonecontroller.daemon.inventory.Presence;
import org.phonecontroller.daemon.storage.Database;
import org.phonecontroller.daemon.testing.FakePhones;
import org.phonecontroller.daemon.testing.FakeTime;
import org.phonecontroller.daemon.testing.RecordingEvents;
import org.phonecontroller.daemon.testing.ScriptedSweep;
import org.phonecontroller.daemon.testing.TestDatabases;
import org.phonecontroller.protocols.CallState;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.PhoneProtocolException;
import org.phonecontroller.protocols.PushResult;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.ServerAssignment;
import org.phonecontroller.ranges.IpRange;

/**
 * The daemon's scans over the discovery pipeline, with a scripted sweep step (which addresses answer) in front of
 * fake protocols; the real sweep over real sockets and real silence is proven in phone-protocols' sweep tests and
 * in integration-tests' {@code SparseBlockDiscoveryTest}.
 */
class DiscoveryServiceTest {

    static final PhoneManagerRef PM_A = new PhoneManagerRef("pm-a", new ServerAddress("127.20.0.10", 5060));
    static final PhoneManagerRef PM_B = new PhoneManagerRef("pm-b", new ServerAddress("127.20.1.10", 5060));
    static final ServerAssignment ON_A = ServerAssignment.of(PM_A.address());

    @TempDir
    Path folder;
    Database database;
    PhoneInventory inventory;
    final FakeTime time = new FakeTime();
    final RecordingEvents events = new RecordingEvents();

    /** A protocol that answers nothing, but remembers every address it was asked. */
    static final class SilentProtocol implements PhoneProtocol {
        final Set<String> asked = ConcurrentHashMap.newKeySet();
        final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        final String name;
        final FailureReason refusal;

        SilentProtocol(String name, FailureReason refusal) {
            this.name = name;
            this.refusal = refusal;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public CompletableFuture<Optional<PhoneIdentity>> identify(InetAddress address) {
            asked.add(address.getHostAddress());
            calls.incrementAndGet();
            return refusal == null ? CompletableFuture.completedFuture(Optional.empty())
                    : CompletableFuture.failedFuture(new PhoneProtocolException(refusal, "scripted"));
        }

        @Override
        public CompletableFuture<ServerAssignment> readAssignment(PhoneIdentity phone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<PushResult> assign(PhoneIdentity phone, ServerAssignment assignment) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<CallState> callState(PhoneIdentity phone) {
            throw new UnsupportedOperationException();
        }
    }

    @BeforeEach
    void setUp() {
        database = TestDatabases.h2(folder);
        inventory = new PhoneInventory(database.jdbc());
    }

    @AfterEach
    void close() {
        database.close();
    }

    final ScriptedSweep sweep = new ScriptedSweep();
    final RangeScanLocks locks = new RangeScanLocks();

    DiscoveryService discovery(int ratePerSecond, int retries) {
        return discovery(ratePerSecond, retries, 2);
    }

    DiscoveryService discovery(int ratePerSecond, int retries, int missedScansBeforeGone) {
        var policy = new ScanPolicy(ratePerSecond, 64, retries, missedScansBeforeGone, Duration.ofSeconds(5),
                Duration.ofMillis(700));
        return new DiscoveryService(inventory, policy, time, events, new DiscoveryPipeline(sweep, policy.sweep()),
                locks);
    }

    @Test
    void sweepsOnlyTheConfiguredAddressesAndIdentifiesOnlyThoseThatAnsweredWithTheProtocolsInOrder()
            throws Exception {
        var first = new SilentProtocol("snmp:sip-ua-generic", null);
        var phones = new FakePhones("polycom-rest", time);
        phones.add("127.20.16.5", ON_A);
        phones.add("127.20.16.9", ON_A);
        phones.add("127.20.17.1", ON_A); // outside the range: must never be asked
        sweep.answer("127.20.16.5", "127.20.16.9", "127.20.17.1");
        var range = new RangePlan("floor-1", List.of(IpRange.parse("127.20.16.1-127.20.16.20"),
                IpRange.parse("127.20.16.100")), PM_A, PM_B, List.of(first, phones));

        ScanReport report = discovery(100_000, 0).scan(range, ScanProgress.NONE);

        assertThat(report.swept()).isEqualTo(21);
        assertThat(report.found()).isEqualTo(2);
        assertThat(sweep.plans).singleElement().satisfies(plan -> {
            assertThat(plan.spans()).extracting(Object::toString)
                    .containsExactly("127.20.16.1-127.20.16.20", "127.20.16.100");
            // snmp:* without a v2c community: the SNMPv3 engine-discovery request (an empty community)
            assertThat(plan.kinds()).containsExactlyInAnyOrder(SweepKind.SNMP, SweepKind.TCP);
        });
        assertThat(first.asked).containsExactlyInAnyOrder("127.20.16.5", "127.20.16.9");
        assertThat(inventory.ofRange("floor-1")).extracting(Phone::address, p -> p.identity().protocol(),
                        Phone::observed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("127.20.16.5", "polycom-rest", Optional.of(ON_A)),
                        org.assertj.core.groups.Tuple.tuple("127.20.16.9", "polycom-rest", Optional.of(ON_A)));
        assertThat(events.ofKind(EventKind.PHONE_DISCOVERED)).hasSize(2);
        assertThat(events.ofKind(EventKind.SCAN_COMPLETED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("2 phone(s) found"));
    }

    @Test
    void sweepsAtTheConfiguredRateWithTheRetriesAndTimeoutOfTheScanSettings() throws Exception {
        var range = new RangePlan("floor-1", List.of(IpRange.parse("127.20.16.0/24")), PM_A, PM_B,
                List.of(new SilentProtocol("snmp:sip-ua-generic", null)));

        discovery(50, 2).scan(range, ScanProgress.NONE);

        assertThat(sweep.plans).singleElement().satisfies(plan -> {
            assertThat(plan.ratePerSecond()).isEqualTo(50);
            assertThat(plan.retries()).isEqualTo(2);
            assertThat(plan.timeout()).isEqualTo(Duration.ofMillis(700));
        });
    }

    /** Issue #12 item 5: scan.retries was applied by the scan and again by each adapter, (r+1)² asks. */
    @Test
    void retriesASilentAddressOnlyInTheSweepNeverByAskingItAgainWithTheProtocols() throws Exception {
        var counting = new SilentProtocol("fake", null);
        var range = new RangePlan("floor-1", List.of(IpRange.parse("127.20.16.1")), PM_A, PM_B, List.of(counting));

        discovery(1000, 2).scan(range, ScanProgress.NONE);

        assertThat(sweep.plans).singleElement().satisfies(plan -> assertThat(plan.retries()).isEqualTo(2));
        assertThat(counting.calls.get()).as("a silent address is never handed to the protocols").isZero();
    }

    @Test
    void countsAnAddressThatRefusesEveryProtocolWithoutStoringIt() throws Exception {
        var refusing = new SilentProtocol("snmp:cisco-sip-ua", FailureReason.AUTH_FAILED);
        sweep.answer("127.20.16.1", "127.20.16.2", "127.20.16.3");
        var range = new RangePlan("floor-1", List.of(IpRange.parse("127.20.16.1-127.20.16.3")), PM_A, PM_B,
                List.of(refusing));

        ScanReport report = discovery(1000, 1).scan(range, ScanProgress.NONE);

        assertThat(report.refused()).isEqualTo(3);
        assertThat(inventory.ofRange("floor-1")).isEmpty();
    }

    @Test
    void anAddressAnsweringGarbageIsNotAPhoneNeitherStoredNorCountedAsRefused() throws Exception {
        var garbled = new SilentProtocol("snmp:cisco-sip-ua", FailureReason.MALFORMED_REPLY);
        sweep.answer("127.20.16.1");
        var range = new RangePlan("floor-1", List.of(IpRange.parse("127.20.16.1")), PM_A, PM_B, List.of(garbled));

        ScanReport report = discovery(1000, 1).scan(range, ScanProgress.NONE);

        assertThat(report.found()).isZero();
        assertThat(report.refused()).isZero();
        assertThat(inventory.ofRange("floor-1")).isEmpty();
        assertThat(events.ofKind(EventKind.SCAN_COMPLETED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("1 answered", "1 not a phone"));
    }

    @Test
    void marksAPhoneMissingFromEnoughScansGoneAndKeepsIt() throws Exception {
        var phones = new FakePhones("fake", time);
        phones.add("127.20.16.1", ON_A);
        phones.add("127.20.16.2", ON_A);
        sweep.answer("127.20.16.1", "127.20.16.2");
        var range = new RangePlan("floor-1", List.of(IpRange.parse("127.20.16.1-127.20.16.2")), PM_A, PM_B,
                List.of(phones));
        var discovery = discovery(1000, 0);
        discovery.scan(range, ScanProgress.NONE);

        sweep.answering.remove("127.20.16.2");
        time.advance(Duration.ofMinutes(1));
        assertThat(discovery.scan(range, ScanProgress.NONE).gone()).isEmpty();
        time.advance(Duration.ofMinutes(1));
        assertThat(discovery.scan(range, ScanProgress.NONE).gone()).containsExactly("127.20.16.2");

        assertThat(inventory.ofRange("floor-1")).extracting(Phone::presence)
                .containsExactly(Presence.PRESENT, Presence.GONE);
        assertThat(events.ofKind(EventKind.PHONE_GONE)).singleElement()
                .satisfies(e -> assertThat(e.phone()).isEqualTo("127.20.16.2"));
    }

    /**
     * Issue #12 item 4: the hourly scan, a requested scan and failback's rescan are different jobs; at once they
     * counted each other's finds as misses, and with missedScansBeforeGone 1 present phones became GONE.
     */
    @Test
    void twoScansOfOneRangeAskedAtOnceRunOneAfterTheOtherAndMarkNoPresentPhoneGone() throws Exception {
        var phones = new FakePhones("fake", time);
        phones.add("127.20.16.1", ON_A);
        phones.add("127.20.16.2", ON_A);
        sweep.answer("127.20.16.1", "127.20.16.2");
        var range = new RangePlan("floor-1", List.of(IpRange.parse("127.20.16.1-127.20.16.2")), PM_A, PM_B,
                List.of(phones));
        var hourly = discovery(1000, 0, 1);
        var requested = discovery(1000, 0, 1); // another job, another instance: the locks are the daemon's
        hourly.scan(range, ScanProgress.NONE);

        var sweeping = new AtomicInteger();
        var mostAtOnce = new AtomicInteger();
        var bothAsked = new CountDownLatch(2);
        sweep.duringSweep = () -> {
            mostAtOnce.accumulateAndGet(sweeping.incrementAndGet(), Math::max);
            bothAsked.countDown();
            try {
                bothAsked.await(300, TimeUnit.MILLISECONDS); // at once, the other sweep would arrive here meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sweeping.decrementAndGet();
        };
        var reports = new CopyOnWriteArrayList<ScanReport>();
        Thread a = Thread.ofVirtual().start(() -> reports.add(scanQuietly(hourly, range)));
        Thread b = Thread.ofVirtual().start(() -> reports.add(scanQuietly(requested, range)));
        a.join();
        b.join();

        assertThat(mostAtOnce.get()).isEqualTo(1);
        assertThat(reports).hasSize(2).allSatisfy(r -> {
            assertThat(r.found()).isEqualTo(2);
            assertThat(r.gone()).isEmpty();
        });
        assertThat(inventory.ofRange("floor-1")).extracting(Phone::presence)
                .containsExactly(Presence.PRESENT, Presence.PRESENT);
    }

    private static ScanReport scanQuietly(DiscoveryService discovery, RangePlan range) {
        try {
            return discovery.scan(range, ScanProgress.NONE);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void failbacksRescanConfirmsTheKnownPhonesBeforeItsSweepAndFindsNewcomersBesideIt() throws Exception {
        var phones = new FakePhones("fake", time);
        phones.add("127.20.16.1", ON_A);
        phones.add("127.20.16.2", ON_A);
        sweep.answer("127.20.16.1", "127.20.16.2");
        var range = new RangePlan("floor-1", List.of(IpRange.parse("127.20.16.0/28")), PM_A, PM_B, List.of(phones));
        var discovery = discovery(1000, 0);
        discovery.scan(range, ScanProgress.NONE);
        phones.add("127.20.16.9", ON_A); // a newcomer
        sweep.answer("127.20.16.9");

        var confirmed = new CopyOnWriteArrayList<String>();
        var confirmedBeforeTheSweepEnded = new CopyOnWriteArrayList<String>();
        var sweepEnded = new java.util.concurrent.atomic.AtomicBoolean();
        sweep.duringSweep = () -> {
            // the sweep of the rescan does not end before the known phones were confirmed: they do not wait for it
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(confirmed).hasSize(2));
            sweepEnded.set(true);
        };
        ScanReport report = discovery.rescanKnownFirst(range, ScanProgress.NONE, address -> {
            confirmed.add(address);
            if (!sweepEnded.get()) {
                confirmedBeforeTheSweepEnded.add(address);
            }
        });

        assertThat(confirmedBeforeTheSweepEnded).containsExactlyInAnyOrder("127.20.16.1", "127.20.16.2");
        assertThat(confirmed).containsExactlyInAnyOrder("127.20.16.1", "127.20.16.2", "127.20.16.9");
        assertThat(report.found()).isEqualTo(3);
        assertThat(inventory.ofRange("floor-1")).hasSize(3);
    }
}
