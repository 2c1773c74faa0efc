package org.phonecontroller.daemon.failover;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.failsafe.spi.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.phonecontroller.config.BusyPolicy;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.events.Events;
import org.phonecontroller.daemon.inventory.Phone;
import org.phonecontroller.daemon.inventory.PhoneInventory;
import org.phonecontroller.daemon.inventory.PushState;
import org.phonecontroller.daemon.time.TimeAdapters;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.CallState;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.PhoneProtocolException;
import org.phonecontroller.protocols.PushResult;
import org.phonecontroller.protocols.ServerAssignment;

/**
 * One reconciler step for one phone: verify-before-push when a push may already have happened, defer while in a
 * call (up to the limit), then push with retries, each attempt recorded as PUSHING before it is sent and its outcome
 * after. Blocking; runs on a virtual thread of the reconciler.
 */
final class PhoneReprogrammer {

    /** Failures that another attempt cannot fix. */
    private static final Set<FailureReason> FINAL = EnumSet.of(FailureReason.AUTH_FAILED,
            FailureReason.NOT_WRITABLE, FailureReason.UNSUPPORTED, FailureReason.CERTIFICATE_MISMATCH);

    private final PhoneInventory inventory;
    private final FailoverPolicy policy;
    private final PushThrottle throttle;
    private final TimeSource time;
    private final Scheduler retryScheduler;
    private final Events events;
    private final Registrations registrations;

    PhoneReprogrammer(PhoneInventory inventory, FailoverPolicy policy, PushThrottle throttle, TimeSource time,
                      Events events, Registrations registrations) {
        this.registrations = registrations;
        this.inventory = inventory;
        this.policy = policy;
        this.throttle = throttle;
        this.time = time;
        this.retryScheduler = TimeAdapters.failsafeScheduler(time);
        this.events = events;
    }

    PhoneOutcome reprogram(RangePlan range, PhoneManagerRef target, ServerAssignment desired, Phone phone)
            throws InterruptedException {
        Optional<PhoneProtocol> found = range.protocol(phone.identity().protocol());
        if (found.isEmpty()) {
            return failed(range, target, desired, phone, phone.progress().attempts(), "protocol '"
                    + phone.identity().protocol() + "' is not configured for range " + range.name());
        }
        PhoneProtocol protocol = found.get();
        if (mayAlreadyHave(phone, desired) && readBackMatches(protocol, phone.identity(), desired)) {
            return verified(range, target, desired, phone, false, phone.progress().attempts(),
                    "already on " + desired.target() + " (read back), not pushed");
        }
        Optional<PhoneOutcome> deferred = deferIfBusy(range, target, desired, phone, protocol);
        if (deferred.isPresent()) {
            return deferred.get();
        }
        return push(range, target, desired, phone, protocol);
    }

    /** A push may have been sent before (crash, earlier run), or the phone was last seen with the desired servers. */
    private static boolean mayAlreadyHave(Phone phone, ServerAssignment desired) {
        return phone.progress().state() == PushState.PUSHING
                || phone.progress().attempts() > 0
                || phone.observed().map(o -> Assignments.satisfies(o, desired)).orElse(false);
    }

    private boolean readBackMatches(PhoneProtocol protocol, PhoneIdentity phone, ServerAssignment desired)
            throws InterruptedException {
        try {
            return Assignments.satisfies(call(protocol.readAssignment(phone)), desired);
        } catch (PhoneProtocolException e) {
            return false; // it will be pushed, and that push's read-back decides
        }
    }

