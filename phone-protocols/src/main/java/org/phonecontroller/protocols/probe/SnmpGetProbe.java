package org.phonecontroller.protocols.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.ProbeResult;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.GenericAddress;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * SNMP v2c GET of {@code sysUpTime.0} (kind {@code snmp}): up when the agent answers with a value; an SNMP error
 * status or no such object is {@link FailureReason#ERROR_REPLY}; silence (including a wrong community, which
 * agents ignore) is {@link FailureReason#TIMEOUT}. One UDP socket serves every probe; no retries.
 */
public final class SnmpGetProbe implements HealthProbe {

    public static final String KIND = "snmp";

    private final ProbeSettings settings;
    private final Ticker ticker;
    private final Snmp snmp;

    public SnmpGetProbe(ProbeSettings settings) {
        this(settings, Ticker.system());
    }

    public SnmpGetProbe(ProbeSettings settings, Ticker ticker) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        try {
            this.snmp = new Snmp(new DefaultUdpTransportMapping());
            snmp.listen();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the UDP socket of the snmp probe", e);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletableFuture<ProbeResult> probe(Endpoint endpoint) {
        var result = new CompletableFuture<ProbeResult>();
        String what = "SNMP GET sysUpTime.0 from " + endpoint.address();
        long started = ticker.nanoTime();
        try {
            Address address = GenericAddress.parse("udp:" + endpoint.address().host() + "/"
                    + endpoint.address().port());
            if (address == null) {
                result.complete(new ProbeResult.Down(FailureReason.UNREACHABLE, what + ": not an IP address"));
                return result;
            }
            var target = new CommunityTarget<>(address, new OctetString(settings.snmpCommunity()));
            target.setVersion(SnmpConstants.version2c);
            target.setRetries(0);
            target.setTimeout(Math.max(1, settings.timeout().toMillis()));
            var pdu = new PDU();
            pdu.setType(PDU.GET);
            pdu.add(new VariableBinding(SnmpConstants.sysUpTime));
            snmp.send(pdu, target, null, new ResponseListener() {
                @Override
                public <A extends Address> void onResponse(ResponseEvent<A> event) {
                    ((Snmp) event.getSource()).cancel(event.getRequest(), this);
                    result.complete(judge(event, what, started));
                }
            });
        } catch (IOException | RuntimeException e) {
            result.complete(Failures.down(what, e));
        }
        long limit = settings.timeout().toMillis() + 100;
        return result.completeOnTimeout(new ProbeResult.Down(FailureReason.TIMEOUT, what + ": no answer within "
                + settings.timeout().toMillis() + " ms"), limit, TimeUnit.MILLISECONDS);
    }

    private ProbeResult judge(ResponseEvent<?> event, String what, long started) {
        if (event.getError() != null) {
            return Failures.down(what, event.getError());
        }
        PDU response = event.getResponse();
        if (response == null) {
            return new ProbeResult.Down(FailureReason.TIMEOUT, what + ": no answer within "
                    + settings.timeout().toMillis() + " ms");
        }
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
        try {
            snmp.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the snmp probe's socket", e);
        }
    }
}
