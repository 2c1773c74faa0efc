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

    DiscoveryService discovery(int ratePerSecond, int retries) {
        return new DiscoveryService(inventory, new ScanPolicy(ratePerSecond, 64, retries, 2, Duration.ofSeconds(5)),
                time, events);
    }

    @Test
    void findsThePhonesOfTheRangeWithItsProtocolsInOrderAndOnlyAsksConfiguredAddresses() throws Exception {
        var first = new SilentProtocol("snmp:sip-ua-generic", null);
        var phones = new FakePhones("polycom-rest", time);
        phones.add("127.20.16.5", ON_A);
        phones.add("127.20.16.9", ON_A);
        phones.add("127.20.17.1", ON_A); // outside the range: must never be asked
        var range = new RangePlan("floor-1", List.of(IpRange.parse("127.20.16.1-127.20.16.20"),
                IpRange.parse("127.20.16.100")), PM_A, PM_B, List.of(first, phones));

        ScanReport report = discovery(100_000, 0).scan(range, ScanProgress.NONE);

        assertThat(report.swept()).isEqualTo(21);
        assertThat(report.found()).isEqualTo(2);
        assertThat(first.asked).hasSize(21).contains("127.20.16.100").doesNotContain("127.20.17.1");
        assertThat(inventory.ofRange("floor-1")).extracting(Phone::address, p -> p.identity().protocol(),
                        Phone::observed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("127.20.16.5", "polycom-rest", Optional.of(ON_A)),
                        org.assertj.core.groups.Tuple.tuple("127.20.16.9", "polycom-rest", Optional.of(ON_A)));
        assertThat(events.ofKind(EventKind.PHONE_DISCOVERED)).hasSize(2);
        assertThat(events.ofKind(EventKind.SCAN_COMPLETED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("2 phone(s) found"));
    }

    @Test
    void keepsToTheConfiguredRate() throws Exception {
        var silent = new SilentProtocol("snmp:sip-ua-generic", null);
        var range = new RangePlan("floor-1", List.of(IpRange.parse("127.20.16.0/24")), PM_A, PM_B, List.of(silent));

        discovery(50, 0).scan(range, ScanProgress.NONE);

        // 256 addresses at 50/s with a burst of 5: at least (256 - 5) / 50 s of (fake) time
        assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(251 * 20));
    }

    @Test
    void asksASilentAddressAgainUpToTheRetries() throws Exception {
        var counting = new SilentProtocol("fake", null);
        var range = new RangePlan("floor-1", List.of(IpRange.parse("127.20.16.1")), PM_A, PM_B, List.of(counting));

        discovery(1000, 2).scan(range, ScanProgress.NONE);

        assertThat(counting.calls.get()).isEqualTo(3);
    }

    @Test
    void countsAnAddressThatRefusesEveryProtocolWithoutStoringIt() throws Exception {
        var refusing = new SilentProtocol("snmp:cisco-sip-ua", FailureReason.AUTH_FAILED);
        var range = new RangePlan("floor-1", List.of(IpRange.parse("127.20.16.1-127.20.16.3")), PM_A, PM_B,
                List.of(refusing));

        ScanReport report = discovery(1000, 1).scan(range, ScanProgress.NONE);

        assertThat(report.refused()).isEqualTo(3);
        assertThat(inventory.ofRange("floor-1")).isEmpty();
    }

    @Test
    void marksAPhoneMissingFromEnoughScansGoneAndKeepsIt() throws Exception {
        var phones = new FakePhones("fake", time);
        phones.add("127.20.16.1", ON_A);
        phones.add("127.20.16.2", ON_A);
        var range = new RangePlan("floor-1", List.of(IpRange.parse("127.20.16.1-127.20.16.2")), PM_A, PM_B,
                List.of(phones));
        var discovery = discovery(1000, 0);
        discovery.scan(range, ScanProgress.NONE);

        var withoutOne = new FakePhones("fake", time);
        withoutOne.add("127.20.16.1", ON_A);
        var later = new RangePlan("floor-1", range.addresses(), PM_A, PM_B, List.of(withoutOne));
        time.advance(Duration.ofMinutes(1));
        assertThat(discovery.scan(later, ScanProgress.NONE).gone()).isEmpty();
        time.advance(Duration.ofMinutes(1));
        assertThat(discovery.scan(later, ScanProgress.NONE).gone()).containsExactly("127.20.16.2");

        assertThat(inventory.ofRange("floor-1")).extracting(Phone::presence)
                .containsExactly(Presence.PRESENT, Presence.GONE);
        assertThat(events.ofKind(EventKind.PHONE_GONE)).singleElement()
                .satisfies(e -> assertThat(e.phone()).isEqualTo("127.20.16.2"));
    }
}
