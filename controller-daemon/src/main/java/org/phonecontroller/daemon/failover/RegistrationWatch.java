package org.phonecontroller.daemon.failover;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.events.Events;
import org.phonecontroller.daemon.inventory.Phone;
import org.phonecontroller.daemon.inventory.PhoneInventory;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.ServerAssignment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler's last step for phones that were APPLIED (pushed and read back) towards a target with a registrar
 * view: VERIFIED once the view lists the phone; FAILED {@code NOT_REGISTERED} when a read of the view made after the
 * deadline still does not; left APPLIED (registration unknown) when the view could not be read by then. The deadline
 * counts from the APPLIED write in the database, so a restart keeps it.
 */
final class RegistrationWatch {
    private static final Logger log = LoggerFactory.getLogger(RegistrationWatch.class);

    private final PhoneInventory inventory;
    private final Registrations registrations;
    private final TimeSource time;
    private final Events events;

    RegistrationWatch(PhoneInventory inventory, Registrations registrations, TimeSource time, Events events) {
        this.inventory = inventory;
        this.registrations = registrations;
        this.time = time;
        this.events = events;
    }

    /** Whether phones of {@code range} moving to {@code target} must register there to be verified. */
    static boolean required(RangePlan range, PhoneManagerRef target, Registrations registrations) {
        return range.requireRegistration() && registrations.hasView(target.name());
    }

    /** What the watch decided for one APPLIED phone; {@code outcome} is null while it keeps waiting. */
    record Step(String phone, PhoneOutcome outcome, boolean waiting) {
    }

    /** Looks at every APPLIED phone once; returns what happened to each. */
    List<Step> check(RangePlan range, PhoneManagerRef target, ServerAssignment desired, List<Phone> applied) {
        boolean required = required(range, target, registrations);
        return applied.stream().map(phone -> check(range, target, desired, phone, required)).toList();
    }

    private Step check(RangePlan range, PhoneManagerRef target, ServerAssignment desired, Phone phone,
                       boolean required) {
        Instant now = time.now();
        Instant appliedAt = phone.progress().updatedAt() != null ? phone.progress().updatedAt() : now;
        int attempts = phone.progress().attempts();
        if (!required) {
            // the view or the requirement went away (reload): read-back decides, as without views
            return verify(range, target, desired, phone, attempts, "now on " + desired.target() + " (read back)");
        }
        var registration = registrations.lookup(target.name(), phone.address());
        if (registration == Registrations.Registration.REGISTERED) {
            return verify(range, target, desired, phone, attempts, "now on " + desired.target()
                    + " (read back); registered at " + target.name() + " (registrar view) "
                    + Duration.between(appliedAt, now).toSeconds() + "s after its push");
        }
        Instant deadlineAt = appliedAt.plus(registrations.deadline(target.name()));
        if (now.isBefore(deadlineAt)) {
            return new Step(phone.address(), null, true);
        }
        boolean readSinceDeadline = registrations.knownAt(target.name()).map(at -> !at.isBefore(deadlineAt))
                .orElse(false);
        if (registration == Registrations.Registration.NOT_REGISTERED && readSinceDeadline) {
            String reason = "NOT_REGISTERED: the phone holds " + desired.target() + " (read back) but "
                    + target.name() + "'s registrar lists no live contact from " + phone.address() + " "
                    + registrations.deadline(target.name()).toSeconds() + "s after its push; check the phone's SIP "
                    + "account and password on " + target.name() + ", that " + target.name()
                    + " accepts its REGISTER (its log), and the network path from the phone to " + target.name();
            if (!inventory.recordFailed(phone, desired, attempts, reason, now)) {
                return new Step(phone.address(), new PhoneOutcome.Superseded(), false);
            }
            events.emit(Event.ofPhone(now, EventKind.PHONE_FAILED, range.name(), phone.address(), target.name(),
                    reason));
            return new Step(phone.address(), new PhoneOutcome.Failed(reason, attempts), false);
        }
        if (now.isBefore(deadlineAt.plus(registrations.patience(target.name())))) {
            return new Step(phone.address(), null, true);
        }
        log.warn("Phone {} of range {} holds {} (read back), but {}'s registrar view could not be read since its "
                + "deadline: left APPLIED, registration unknown", phone.address(), range.name(), desired.target(),
                target.name());
        return new Step(phone.address(), null, false);
    }

    private Step verify(RangePlan range, PhoneManagerRef target, ServerAssignment desired, Phone phone, int attempts,
                        String detail) {
        Instant now = time.now();
        if (!inventory.recordVerified(phone, desired, now)) {
            return new Step(phone.address(), new PhoneOutcome.Superseded(), false);
        }
        events.emit(Event.ofPhone(now, EventKind.PHONE_REPROGRAMMED, range.name(), phone.address(), target.name(),
                detail));
        return new Step(phone.address(), new PhoneOutcome.Verified(false, attempts), false);
    }
}
