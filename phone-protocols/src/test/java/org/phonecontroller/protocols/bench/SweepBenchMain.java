package org.phonecontroller.protocols.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.phonecontroller.protocols.sweep.AddressSpan;
import org.phonecontroller.protocols.sweep.SweepKind;
import org.phonecontroller.protocols.sweep.SweepPlan;
import org.phonecontroller.protocols.sweep.SweepStats;
import org.phonecontroller.protocols.sweep.Sweeper;

/**
 * One unthrottled SNMP sweep for scripts/bench/sweep-bench. Arguments: SPAN COMMUNITY TIMEOUT_MS [RETRIES [WARMUPS]].
 * WARMUPS untimed sweeps of the same span run first, so the timed one runs JIT-compiled code as in a daemon that
 * has swept before. Prints one line for the timed sweep: {@code wall_s sending_s sent answered rate_per_s}.
 */
public final class SweepBenchMain {

    private SweepBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: SweepBenchMain SPAN COMMUNITY TIMEOUT_MS [RETRIES]");
            System.exit(2);
        }
        AddressSpan span = AddressSpan.parse(args[0]);
        if (!span.first().isLoopbackAddress() || !span.last().isLoopbackAddress()) {
            System.err.println("the benchmark sweeps loopback (127.0.0.0/8) only");
            System.exit(2);
        }
        int retries = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        int warmups = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        SweepPlan plan = SweepPlan.of(List.of(span), Set.of(SweepKind.SNMP), args[1])
                .withRetries(retries, Duration.ofMillis(Long.parseLong(args[2])))
                .withBind(new InetSocketAddress("127.0.0.1", 0));
        var hits = new AtomicLong();
        // The daemon's logging is up long before a sweep: do not time logback's start-up as the sweep's.
        org.slf4j.LoggerFactory.getLogger(SweepBenchMain.class).debug("logging ready");
        for (int i = 0; i < warmups; i++) {
            new Sweeper().run(plan.withSeed(plan.seed() + i + 1), h -> { });
        }
        long t0 = System.nanoTime();
        SweepStats stats = new Sweeper().run(plan, h -> hits.incrementAndGet());
        double wall = (System.nanoTime() - t0) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "%.3f %.3f %d %d %.0f%n", wall, stats.sending().toNanos() / 1e9,
                stats.sent(), stats.answered(), stats.sendRate());
        System.err.printf(java.util.Locale.ROOT, "sweep duration %.3f s (first send to end)%n",
                stats.duration().toNanos() / 1e9);
    }
}
