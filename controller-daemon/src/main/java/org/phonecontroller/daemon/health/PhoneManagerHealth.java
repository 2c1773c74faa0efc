package org.phonecontroller.daemon.health;

import java.time.Instant;
import java.util.Objects;
import java.util.List;
import org.phonecontroller.protocols.ProbeResult;

/**
 * The health state machine of one PhoneManager: {@code UP → SUSPECT → DOWN → RECOVERING → UP} with the thresholds
 * as hysteresis. One failed probe makes an UP PhoneManager SUSPECT, {@code failuresToDown} in a row make it DOWN; one
 * answer makes a DOWN one RECOVERING, {@code successesToUp} in a row make it UP, a failure while RECOVERING makes it
 * DOWN again. A PhoneManager not judged yet (UNKNOWN) also needs {@code successesToUp} answers in a row to be UP: one
 * answer proves as little after a start as after an outage. Not thread-safe: one thread feeds it.
 */
public final class PhoneManagerHealth {

    /**
     * What the machine knows, handed from a replaced health monitor to its successor so that a reload does not
     * forget a PhoneManager's health (nor how many probes in a row it answered or missed).
     */
    public record Memory(HealthState state, Instant since, int failuresInARow, int successesInARow) {
        public Memory {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(since, "since");
        }
    }

    private final String name;
    private final HealthThresholds thresholds;
    private HealthState state;
    private Instant since;
    private int failuresInARow;
    private int successesInARow;

    public PhoneManagerHealth(String name, HealthThresholds thresholds, Instant now) {
        this.name = Objects.requireNonNull(name, "name");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.state = HealthState.UNKNOWN;
        this.since = now;
    }

    /** A machine that continues from {@code memory} (with possibly new thresholds). */
    public static PhoneManagerHealth resume(String name, HealthThresholds thresholds, Memory memory) {
        var machine = new PhoneManagerHealth(name, thresholds, memory.since());
        machine.state = memory.state();
        machine.failuresInARow = memory.failuresInARow();
        machine.successesInARow = memory.successesInARow();
        return machine;
    }

    public Memory memory() {
        return new Memory(state, since, failuresInARow, successesInARow);
    }

    public String name() {
        return name;
    }

    public HealthState state() {
        return state;
    }

    public Instant since() {
        return since;
    }

    /** Feeds one probe result; returns the transitions it caused, oldest first (none, one, or two with a threshold of 1). */
    public List<HealthTransition> record(ProbeResult result, Instant now) {
        return switch (result) {
            case ProbeResult.Up up -> answered(up, now);
            case ProbeResult.Down down -> missed(down, now);
        };
    }

    private List<HealthTransition> answered(ProbeResult.Up up, Instant now) {
        failuresInARow = 0;
        successesInARow++;
        String reason = "answered in " + up.latency().toMillis() + "ms";
        return switch (state) {
            case SUSPECT -> moveTo(HealthState.UP, now, reason);
            case UNKNOWN -> successesInARow >= thresholds.successesToUp()
                    ? moveTo(HealthState.UP, now, reason + " (" + successesInARow + " in a row)")
                    : List.of();
            case DOWN -> successesInARow >= thresholds.successesToUp()
                    ? moveVia(HealthState.RECOVERING, HealthState.UP, now, reason)
                    : moveTo(HealthState.RECOVERING, now, reason + " (1 of " + thresholds.successesToUp() + ")");
            case RECOVERING -> successesInARow >= thresholds.successesToUp()
                    ? moveTo(HealthState.UP, now, reason + " (" + successesInARow + " in a row)")
                    : List.of();
            case UP -> List.of();
        };
    }

    private List<HealthTransition> missed(ProbeResult.Down down, Instant now) {
        successesInARow = 0;
        failuresInARow++;
        String reason = down.reason() + ": " + down.detail();
        return switch (state) {
            case UNKNOWN, UP -> failuresInARow >= thresholds.failuresToDown()
                    ? moveVia(HealthState.SUSPECT, HealthState.DOWN, now, reason)
                    : moveTo(HealthState.SUSPECT, now, reason + " (1 of " + thresholds.failuresToDown() + ")");
            case SUSPECT -> failuresInARow >= thresholds.failuresToDown()
                    ? moveTo(HealthState.DOWN, now, reason + " (" + failuresInARow + " in a row)")
                    : List.of();
            case RECOVERING -> moveTo(HealthState.DOWN, now, reason + " while recovering");
            case DOWN -> List.of();
        };
    }

    /** With a threshold of 1 the machine passes through the middle state at once: both moves are reported. */
    private List<HealthTransition> moveVia(HealthState middle, HealthState to, Instant now, String reason) {
        var first = moveTo(middle, now, reason);
        var second = moveTo(to, now, reason);
        return List.of(first.get(0), second.get(0));
    }

    private List<HealthTransition> moveTo(HealthState to, Instant now, String reason) {
        HealthTransitions.check(name, state, to);
        HealthState from = state;
        state = to;
        since = now;
        return List.of(new HealthTransition(name, from, to, now, reason));
    }
}
