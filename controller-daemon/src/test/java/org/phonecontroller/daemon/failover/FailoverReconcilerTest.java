package org.phonecontroller.daemon.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CompletableFuture;
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
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.ranges.IpRange;

class FailoverReconcilerTest {

    static final PhoneManagerRef PM_A = new PhoneManagerRef("pm-a", new ServerAddress("127.20.0.10", 5060));
    static final PhoneManagerRef PM_B = new PhoneManagerRef("pm-b", new ServerAddress("127.20.1.10", 5060));
    static final String RANGE = "floor-1";

    @TempDir
    Path folder;
    Database database;
    PhoneInventory inventory;
    RangeState ranges;
    final FakeTime time = new FakeTime();
    final RecordingEvents events = new RecordingEvents();
    final AtomicBoolean isolated = new AtomicBoolean();
    FakePhones phones;
    RangePlan plan;

    @BeforeEach
    void world() {
        database = TestDatabases.h2(folder);
        inventory = new PhoneInventory(database.jdbc());
        ranges = new RangeState(database.jdbc());
        phones = new FakePhones("fake", time);
        plan = new RangePlan(RANGE, List.of(IpRange.parse("127.20.16.0/24")), PM_A, PM_B, List.of(phones));
    }

    @AfterEach
    void close() {
        database.close();
    }

