package org.phonecontroller.protocols.snmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneProtocolException;
import org.snmp4j.PDU;
import org.snmp4j.SNMP4JSettings;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.USM;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.UdpAddress;

/**
 * The one SNMP session (one UDP socket, one SNMP4J {@link Snmp}) that every SNMP adapter of a controller shares.
 * Requests are asynchronous; each carries its own timeout and retries. Responses are handed to a virtual-thread
 * executor so that callers never run on SNMP4J's receive thread.
 *
 * <p>SNMPv3 users are registered per user name: two ranges may share a user name only with the same keys
 * (SNMP4J's USM holds one entry per user name for engines it has not seen yet).
 */
public final class SnmpSession implements AutoCloseable {

    private final Snmp snmp;
    private final USM usm;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("snmp-", 0).factory());
    private final Map<String, SnmpCredentials.V3> users = new ConcurrentHashMap<>();

    private SnmpSession(Snmp snmp, USM usm) {
        this.snmp = snmp;
        this.usm = usm;
    }

    /** Opens the session on an ephemeral UDP port of every local address. */
    public static SnmpSession open() {
        // An agent reports usmStatsWrongDigests / usmStatsUnknownUserNames unauthenticated (it cannot do better);
        // SNMP4J ignores such reports by default and the request would look like a timeout. Accepting them lets a
        // wrong password surface as AUTH_FAILED. A spoofed report can at worst fail one request.
        SNMP4JSettings.setReportSecurityLevelStrategy(SNMP4JSettings.ReportSecurityLevelStrategy.noAuthNoPrivIfNeeded);
        try {
            USM usm = SnmpSecurity.usm();
            return new SnmpSession(SnmpSecurity.listen(usm), usm);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the SNMP session's UDP socket", e);
        }
    }

    /** A target for one request to {@code address:port}. */
    Target<UdpAddress> target(InetAddress address, int port, SnmpCredentials credentials, Duration timeout,
                              int retries) {
        register(credentials);
        return SnmpSecurity.target(new UdpAddress(address, port), credentials, timeout, retries);
    }

    /**
     * One GET of {@code oids} from the agent at {@code address:port}, without retries (the health probe's request).
     * Completes as {@link #send} does.
     */
    public CompletableFuture<PDU> get(InetAddress address, int port, SnmpCredentials credentials, Duration timeout,
                                      OID... oids) {
        PDU pdu = SnmpSecurity.pdu(credentials, PDU.GET);
        for (OID oid : oids) {
            pdu.add(new org.snmp4j.smi.VariableBinding(oid));
        }
        return send(pdu, target(address, port, credentials, timeout, 0), "GET");
    }

    /**
     * Sends a request. Completes with the response PDU (which may carry an error status), or exceptionally with a
     * {@link PhoneProtocolException}: TIMEOUT when nothing came back, AUTH_FAILED for a USM report such as
     * usmStatsUnknownUserNames or usmStatsWrongDigests, UNREACHABLE when sending failed.
     */
    CompletableFuture<PDU> send(PDU request, Target<UdpAddress> target, String what) {
        CompletableFuture<PDU> result = new CompletableFuture<>();
        String phone = target.getAddress().getInetAddress().getHostAddress();
        ResponseListener listener = new ResponseListener() {
            @Override
            public <A extends Address> void onResponse(ResponseEvent<A> event) {
                ((Snmp) event.getSource()).cancel(event.getRequest(), this);
                executor.execute(() -> complete(result, event, phone, what, target.getTimeout()
                        * (target.getRetries() + 1)));
            }
        };
        try {
            // Engine-ID discovery for SNMPv3 may block inside send: keep it on a virtual thread.
            executor.execute(() -> {
                try {
                    snmp.send(request, target, null, listener);
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(new PhoneProtocolException(FailureReason.UNREACHABLE,
                            "SNMP " + what + " to " + phone + " could not be sent: " + e.getMessage(), e));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new PhoneProtocolException(FailureReason.UNREACHABLE,
                    "SNMP " + what + " to " + phone + ": the SNMP session is closed", e));
        }
        return result;
    }

    private static <A extends Address> void complete(CompletableFuture<PDU> result, ResponseEvent<A> event,
                                                     String phone, String what, long waitedMillis) {
        PDU response = event.getResponse();
        if (event.getError() != null) {
            result.completeExceptionally(new PhoneProtocolException(FailureReason.UNREACHABLE,
                    "SNMP " + what + " to " + phone + " failed: " + event.getError().getMessage(), event.getError()));
        } else if (response == null) {
            result.completeExceptionally(new PhoneProtocolException(FailureReason.TIMEOUT,
                    "SNMP " + what + " to " + phone + ": no answer within " + waitedMillis + " ms"));
        } else if (response.getType() == PDU.REPORT) {
            OID reported = response.size() > 0 ? response.get(0).getOid() : new OID();
            String name = reportName(reported);
            FailureReason reason = name.startsWith("usmStats") && !name.equals("usmStatsNotInTimeWindows")
                    || name.equals("snmpUnknownContexts") ? FailureReason.AUTH_FAILED : FailureReason.ERROR_REPLY;
            result.completeExceptionally(new PhoneProtocolException(reason,
                    "SNMP " + what + " to " + phone + " was refused: report " + name));
        } else if (response.getErrorStatus() == PDU.authorizationError) {
            result.completeExceptionally(new PhoneProtocolException(FailureReason.AUTH_FAILED,
                    "SNMP " + what + " to " + phone + " was refused: authorizationError"));
        } else {
            result.complete(response);
        }
    }

    private static String reportName(OID oid) {
        Map<OID, String> names = Map.of(
                SnmpConstants.usmStatsUnknownUserNames, "usmStatsUnknownUserNames",
                SnmpConstants.usmStatsWrongDigests, "usmStatsWrongDigests",
                SnmpConstants.usmStatsDecryptionErrors, "usmStatsDecryptionErrors",
                SnmpConstants.usmStatsUnsupportedSecLevels, "usmStatsUnsupportedSecLevels",
                SnmpConstants.usmStatsUnknownEngineIDs, "usmStatsUnknownEngineIDs",
                SnmpConstants.usmStatsNotInTimeWindows, "usmStatsNotInTimeWindows",
                SnmpConstants.snmpUnknownContexts, "snmpUnknownContexts");
        for (var e : names.entrySet()) {
            if (oid.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return oid.toDottedString();
    }

    /**
     * Makes the SNMPv3 user known to the session's USM.
     *
     * @throws IllegalArgumentException when the user name is already registered with other protocols or passwords
     */
    void register(SnmpCredentials credentials) {
        if (!(credentials instanceof SnmpCredentials.V3 v3)) {
            return;
        }
        SnmpCredentials.V3 known = users.putIfAbsent(v3.user(), v3);
        if (known == null) {
            usm.addUser(SnmpSecurity.usmUser(v3));
        } else if (!known.equals(v3)) {
            throw new IllegalArgumentException("SNMPv3 user '" + v3.user()
                    + "' is configured twice with different protocols or passwords; one SNMP session holds one "
                    + "set of keys per user name");
        }
    }

    @Override
    public void close() {
        try {
            snmp.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the SNMP session", e);
        } finally {
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "SnmpSession" + Objects.toString(snmp.getMessageDispatcher().getTransportMappings());
    }
}