    private Optional<PhoneOutcome> deferIfBusy(RangePlan range, PhoneManagerRef target, ServerAssignment desired,
                                               Phone phone, PhoneProtocol protocol) throws InterruptedException {
        if (policy.busyPhones() != BusyPolicy.DEFER || callState(protocol, phone.identity()) != CallState.BUSY) {
            return Optional.empty();
        }
        Instant now = time.now();
        Instant since = phone.progress().deferredSince() != null ? phone.progress().deferredSince() : now;
        Duration busyFor = Duration.between(since, now);
        if (busyFor.compareTo(policy.maxBusyDeferral()) >= 0) {
            return Optional.empty(); // deferred long enough: pushed anyway
        }
        String reason = "in a call (deferred for " + busyFor.toSeconds() + "s of at most "
                + policy.maxBusyDeferral().toSeconds() + "s)";
        if (!inventory.recordDeferred(phone, desired, since, reason, now)) {
            return Optional.of(new PhoneOutcome.Superseded());
        }
        if (phone.progress().state() != PushState.DEFERRED) {
            events.emit(Event.ofPhone(now, EventKind.PHONE_DEFERRED_BUSY, range.name(), phone.address(),
                    target.name(), reason));
        }
        return Optional.of(new PhoneOutcome.Deferred(reason));
    }

    private CallState callState(PhoneProtocol protocol, PhoneIdentity phone) throws InterruptedException {
        try {
            return call(protocol.callState(phone));
        } catch (PhoneProtocolException e) {
            return CallState.UNKNOWN; // cannot tell: the push itself may still report BUSY
        }
    }