    FailoverPolicy policy(int maxInFlight, int maxPerSecond, int maxAttempts) {
        return new FailoverPolicy(maxInFlight, maxPerSecond, BusyPolicy.DEFER, Duration.ofSeconds(10),
                new FailoverPolicy.RetrySettings(maxAttempts, Duration.ofMillis(200), Duration.ofSeconds(2), 0.25),
                Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    FailoverReconciler reconciler(FailoverPolicy policy) {
        return new FailoverReconciler(inventory, ranges, policy, time, events, isolated::get);
    }

    /** Phones on the primary, known to the inventory as a scan found them; the range failed over. */
    List<String> phonesOnPrimaryAfterFailover(int n) throws Exception {
        List<String> addresses = FakePhones.addresses("127.20.16.", n);
        for (String address : addresses) {
            phones.add(address, plan.assignmentFor(Target.PRIMARY));
            inventory.upsertDiscovered(RANGE, identity(address), Optional.of(plan.assignmentFor(Target.PRIMARY)),
                    1, time.now());
        }
        ranges.ensure(RANGE, time.now());
        ranges.flip(RANGE, Target.FALLBACK, "primary pm-a DOWN", time.now());
        return addresses;
    }

    static PhoneIdentity identity(String address) throws Exception {
        return new PhoneIdentity(InetAddress.getByName(address), "fake", "Fake", "F1", "1.0", "");
    }

    Phone stored(String address) throws Exception {
        return inventory.find(InetAddress.getByName(address)).orElseThrow();
    }

    @Test
    void failsOverEveryPhoneOfTheRangeToTheFallbackAndVerifiesEach() throws Exception {
        List<String> addresses = phonesOnPrimaryAfterFailover(50);

        ReconcileReport report = reconciler(policy(8, 1000, 3)).reconcile(plan, ReconcileProgress.NONE);

        assertThat(report.ending()).isEqualTo(ReconcileReport.Ending.DONE);
        assertThat(report.verified()).isEqualTo(50);
        assertThat(report.pushed()).isEqualTo(50);
        assertThat(phones.serversByPhone().values()).containsOnly(plan.assignmentFor(Target.FALLBACK));
        assertThat(plan.assignmentFor(Target.FALLBACK).servers()).containsExactly(PM_B.address(), PM_A.address());
        for (String address : addresses) {
            assertThat(stored(address).progress().state()).isEqualTo(PushState.VERIFIED);
        }
        assertThat(events.ofKind(EventKind.PHONE_REPROGRAMMED)).hasSize(50)
                .allSatisfy(e -> assertThat(e.phoneManager()).isEqualTo("pm-b"));
        assertThat(events.ofKind(EventKind.FAILOVER_COMPLETED)).hasSize(1);
    }

    @Test
    void neverPushesFasterThanMaxPerSecondTowardsTheTargetPhoneManager() throws Exception {
        phonesOnPrimaryAfterFailover(35);

        reconciler(policy(1, 10, 3)).reconcile(plan, ReconcileProgress.NONE);

        List<Instant> times = phones.pushes().stream().map(FakePhones.Push::at).sorted().toList();
        assertThat(times).hasSize(35);
        for (int i = 0; i + 10 < times.size(); i++) {
            // 11 pushes never fit in one second: at most 10 in any window [t, t + 1s)
            assertThat(Duration.between(times.get(i), times.get(i + 10))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void keepsTheAverageRateWithManyPhonesInFlight() throws Exception {
        phonesOnPrimaryAfterFailover(60);

        reconciler(policy(16, 20, 3)).reconcile(plan, ReconcileProgress.NONE);

        assertThat(phones.pushes()).hasSize(60);
        assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(59 * 50));
    }

    @Test
    void neverHasMoreThanMaxInFlightPhonesAtOnce() throws Exception {
        phonesOnPrimaryAfterFailover(40);
        Executor later = CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS);
        phones.completePushesOn(later);

        reconciler(policy(4, 100_000, 3)).reconcile(plan, ReconcileProgress.NONE);

        assertThat(phones.pushes()).hasSize(40);
        assertThat(phones.maxConcurrentPushes()).isBetween(2, 4);
    }

    @Test
    void defersAPhoneInACallAndPushesItWhenTheCallEnds() throws Exception {
        phonesOnPrimaryAfterFailover(3);
        phones.busy("127.20.16.2", check -> check <= 3);
        FailoverPolicy policy = policy(4, 1000, 3);

        ReconcileReport report = reconciler(policy).reconcile(plan, ReconcileProgress.NONE);

        assertThat(report.verified()).isEqualTo(3);
        assertThat(events.ofKind(EventKind.PHONE_DEFERRED_BUSY)).singleElement()
                .satisfies(e -> assertThat(e.phone()).isEqualTo("127.20.16.2"))
                .satisfies(e -> assertThat(e.detail()).contains("in a call"));
        // Found in a call in the first pass while the two other phones are pushed alongside; the second of those
        // waits 1 ms for its token (1000/s) and so moves the shared fake clock, maybe before this phone's check.
        // The deferral counts from whenever that check ran; the call ends at the 4th check, each 1 s (recheckEvery)
        // after the one before.
        Instant firstDeferral = events.ofKind(EventKind.PHONE_DEFERRED_BUSY).get(0).ts();
        assertThat(firstDeferral).isBefore(FakeTime.START.plus(policy.recheckEvery()));
        assertThat(stored("127.20.16.2").progress().deferredSince())
                .isCloseTo(firstDeferral, within(1, ChronoUnit.MICROS)); // the database keeps microseconds
        List<FakePhones.Push> pushes = phones.pushesTo("127.20.16.2");
        assertThat(pushes).hasSize(1);
        assertThat(pushes.get(0).at()).isAfterOrEqualTo(firstDeferral.plusSeconds(3));
    }

    @Test
    void pushesAPhoneStillInACallOnceMaxBusyDeferralHasPassed() throws Exception {
        phonesOnPrimaryAfterFailover(1);
        phones.busy("127.20.16.1", check -> true);

        reconciler(policy(4, 1000, 3)).reconcile(plan, ReconcileProgress.NONE);

        List<FakePhones.Push> pushes = phones.pushesTo("127.20.16.1");
        assertThat(pushes).hasSize(1);
        assertThat(pushes.get(0).at()).isAfterOrEqualTo(FakeTime.START.plusSeconds(10))
                .isBefore(FakeTime.START.plusSeconds(12));
        assertThat(stored("127.20.16.1").progress().state()).isEqualTo(PushState.VERIFIED);
    }

    @Test
    void forcesThePushThroughTheAdapterOnceMaxBusyDeferralHasPassed() throws Exception {
        phonesOnPrimaryAfterFailover(1);
        phones.busy("127.20.16.1", check -> true);
        phones.declineUnforcedPushes("127.20.16.1");

        ReconcileReport report = reconciler(policy(4, 1000, 3)).reconcile(plan, ReconcileProgress.NONE);

        assertThat(report.failed()).isEmpty();
        assertThat(report.verified()).isEqualTo(1);
        assertThat(phones.pushesTo("127.20.16.1")).singleElement()
                .satisfies(p -> assertThat(p.at()).isAfterOrEqualTo(FakeTime.START.plusSeconds(10)));
        assertThat(stored("127.20.16.1").progress().state()).isEqualTo(PushState.VERIFIED);
    }

    @Test
    void givesUpOnAPhoneThatStillRefusesAsBusyAfterMaxBusyDeferralAndSaysWhy() throws Exception {
        phonesOnPrimaryAfterFailover(2);
        phones.declinePushes("127.20.16.1");

        ReconcileReport report = reconciler(policy(4, 1000, 3)).reconcile(plan, ReconcileProgress.NONE);

        assertThat(report.ending()).isEqualTo(ReconcileReport.Ending.DONE);
        assertThat(report.failed()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("still in a call after 10s"));
        assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(events.ofKind(EventKind.PHONE_DEFERRED_BUSY)).hasSize(1);
        assertThat(stored("127.20.16.2").progress().state()).isEqualTo(PushState.VERIFIED);
    }

    @Test
    void retriesAFailedPushWithGrowingDelaysAndSucceeds() throws Exception {
        phonesOnPrimaryAfterFailover(1);
        phones.failPushes("127.20.16.1", FailureReason.TIMEOUT, 2);

        reconciler(policy(4, 1000, 4)).reconcile(plan, ReconcileProgress.NONE);

        List<FakePhones.Push> pushes = phones.pushesTo("127.20.16.1");
        assertThat(pushes).hasSize(3);
        Duration first = Duration.between(pushes.get(0).at(), pushes.get(1).at());
        Duration second = Duration.between(pushes.get(1).at(), pushes.get(2).at());
        assertThat(first).isBetween(Duration.ofMillis(150), Duration.ofMillis(250));
        assertThat(second).isBetween(Duration.ofMillis(300), Duration.ofMillis(500));
        Phone phone = stored("127.20.16.1");
        assertThat(phone.progress().state()).isEqualTo(PushState.VERIFIED);
        assertThat(phone.progress().attempts()).isEqualTo(3);
    }

    @Test
    void readsBackBeforeRetryingSoAPushWhoseReplyWasLostIsNotSentAgain() throws Exception {
        phonesOnPrimaryAfterFailover(1);
        phones.applyButTimeOut("127.20.16.1", 1);

        ReconcileReport report = reconciler(policy(4, 1000, 4)).reconcile(plan, ReconcileProgress.NONE);

        assertThat(report.verified()).isEqualTo(1);
        assertThat(phones.pushesTo("127.20.16.1")).hasSize(1);
        assertThat(stored("127.20.16.1").progress().state()).isEqualTo(PushState.VERIFIED);
    }

    @Test
    void marksAPhoneFailedWithTheReasonWhenRetriesRunOut() throws Exception {
        phonesOnPrimaryAfterFailover(2);
        phones.failPushes("127.20.16.1", FailureReason.TIMEOUT, 100);

        ReconcileReport report = reconciler(policy(4, 1000, 4)).reconcile(plan, ReconcileProgress.NONE);

        assertThat(report.verified()).isEqualTo(1);
        assertThat(report.failed()).singleElement().satisfies(p -> {
            assertThat(p.phone()).isEqualTo("127.20.16.1");
            assertThat(p.reason()).contains("TIMEOUT").contains("4 attempt(s)");
        });
        assertThat(phones.pushesTo("127.20.16.1")).hasSize(4);
        Phone phone = stored("127.20.16.1");
        assertThat(phone.progress().state()).isEqualTo(PushState.FAILED);
        assertThat(phone.progress().lastError()).contains("TIMEOUT");
        assertThat(events.ofKind(EventKind.PHONE_FAILED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("TIMEOUT"));
    }

    @Test
    void doesNotRetryAFailureThatAnotherAttemptCannotFix() throws Exception {
        phonesOnPrimaryAfterFailover(1);
        phones.failPushes("127.20.16.1", FailureReason.AUTH_FAILED, 100);

        reconciler(policy(4, 1000, 4)).reconcile(plan, ReconcileProgress.NONE);

        assertThat(phones.pushesTo("127.20.16.1")).hasSize(1);
        assertThat(stored("127.20.16.1").progress().state()).isEqualTo(PushState.FAILED);
    }

    @Test
    void resumesAfterACrashBetweenTheProgressWriteAndThePush() throws Exception {
        phonesOnPrimaryAfterFailover(1);
        FailoverReconciler crashing = reconciler(policy(1, 1000, 3));
        phones.crashBeforeApplying("127.20.16.1", crashing::stop);

        assertThat(crashing.reconcile(plan, ReconcileProgress.NONE).ending())
                .isEqualTo(ReconcileReport.Ending.STOPPED);
        assertThat(stored("127.20.16.1").progress().state()).isEqualTo(PushState.PUSHING);
        assertThat(phones.pushes()).isEmpty();

        ReconcileReport afterRestart = reconciler(policy(1, 1000, 3)).reconcile(plan, ReconcileProgress.NONE);

        assertThat(afterRestart.ending()).isEqualTo(ReconcileReport.Ending.DONE);
        assertThat(phones.pushesTo("127.20.16.1")).hasSize(1);
        assertThat(phones.phone("127.20.16.1").servers()).isEqualTo(plan.assignmentFor(Target.FALLBACK));
        assertThat(stored("127.20.16.1").progress().state()).isEqualTo(PushState.VERIFIED);
    }

    @Test
    void doesNotPushAgainAPhoneThatGotItsServersJustBeforeACrash() throws Exception {
        phonesOnPrimaryAfterFailover(1);
        FailoverReconciler crashing = reconciler(policy(1, 1000, 3));
        phones.crashAfterApplying("127.20.16.1", crashing::stop);

        crashing.reconcile(plan, ReconcileProgress.NONE);
        assertThat(stored("127.20.16.1").progress().state()).isEqualTo(PushState.PUSHING);
        assertThat(phones.pushes()).hasSize(1);

        ReconcileReport afterRestart = reconciler(policy(1, 1000, 3)).reconcile(plan, ReconcileProgress.NONE);

        assertThat(afterRestart.verified()).isEqualTo(1);
        assertThat(afterRestart.pushed()).isZero();
        assertThat(phones.pushes()).hasSize(1);
        assertThat(stored("127.20.16.1").progress().state()).isEqualTo(PushState.VERIFIED);
    }

    @Test
    void aSecondRunPushesNoPhoneThatIsAlreadyVerified() throws Exception {
        phonesOnPrimaryAfterFailover(20);
        reconciler(policy(4, 1000, 3)).reconcile(plan, ReconcileProgress.NONE);

        ReconcileReport again = reconciler(policy(4, 1000, 3)).reconcile(plan, ReconcileProgress.NONE);

        assertThat(again.verified()).isEqualTo(20);
        assertThat(again.pushed()).isZero();
        assertThat(phones.pushes()).hasSize(20);
    }

    @Test
    void bringsEveryPhoneBackWhenTheRangeIsFlippedToPrimary() throws Exception {
        phonesOnPrimaryAfterFailover(10);
        reconciler(policy(4, 1000, 3)).reconcile(plan, ReconcileProgress.NONE);
        ranges.flip(RANGE, Target.PRIMARY, "failback by admin", time.now());

        ReconcileReport back = reconciler(policy(4, 1000, 3)).reconcile(plan, ReconcileProgress.NONE);

        assertThat(back.target()).isEqualTo(Target.PRIMARY);
        assertThat(back.verified()).isEqualTo(10);
        assertThat(phones.serversByPhone().values()).containsOnly(plan.assignmentFor(Target.PRIMARY));
        assertThat(events.ofKind(EventKind.FAILBACK_COMPLETED)).hasSize(1);
    }

    @Test
    void changesNothingWhileTheControllerIsIsolated() throws Exception {
        phonesOnPrimaryAfterFailover(5);
        isolated.set(true);
        var reconciler = reconciler(policy(4, 1000, 3));
        var run = CompletableFuture.supplyAsync(() -> {
            try {
                return reconciler.reconcile(plan, ReconcileProgress.NONE);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        org.awaitility.Awaitility.await().until(() -> time.elapsed().compareTo(Duration.ofSeconds(30)) > 0);
        assertThat(phones.pushes()).isEmpty();
        isolated.set(false);

        assertThat(run.get(30, TimeUnit.SECONDS).verified()).isEqualTo(5);
    }
}
