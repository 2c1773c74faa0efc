package org.phonecontroller.daemon.lifecycle;

import java.time.Duration;

/**
 * A part of the running daemon that has threads, sockets or runs of its own (health probing, the reconciler,
 * discovery, the sweep; later the provisioning server, registrar views, notifiers). The assembler
 * ({@code org.phonecontroller.daemon.runtime.DaemonRuntime}) creates every part, starts them in the order it built
 * them, and stops them in the reverse order — when the daemon stops, and when a reload replaces the runtime.
 *
 * <p>The contract that makes a reload safe: everything that can fail (opening a socket, reading a file, a bad
 * setting) happens while the part is <em>built</em>, so a reload that fails leaves the running runtime untouched;
 * {@link #start()} only starts threads and schedules and does not fail. {@link #stop(Duration)} takes no new work
 * and waits for the work in progress, so the replaced part and its successor never work at the same time.
 */
public interface RuntimePart {

    /** For logs: which part this is. */
    String name();

    /** Starts the part's threads and schedules. Called once, after the whole runtime was built. */
    void start();

    /**
     * Takes no new work, lets the work in progress finish (its results stored) and releases the part's threads and
     * sockets. Safe to call twice, and on a part never started.
     *
     * @param drain how long to wait for the work in progress
     * @return true when everything ended within {@code drain}
     */
    boolean stop(Duration drain);
}
