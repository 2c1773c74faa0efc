package org.phonecontroller.daemon.jobs;

import java.util.Collection;
import java.util.Optional;
import org.phonecontroller.daemon.discovery.DiscoveryService;
import org.phonecontroller.daemon.failover.DesiredTargets;
import org.phonecontroller.daemon.failover.FailoverReconciler;
import org.phonecontroller.daemon.failover.RangePlan;

/** What the Quartz jobs work with; the daemon provides the current (reloadable) pieces. */
public interface JobServices {

    Optional<RangePlan> plan(String range);

    Collection<RangePlan> plans();

    FailoverReconciler reconciler();

    DiscoveryService discovery();

    DesiredTargets targets();
}
