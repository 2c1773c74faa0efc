package org.phonecontroller.daemon.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.ProbeResult;

/**
 * A health probe whose answers a test sets per endpoint name: either a standing answer ({@link #answer}) or a script
 * consumed one probe at a time ({@link #script}); unknown endpoints answer UP.
 */
public final class ScriptedProbe implements HealthProbe {

    public static final ProbeResult UP = new ProbeResult.Up(Duration.ofMillis(2));
    public static final ProbeResult TIMEOUT = new ProbeResult.Down(FailureReason.TIMEOUT, "no answer within 500ms");
    public static final ProbeResult REFUSED = new ProbeResult.Down(FailureReason.REFUSED, "port unreachable");

    private final Map<String, ProbeResult> standing = new ConcurrentHashMap<>();
    private final Map<String, Deque<ProbeResult>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Integer> probes = new ConcurrentHashMap<>();

    public void answer(String endpoint, ProbeResult result) {
        standing.put(endpoint, result);
    }

    public void script(String endpoint, ProbeResult... results) {
        scripts.computeIfAbsent(endpoint, k -> new ArrayDeque<>()).addAll(java.util.List.of(results));
    }

    public int probesOf(String endpoint) {
        return probes.getOrDefault(endpoint, 0);
    }

    @Override
    public String kind() {
        return "scripted";
    }

    @Override
    public CompletableFuture<ProbeResult> probe(Endpoint endpoint) {
        probes.merge(endpoint.name(), 1, Integer::sum);
        Deque<ProbeResult> script = scripts.get(endpoint.name());
        ProbeResult next = script != null && !script.isEmpty() ? script.poll()
                : standing.getOrDefault(endpoint.name(), UP);
        return CompletableFuture.completedFuture(next);
    }

    @Override
    public void close() {
    }
}
