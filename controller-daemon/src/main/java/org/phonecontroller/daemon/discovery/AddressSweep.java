package org.phonecontroller.daemon.discovery;

import java.io.IOException;
import java.util.function.Consumer;
import org.phonecontroller.protocols.sweep.SweepHit;
import org.phonecontroller.protocols.sweep.SweepPlan;
import org.phonecontroller.protocols.sweep.SweepStats;

/** The sweep step of the pipeline: {@code new Sweeper()::run} in production. */
@FunctionalInterface
public interface AddressSweep {

    /** Sweeps the plan and blocks until its last answer window closed; {@code onHit} per answering target. */
    SweepStats run(SweepPlan plan, Consumer<SweepHit> onHit) throws IOException;
}
