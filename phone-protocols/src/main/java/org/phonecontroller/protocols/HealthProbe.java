package org.phonecontroller.protocols;

import java.util.concurrent.CompletableFuture;

/**
 * Judges whether a PhoneManager answers. The future always completes normally, within the probe's own timeout
 * (plus scheduling slack): a timeout, a refusal or garbage is a {@link ProbeResult.Down}, never an exception.
 */
public interface HealthProbe extends AutoCloseable {

    /** The probe kind as named in configuration, e.g. {@code sip-options}, {@code tcp}. */
    String kind();

    CompletableFuture<ProbeResult> probe(Endpoint endpoint);

    /** Releases sockets and threads; pending probes complete as {@link ProbeResult.Down}. */
    @Override
    void close();
}
