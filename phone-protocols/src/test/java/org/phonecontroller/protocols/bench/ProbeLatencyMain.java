package org.phonecontroller.protocols.bench;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.probe.ProbeSettings;
import org.phonecontroller.protocols.probe.SipOptionsProbe;
import org.phonecontroller.protocols.testpeers.Kamailio;
import org.phonecontroller.protocols.testpeers.Loopback;

/**
 * For scripts/bench/probe-latency: probes a Kamailio every INTERVAL_MS with sip-options over UDP, kills or hangs it at
 * a random moment and measures how long until a probe reports it down. Arguments: TRIALS INTERVAL_MS TIMEOUT_MS.
 * Prints one line per trial ({@code killed|hung latency_ms}) and a summary.
 */
public final class ProbeLatencyMain {

    private ProbeLatencyMain() {
    }

    public static void main(String[] args) throws Exception {
        int trials = Integer.parseInt(args[0]);
        long intervalMs = Long.parseLong(args[1]);
        long timeoutMs = Long.parseLong(args[2]);
        var killed = new ArrayList<Double>();
        var hung = new ArrayList<Double>();
        for (int i = 0; i < trials; i++) {
            killed.add(trial(false, intervalMs, timeoutMs));
            hung.add(trial(true, intervalMs, timeoutMs));
        }
        System.out.printf(Locale.ROOT, "summary killed median %.0f ms max %.0f ms; hung median %.0f ms max %.0f ms"
                + " (interval %d ms, timeout %d ms, %d trials)%n", median(killed), max(killed), median(hung),
                max(hung), intervalMs, timeoutMs, trials);
    }

    private static double trial(boolean hang, long intervalMs, long timeoutMs) throws Exception {
        InetAddress ip = Loopback.randomAddress();
        try (var kamailio = Kamailio.start(ip, Loopback.freePort(ip));
             var probe = new SipOptionsProbe(ProbeSettings.defaults().withTimeout(Duration.ofMillis(timeoutMs)))) {
            var endpoint = new Endpoint("bench", kamailio.address(), Transport.UDP);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!(probe.probe(endpoint).get() instanceof ProbeResult.Up)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("kamailio did not come up:\n" + kamailio.output());
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            var downs = new ConcurrentLinkedQueue<Long>(); // completion times of Down results
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            try {
                ticker.scheduleAtFixedRate(() -> probe.probe(endpoint).thenAccept(r -> {
                    if (r instanceof ProbeResult.Down) {
                        downs.add(System.nanoTime());
                    }
                }), 0, intervalMs, TimeUnit.MILLISECONDS);
                TimeUnit.MILLISECONDS.sleep(1000 + ThreadLocalRandom.current().nextLong(intervalMs));
                long event = System.nanoTime();
                if (hang) {
                    kamailio.hang();
                } else {
                    kamailio.kill();
                }
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (downs.stream().noneMatch(t -> t > event) && System.nanoTime() < until) {
                    TimeUnit.MILLISECONDS.sleep(1);
                }
                double ms = downs.stream().filter(t -> t > event).findFirst()
                        .map(t -> (t - event) / 1e6).orElse(Double.NaN);
                System.out.printf(Locale.ROOT, "%s %.1f%n", hang ? "hung" : "killed", ms);
                return ms;
            } finally {
                ticker.shutdownNow();
                if (hang) {
                    kamailio.resume();
                }
            }
        }
    }

    private static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