    /**
     * The first attempt tells the adapter to push (FORCE): either busy phones are deferred and {@link #deferIfBusy}
     * read the call state a moment ago (one request less per phone), or they are not deferred at all. Retries, later,
     * let the adapter check again ({@link #adapterBusyPolicy}).
     */
    private PhoneOutcome push(RangePlan range, PhoneManagerRef target, ServerAssignment desired, Phone phone,
                              PhoneProtocol protocol) throws InterruptedException {
        int before = phone.progress().attempts();
        var retry = RetryPolicy.<PushResult>builder()
                .handleResultIf(r -> r instanceof PushResult.Failed f && !FINAL.contains(f.reason()))
                // an exception (database, interrupt, bug) is not a phone failure: no retry, the run handles it
                .abortIf((result, failure) -> failure != null)
                .withBackoff(policy.retry().firstDelay(), policy.retry().maxDelay())
                .withJitter(policy.retry().jitter())
                .withMaxAttempts(policy.retry().maxAttempts())
                .build();
        int[] attempts = {before};
        PushResult result;
        try {
            result = Failsafe.with(retry).with(retryScheduler).getAsync(context -> {
                if (context.getAttemptCount() > 0 && readBackMatches(protocol, phone.identity(), desired)) {
                    // the last attempt timed out but reached the phone: verified, not pushed again
                    return new PushResult.Applied(desired, Duration.ZERO);
                }
                int attempt = before + context.getAttemptCount() + 1;
                attempts[0] = attempt;
                throttle.acquire(target.name());
                if (!inventory.recordPushing(phone, desired, attempt, time.now())) {
                    throw new SupersededException();
                }
                return pushOnce(protocol, phone.identity(), desired, context.getAttemptCount() == 0
                        ? org.phonecontroller.protocols.BusyPolicy.FORCE : adapterBusyPolicy(phone));
            }).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SupersededException) {
                return new PhoneOutcome.Superseded();
            }
            throw new IllegalStateException("push to " + phone.address() + " failed unexpectedly", e.getCause());
        }
        return switch (result) {
            case PushResult.Applied applied -> verified(range, target, desired, phone, true, attempts[0],
                    "now on " + applied.verified() + " (read back) after " + attempts[0] + " attempt(s)");
            case PushResult.Deferred d -> deferralOver(phone)
                    ? failed(range, target, desired, phone, attempts[0], "still in a call after "
                            + policy.maxBusyDeferral().toSeconds() + "s and the phone refuses changes during a call ("
                            + d.reason() + ": " + d.detail() + "); tried again later")
                    : deferAfterPush(range, target, desired, phone, d);
            case PushResult.Failed f -> failed(range, target, desired, phone, attempts[0],
                    f.reason() + ": " + f.detail() + " (after " + (attempts[0] - before) + " attempt(s))");
        };
    }

    private PushResult pushOnce(PhoneProtocol protocol, PhoneIdentity phone, ServerAssignment desired,
                                org.phonecontroller.protocols.BusyPolicy busyPolicy) throws InterruptedException {
        try {
            return call(protocol.assign(phone, desired, busyPolicy));
        } catch (PhoneProtocolException e) {
            return new PushResult.Failed(e.reason(), e.getMessage());
        }
    }

    /**
     * What the adapter is told about calls: defer (it checks the call state itself) while the phone may still be
     * deferred; push anyway once {@code maxBusyDeferral} has passed, or when busy phones are not deferred at all.
     * A phone that itself refuses changes during a call still declines, and is reported so.
     */
    private org.phonecontroller.protocols.BusyPolicy adapterBusyPolicy(Phone phone) {
        return policy.busyPhones() != BusyPolicy.DEFER || deferralOver(phone)
                ? org.phonecontroller.protocols.BusyPolicy.FORCE
                : org.phonecontroller.protocols.BusyPolicy.DEFER;
    }

    private boolean deferralOver(Phone phone) {
        Instant since = phone.progress().deferredSince();
        return since != null && !since.plus(policy.maxBusyDeferral()).isAfter(time.now());
    }

    private PhoneOutcome deferAfterPush(RangePlan range, PhoneManagerRef target, ServerAssignment desired,
                                        Phone phone, PushResult.Deferred deferred) {
        Instant now = time.now();
        Instant since = phone.progress().deferredSince() != null ? phone.progress().deferredSince() : now;
        String reason = "phone declined: " + deferred.reason() + ": " + deferred.detail();
        if (!inventory.recordDeferred(phone, desired, since, reason, now)) {
            return new PhoneOutcome.Superseded();
        }
        if (phone.progress().state() != PushState.DEFERRED) {
            events.emit(Event.ofPhone(now, EventKind.PHONE_DEFERRED_BUSY, range.name(), phone.address(),
                    target.name(), reason));
        }
        return new PhoneOutcome.Deferred(reason);
    }

    /**
     * Read back showed {@code desired}. Where the range requires registration and the target has a registrar view,
     * that is only APPLIED until the view lists the phone (the reconciler watches it, {@link RegistrationWatch}).
     */
    private PhoneOutcome verified(RangePlan range, PhoneManagerRef target, ServerAssignment desired, Phone phone,
                                  boolean pushed, int attempts, String detail) {
        Instant now = time.now();
        if (RegistrationWatch.required(range, target, registrations)) {
            if (registrations.lookup(target.name(), phone.address()) != Registrations.Registration.REGISTERED) {
                return inventory.recordApplied(phone, desired, now) ? new PhoneOutcome.Applied(pushed, attempts)
                        : new PhoneOutcome.Superseded();
            }
            detail = detail + "; registered at " + target.name() + " (registrar view)";
        }
        if (!inventory.recordVerified(phone, desired, now)) {
            return new PhoneOutcome.Superseded();
        }
        events.emit(Event.ofPhone(now, EventKind.PHONE_REPROGRAMMED, range.name(), phone.address(), target.name(),
                detail));
        return new PhoneOutcome.Verified(pushed, attempts);
    }

    private PhoneOutcome failed(RangePlan range, PhoneManagerRef target, ServerAssignment desired, Phone phone,
                                int attempts, String reason) {
        Instant now = time.now();
        if (!inventory.recordFailed(phone, desired, attempts, reason, now)) {
            return new PhoneOutcome.Superseded();
        }
        events.emit(Event.ofPhone(now, EventKind.PHONE_FAILED, range.name(), phone.address(), target.name(),
                reason));
        return new PhoneOutcome.Failed(reason, attempts);
    }

    /** Waits for an adapter's future, bounded by the policy's guard; unwraps its PhoneProtocolException. */
    private <T> T call(CompletableFuture<T> future) throws PhoneProtocolException, InterruptedException {
        try {
            return future.get(policy.callTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new PhoneProtocolException(FailureReason.TIMEOUT, "no result within "
                    + policy.callTimeout().toMillis() + "ms", e);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof PhoneProtocolException p) {
                throw p;
            }
            throw new PhoneProtocolException(FailureReason.ERROR_REPLY, "adapter failed: " + e.getCause(), e);
        }
    }

    /** Thrown inside an attempt when the range's desired servers changed: stops the retries. */
    private static final class SupersededException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SupersededException() {
            super("desired servers changed", null, false, false);
        }
    }
}
