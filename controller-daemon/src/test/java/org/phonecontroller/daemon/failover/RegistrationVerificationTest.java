package org.phonecontroller.daemon.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.config.BusyPolicy;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.inventory.Phone;
import org.phonecontroller.daemon.inventory.PhoneInventory;
import org.phonecontroller.daemon.inventory.PushState;
import org.phonecontroller.daemon.inventory.RangeState;
import org.phonecontroller.daemon.inventory.Target;
import org.phonecontroller.daemon.storage.Database;
import org.phonecontroller.daemon.testing.FakePhones;
import org.phonecontroller.daemon.testing.FakeTime;
import org.phonecontroller.daemon.testing.RecordingEvents;
import org.phonecontroller.daemon.testing.TestDatabases;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.ranges.IpRange;

/**
 * Where the target PhoneManager has a registrar view, a phone is verified once it is registered there: read-back
 * alone is APPLIED, a phone that never registers is FAILED NOT_REGISTERED, and an unknown view fails nobody.
 */
class RegistrationVerificationTest {

    static final PhoneManagerRef PM_A = new PhoneManagerRef("pm-a", new ServerAddress("127.68.0.10", 5060));
    static final PhoneManagerRef PM_B = new PhoneManagerRef("pm-b", new ServerAddress("127.68.1.10", 5060));
    static final String RANGE = "floor-1";
    static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path folder;
    Database database;
    PhoneInventory inventory;
    RangeState ranges;
    final FakeTime time = new FakeTime();
    final RecordingEvents events = new RecordingEvents();
    FakePhones phones;
    final FakeRegistrar registrar = new FakeRegistrar();

    /**
     * pm-b's registrar view: a phone is registered there once it holds pm-b first and {@code registersAfter} has passed
     * since it got it, unless it never registers; the view is read "now" unless it is unknown.
     */
    final class FakeRegistrar implements Registrations {
        final Set<String> neverRegisters = ConcurrentHashMap.newKeySet();
        final java.util.Map<String, Instant> gotPmBAt = new ConcurrentHashMap<>();
        volatile Duration registersAfter = Duration.ofSeconds(5);
        volatile boolean unknown;

        @Override
        public boolean hasView(String phoneManager) {
            return phoneManager.equals("pm-b");
        }

        @Override
        public Registration lookup(String phoneManager, String address) {
            if (!hasView(phoneManager) || unknown) {
                return Registration.UNKNOWN;
            }
            var servers = phones.serversByPhone().get(address);
            if (servers == null || !servers.target().equals(PM_B.address()) || neverRegisters.contains(address)) {
                gotPmBAt.remove(address);
                return Registration.NOT_REGISTERED;
            }
            Instant since = gotPmBAt.computeIfAbsent(address, a -> time.now());
            return time.now().isBefore(since.plus(registersAfter)) ? Registration.NOT_REGISTERED
                    : Registration.REGISTERED;
        }

        @Override
        public Optional<Instant> knownAt(String phoneManager) {
            return hasView(phoneManager) && !unknown ? Optional.of(time.now()) : Optional.empty();
        }

        @Override
        public Duration deadline(String phoneManager) {
            return DEADLINE;
        }

        @Override
        public Duration patience(String phoneManager) {
            return Duration.ofSeconds(8);
        }
    }

    @BeforeEach
    void world() {
        database = TestDatabases.h2(folder);
        inventory = new PhoneInventory(database.jdbc());
        ranges = new RangeState(database.jdbc());
        phones = new FakePhones("fake", time);
    }

    @AfterEach
    void close() {
        database.close();
    }

    RangePlan plan(boolean requireRegistration) {
        return new RangePlan(RANGE, List.of(IpRange.parse("127.68.16.0/24")), PM_A, PM_B, List.of(phones),
                requireRegistration);
    }

    FailoverReconciler reconciler() {
        var policy = new FailoverPolicy(8, 1000, BusyPolicy.DEFER, Duration.ofSeconds(10),
                new FailoverPolicy.RetrySettings(3, Duration.ofMillis(200), Duration.ofSeconds(2), 0.25),
                Duration.ofSeconds(1), Duration.ofSeconds(5));
        return new FailoverReconciler(inventory, ranges, policy, time, events, () -> false, () -> "single-node",
                false, registrar);
    }

