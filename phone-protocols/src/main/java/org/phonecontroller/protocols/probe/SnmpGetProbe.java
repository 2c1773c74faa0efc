package org.phonecontroller.protocols.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.PhoneProtocolException;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.snmp.SnmpCredentials;
import org.phonecontroller.protocols.snmp.SnmpSession;
import org.snmp4j.PDU;
import org.snmp4j.mp.SnmpConstants;

/**
 * SNMP GET of {@code sysUpTime.0} (kind {@code snmp}) with the PhoneManager's credentials: a v2c community or a v3
 * USM user, never a built-in {@code public}. Up when the agent answers with a value; an SNMP error status or no such
 * object is {@link FailureReason#ERROR_REPLY}; a USM report (unknown user, wrong digest) is
 * {@link FailureReason#AUTH_FAILED}; silence (including a wrong community, which agents ignore) is
 * {@link FailureReason#TIMEOUT}. Without credentials every probe is {@link FailureReason#UNSUPPORTED}. One SNMP
 * session (one UDP socket) serves every probe; no retries.
 */
public final class SnmpGetProbe implements HealthProbe {

    public static final String KIND = "snmp";

    private final ProbeSettings settings;
    private final Ticker ticker;
    private final SnmpSession snmp;
    private final ExecutorService resolver = Executors.newVirtualThreadPerTaskExecutor();

    public SnmpGetProbe(ProbeSettings settings) {
        this(settings, Ticker.system());
    }

    public SnmpGetProbe(ProbeSettings settings, Ticker ticker) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.snmp = SnmpSession.open();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletableFuture<ProbeResult> probe(Endpoint endpoint) {
        String what = "SNMP GET sysUpTime.0 from " + endpoint.address();
        if (settings.snmp().isEmpty()) {
            return CompletableFuture.completedFuture(new ProbeResult.Down(FailureReason.UNSUPPORTED, what
                    + ": no SNMP credentials (name a key of the credentials file with 'credentials:')"));
        }
        SnmpCredentials credentials = settings.snmp().get();
        long started = ticker.nanoTime();
        CompletableFuture<ProbeResult> result;
        try {
            result = CompletableFuture.supplyAsync(() -> address(endpoint), resolver)
                    .thenCompose(address -> snmp.get(address, endpoint.address().port(), credentials,
                            settings.timeout(), SnmpConstants.sysUpTime))
                    .handle((response, failure) -> failure != null ? failed(what, failure)
                            : judge(response, what, started));
        } catch (RuntimeException e) { // the executor is shut down: the probe is closed
            result = CompletableFuture.completedFuture(Failures.down(what, e));
        }
        long limit = settings.timeout().toMillis() + 100;
        return result.completeOnTimeout(new ProbeResult.Down(FailureReason.TIMEOUT, what + ": no answer within "
                + settings.timeout().toMillis() + " ms"), limit, TimeUnit.MILLISECONDS);
    }

    private static InetAddress address(Endpoint endpoint) {
        try {
            return InetAddress.getByName(endpoint.address().host());
        } catch (UnknownHostException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ProbeResult failed(String what, Throwable failure) {
        Throwable t = Failures.unwrap(failure);
        if (t instanceof PhoneProtocolException p) {
            return new ProbeResult.Down(p.reason(), p.getMessage());
        }
        if (t instanceof java.io.UncheckedIOException u && u.getCause() != null) {
            t = u.getCause();
        }
        return Failures.down(what, t);
    }

    private ProbeResult judge(PDU response, String what, long started) {
        if (response.getErrorStatus() != PDU.noError) {
            return new ProbeResult.Down(FailureReason.ERROR_REPLY, what + ": " + response.getErrorStatusText());
        }
        if (response.size() != 1 || response.get(0).getVariable().isException()) {
            return new ProbeResult.Down(FailureReason.ERROR_REPLY, what + ": no sysUpTime in the answer");
        }
        return new ProbeResult.Up(Duration.ofNanos(ticker.nanoTime() - started));
    }

    @Override
    public void close() {
        resolver.shutdownNow();
        snmp.close();
    }
}
