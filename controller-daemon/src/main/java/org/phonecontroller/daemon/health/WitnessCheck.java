package org.phonecontroller.daemon.health;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.ProbeResult;

/**
 * Tells whether this controller still reaches the network: true when at least one witness answers. A witness that
 * refuses the connection (TCP RST, ICMP port unreachable) answered too: only silence counts against it. With no
 * witnesses configured the check is off and always passes.
 */
public final class WitnessCheck {

    private final List<Endpoint> witnesses;
    private final HealthProbe probe;

    public WitnessCheck(List<Endpoint> witnesses, HealthProbe probe) {
        this.witnesses = List.copyOf(witnesses);
        this.probe = probe;
    }

    /** The check that always passes (no witnesses configured). */
    public static WitnessCheck off() {
        return new WitnessCheck(List.of(), null);
    }

    public boolean enabled() {
        return !witnesses.isEmpty();
    }

    public List<Endpoint> witnesses() {
        return witnesses;
    }

    /** Probes every witness; completes with true as soon as all have been heard from and one answered. */
    public CompletableFuture<Boolean> anyAnswers() {
        if (!enabled()) {
            return CompletableFuture.completedFuture(true);
        }
        List<CompletableFuture<ProbeResult>> probes = witnesses.stream().map(probe::probe).toList();
        return CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new))
                .thenApply(done -> probes.stream().map(CompletableFuture::join).anyMatch(WitnessCheck::answered));
    }

    static boolean answered(ProbeResult result) {
        return switch (result) {
            case ProbeResult.Up up -> true;
            case ProbeResult.Down down -> down.reason() == FailureReason.REFUSED;
        };
    }
}