    List<String> phonesOnPrimaryAfterFailover(RangePlan plan, int n) throws Exception {
        List<String> addresses = FakePhones.addresses("127.68.16.", n);
        for (String address : addresses) {
            phones.add(address, plan.assignmentFor(Target.PRIMARY));
            inventory.upsertDiscovered(RANGE, new PhoneIdentity(InetAddress.getByName(address), "fake", "Fake", "F1",
                    "1.0", ""), Optional.of(plan.assignmentFor(Target.PRIMARY)), 1, time.now());
        }
        ranges.ensure(RANGE, time.now());
        ranges.flip(RANGE, Target.FALLBACK, "primary pm-a DOWN", time.now());
        return addresses;
    }

    PushState state(String address) throws Exception {
        return inventory.find(InetAddress.getByName(address)).map(p -> p.progress().state()).orElseThrow();
    }

    Phone stored(String address) throws Exception {
        return inventory.find(InetAddress.getByName(address)).orElseThrow();
    }

    @Test
    void verifiesPhonesOnlyOnceTheTargetsRegistrarListsThemAndFailsThoseThatNeverRegister() throws Exception {
        RangePlan plan = plan(true);
        List<String> addresses = phonesOnPrimaryAfterFailover(plan, 10);
        registrar.neverRegisters.addAll(addresses.subList(0, 2));

        ReconcileReport report = reconciler().reconcile(plan, ReconcileProgress.NONE);

        assertThat(report.verified()).isEqualTo(8);
        assertThat(report.pushed()).isEqualTo(10);
        assertThat(report.failed()).extracting(ReconcileReport.PhoneProblem::phone)
                .containsExactlyElementsOf(addresses.subList(0, 2));
        assertThat(report.failed()).allSatisfy(p -> assertThat(p.reason()).startsWith("NOT_REGISTERED")
                .contains("pm-b", "SIP account"));
        for (String a : addresses.subList(2, 10)) {
            assertThat(state(a)).isEqualTo(PushState.VERIFIED);
        }
        assertThat(time.elapsed()).isGreaterThanOrEqualTo(DEADLINE);
        assertThat(events.ofKind(EventKind.PHONE_REPROGRAMMED)).hasSize(8)
                .allSatisfy(e -> assertThat(e.detail()).contains("registered at pm-b"));
        assertThat(events.ofKind(EventKind.FAILOVER_COMPLETED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("8 registered at pm-b"));
    }

    @Test
    void anUnknownViewNeverFailsAPhoneAsNotRegistered() throws Exception {
        RangePlan plan = plan(true);
        List<String> addresses = phonesOnPrimaryAfterFailover(plan, 3);
        registrar.unknown = true;

        ReconcileReport report = reconciler().reconcile(plan, ReconcileProgress.NONE);

        assertThat(report.failed()).isEmpty();
        assertThat(report.verified()).isZero();
        for (String a : addresses) {
            assertThat(state(a)).isEqualTo(PushState.APPLIED);
        }
        assertThat(events.ofKind(EventKind.PHONE_FAILED)).isEmpty();
        assertThat(events.ofKind(EventKind.FAILOVER_COMPLETED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("registrar view of pm-b unknown"));
    }

    @Test
    void readBackAloneVerifiesWhereTheRangeDoesNotRequireRegistration() throws Exception {
        RangePlan plan = plan(false);
        List<String> addresses = phonesOnPrimaryAfterFailover(plan, 3);
        registrar.neverRegisters.addAll(addresses);

        ReconcileReport report = reconciler().reconcile(plan, ReconcileProgress.NONE);

        assertThat(report.verified()).isEqualTo(3);
        assertThat(time.elapsed()).isLessThan(DEADLINE);
    }

    @Test
    void anAppliedPhoneStoredBeforeARestartIsVerifiedByTheNextRunWithoutAnotherPush() throws Exception {
        RangePlan plan = plan(true);
        String address = phonesOnPrimaryAfterFailover(plan, 1).get(0);
        var desired = plan.assignmentFor(Target.FALLBACK);
        phones.phone(address); // the phone got pm-b before the crash
        phones.add(address, desired);
        inventory.aimRangeAt(RANGE, desired, time.now());
        assertThat(inventory.recordApplied(stored(address), desired, time.now())).isTrue();
        assertThat(inventory.needsWork(RANGE, desired, time.now().minusSeconds(60), true,
                time.now().minus(DEADLINE))).isTrue();

        ReconcileReport report = reconciler().reconcile(plan, ReconcileProgress.NONE);

        assertThat(state(address)).isEqualTo(PushState.VERIFIED);
        assertThat(report.pushed()).isZero();
        assertThat(phones.pushes()).isEmpty();
        assertThat(inventory.needsWork(RANGE, desired, time.now().minusSeconds(60), true,
                time.now().minus(DEADLINE))).isFalse();
    }
}
