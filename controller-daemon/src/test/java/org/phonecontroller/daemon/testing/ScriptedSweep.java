package org.phonecontroller.daemon.testing;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.phonecontroller.daemon.discovery.AddressSweep;
import org.phonecontroller.protocols.sweep.SweepHit;
import org.phonecontroller.protocols.sweep.SweepKind;
import org.phonecontroller.protocols.sweep.SweepPlan;
import org.phonecontroller.protocols.sweep.SweepStats;
import org.phonecontroller.ranges.IpAddresses;

/**
 * The sweep step for tests of fake phones: the addresses in {@link #answering} answer (those inside the plan's
 * spans only); every plan is remembered. The real sweep is tested over real sockets in phone-protocols.
 */
public final class ScriptedSweep implements AddressSweep {

    public final Set<String> answering = ConcurrentHashMap.newKeySet();
    public final List<SweepPlan> plans = new CopyOnWriteArrayList<>();
    public volatile Runnable duringSweep = () -> { };

    public ScriptedSweep answer(String... addresses) {
        return answer(List.of(addresses));
    }

    public ScriptedSweep answer(Collection<String> addresses) {
        answering.addAll(addresses);
        return this;
    }

    @Override
    public SweepStats run(SweepPlan plan, Consumer<SweepHit> onHit) {
        plans.add(plan);
        duringSweep.run();
        long hits = 0;
        for (String text : answering) {
            InetAddress address = IpAddresses.parse(text);
            if (plan.spans().stream().anyMatch(span -> span.contains(address))) {
                onHit.accept(new SweepHit(address, 5060, SweepKind.SIP, "", "", "ua", Duration.ZERO));
                hits++;
            }
        }
        return new SweepStats(plan.targets(), plan.targets(), hits, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO);
    }
}
