package org.phonecontroller.daemon.testing;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.BusyPolicy;
import org.phonecontroller.protocols.CallState;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.PhoneProtocolException;
import org.phonecontroller.protocols.PushResult;
import org.phonecontroller.protocols.ServerAssignment;

/**
 * An in-memory world of phones behind one {@link PhoneProtocol}: each phone has servers, a call state and optional
 * scripted push failures; every push is recorded with the (fake) time it reached the phone.
 */
public final class FakePhones implements PhoneProtocol {

    /** A push that reached a phone. */
    public record Push(String phone, ServerAssignment servers, Instant at) {
    }

    /** One simulated phone. */
    public static final class FakePhone {
        volatile ServerAssignment servers;
        volatile IntPredicate busyOnCheck = n -> false;
        final AtomicInteger callChecks = new AtomicInteger();
        final Deque<PushResult.Failed> failures = new ArrayDeque<>();
        volatile boolean crashBeforeApplying;
        volatile boolean declinesPushes;
        volatile boolean declinesUnforcedPushes;
        volatile int appliesButTimesOut;
        volatile boolean crashAfterApplying;

        public ServerAssignment servers() {
            return servers;
        }
    }

    /** Thrown by a phone set to crash: stands for the daemon dying at that instant. */
    public static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String where) {
            super("simulated crash " + where);
        }
    }

    private final String name;
    private final TimeSource time;
    private final Map<String, FakePhone> phones = new ConcurrentHashMap<>();
    private final List<Push> pushes = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Executor completion = Runnable::run;
    private volatile Runnable onCrash = () -> { };

    public FakePhones(String name, TimeSource time) {
        this.name = name;
        this.time = time;
    }

    public FakePhone add(String address, ServerAssignment servers) {
        var phone = new FakePhone();
        phone.servers = servers;
        phones.put(address, phone);
        return phone;
    }

    public FakePhone phone(String address) {
        return phones.get(address);
    }

    public void busy(String address, IntPredicate busyOnCheck) {
        phones.get(address).busyOnCheck = busyOnCheck;
    }

    public void failPushes(String address, FailureReason reason, int times) {
        var phone = phones.get(address);
        for (int i = 0; i < times; i++) {
            phone.failures.add(new PushResult.Failed(reason, "scripted " + reason));
        }
    }

    /** The next {@code times} pushes change the phone but answer TIMEOUT (the reply was lost). */
    public void applyButTimeOut(String address, int times) {
        phones.get(address).appliesButTimesOut = times;
    }

    /** The phone refuses every push as busy (as adapters do for a phone in a call). */
    public void declinePushes(String address) {
        phones.get(address).declinesPushes = true;
    }

    /** Like the real adapters: a push asked with {@link BusyPolicy#DEFER} is declined as busy, a forced one applies. */
    public void declineUnforcedPushes(String address) {
        phones.get(address).declinesUnforcedPushes = true;
    }

    public void crashBeforeApplying(String address, Runnable onCrash) {
        phones.get(address).crashBeforeApplying = true;
        this.onCrash = onCrash;
    }

    public void crashAfterApplying(String address, Runnable onCrash) {
        phones.get(address).crashAfterApplying = true;
        this.onCrash = onCrash;
    }

    /** Completes pushes on {@code executor} instead of at once (to measure concurrency). */
    public void completePushesOn(Executor executor) {
        this.completion = executor;
    }

    public List<Push> pushes() {
        return List.copyOf(pushes);
    }

    public List<Push> pushesTo(String address) {
        return pushes.stream().filter(p -> p.phone().equals(address)).toList();
    }

    public int maxConcurrentPushes() {
        return maxInFlight.get();
    }

    public Map<String, ServerAssignment> serversByPhone() {
        Map<String, ServerAssignment> all = new ConcurrentHashMap<>();
        phones.forEach((address, phone) -> all.put(address, phone.servers));
        return all;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<Optional<PhoneIdentity>> identify(InetAddress address) {
        FakePhone phone = phones.get(address.getHostAddress());
        return CompletableFuture.completedFuture(phone == null ? Optional.empty()
                : Optional.of(new PhoneIdentity(address, name, "Fake", "F1", "1.0", "")));
    }

    @Override
    public CompletableFuture<ServerAssignment> readAssignment(PhoneIdentity identity) {
        FakePhone phone = phones.get(identity.address().getHostAddress());
        if (phone == null) {
            return CompletableFuture.failedFuture(new PhoneProtocolException(FailureReason.TIMEOUT, "no answer"));
        }
        return CompletableFuture.completedFuture(phone.servers);
    }

    @Override
    public CompletableFuture<PushResult> assign(PhoneIdentity identity, ServerAssignment assignment) {
        String address = identity.address().getHostAddress();
        FakePhone phone = phones.get(address);
        if (phone == null) {
            return CompletableFuture.completedFuture(new PushResult.Failed(FailureReason.TIMEOUT, "no answer"));
        }
        if (phone.crashBeforeApplying) {
            phone.crashBeforeApplying = false;
            onCrash.run();
            throw new SimulatedCrash("before the push reached " + address);
        }
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        pushes.add(new Push(address, assignment, time.now()));
        PushResult.Failed failure;
        synchronized (phone.failures) {
            failure = phone.failures.poll();
        }
        PushResult result;
        if (phone.declinesPushes) {
            result = new PushResult.Deferred(FailureReason.BUSY, "phone " + address + " is in a call");
        } else if (phone.appliesButTimesOut > 0) {
            phone.appliesButTimesOut--;
            phone.servers = assignment;
            result = new PushResult.Failed(FailureReason.TIMEOUT, "reply lost");
        } else if (failure != null) {
            result = failure;
        } else {
            phone.servers = assignment;
            result = new PushResult.Applied(assignment, Duration.ofMillis(3));
        }
        if (phone.crashAfterApplying) {
            phone.crashAfterApplying = false;
            inFlight.decrementAndGet();
            onCrash.run();
            throw new SimulatedCrash("after the push reached " + address);
        }
        return CompletableFuture.supplyAsync(() -> {
            inFlight.decrementAndGet();
            return result;
        }, completion);
    }

    @Override
    public CompletableFuture<PushResult> assign(PhoneIdentity identity, ServerAssignment assignment,
                                               BusyPolicy busyPolicy) {
        FakePhone phone = phones.get(identity.address().getHostAddress());
        if (phone != null && phone.declinesUnforcedPushes && busyPolicy == BusyPolicy.DEFER) {
            return CompletableFuture.completedFuture(new PushResult.Deferred(FailureReason.BUSY,
                    "phone " + identity.address().getHostAddress() + " is in a call (not forced)"));
        }
        return assign(identity, assignment);
    }

    @Override
    public CompletableFuture<CallState> callState(PhoneIdentity identity) {
        FakePhone phone = phones.get(identity.address().getHostAddress());
        if (phone == null) {
            return CompletableFuture.completedFuture(CallState.UNKNOWN);
        }
        return CompletableFuture.completedFuture(
                phone.busyOnCheck.test(phone.callChecks.incrementAndGet()) ? CallState.BUSY : CallState.IDLE);
    }

    /** Addresses {@code prefix}1..{@code prefix}n, for building worlds. */
    public static List<String> addresses(String prefix, int n) {
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            all.add(prefix + i);
        }
        return all;
    }
}
