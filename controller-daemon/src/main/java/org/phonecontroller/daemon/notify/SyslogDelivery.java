package org.phonecontroller.daemon.notify;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.phonecontroller.config.NotifyReceiver;
import org.phonecontroller.config.NotifyReceiver.SyslogTransport;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;

/**
 * One RFC 5424 message per event: facility daemon, a severity by kind, APP-NAME {@code phonecontroller}, MSGID the
 * kind, structured data {@code [phonecontroller@32473 range=… phone=… phoneManager=…]}, the detail as MSG. Over UDP
 * (RFC 5426, one datagram, not retried), TCP (RFC 6587 octet counting) or TLS (RFC 5425, the JVM's trust store,
 * host name verified); a connection per event, retried when it fails.
 */
final class SyslogDelivery implements Delivery {
    /** IANA's example enterprise number (RFC 5612): the SD-ID is private, not registered. */
    static final String SD_ID = "phonecontroller@32473";
    private final NotifyReceiver.Syslog syslog;
    private final String hostname;
    private final String procId = String.valueOf(ProcessHandle.current().pid());

    SyslogDelivery(NotifyReceiver.Syslog syslog) {
        this.syslog = syslog;
        this.hostname = localName();
    }

    /** The machine's name without asking DNS: $HOSTNAME, %COMPUTERNAME% or the kernel's; else NILVALUE. */
    private static String localName() {
        for (String variable : List.of("HOSTNAME", "COMPUTERNAME")) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    static SyslogMessage message(Event e, String hostname, String procId) {
        Map<String, String> params = new LinkedHashMap<>();
        if (!e.range().isEmpty()) {
            params.put("range", e.range());
        }
        if (!e.phone().isEmpty()) {
            params.put("phone", e.phone());
        }
        if (!e.phoneManager().isEmpty()) {
            params.put("phoneManager", e.phoneManager());
        }
        List<SyslogMessage.Element> sd = params.isEmpty() ? List.of() : List.of(new SyslogMessage.Element(SD_ID,
                params));
        return new SyslogMessage(SyslogMessage.DAEMON, severity(e.kind()), e.ts().atOffset(ZoneOffset.UTC),
                hostname, "phonecontroller", procId, e.kind().name(), sd,
                e.detail().isEmpty() ? Optional.empty() : Optional.of(e.detail()));
    }

    /** error: something is down or failed; warning: at risk or failing over; notice: back to normal; info: else. */
    static int severity(EventKind kind) {
        return switch (kind) {
            case PHONE_MANAGER_DOWN, CONTROLLER_ISOLATED, FAILOVER_BLOCKED, PHONE_FAILED, CONFIG_REJECTED -> 3;
            case PHONE_MANAGER_SUSPECT, FAILOVER_STARTED, FAILOVER_COMPLETED -> 4;
            case PHONE_MANAGER_UP, PHONE_MANAGER_RECOVERING, CONTROLLER_CONNECTED, FAILBACK_STARTED,
                 FAILBACK_COMPLETED, DAEMON_STARTED, DAEMON_STOPPED -> 5;
            default -> 6;
        };
    }

    @Override
    public void send(Notification n, Duration timeout) throws DeliveryFailed {
        byte[] bytes = message(n.event(), hostname, procId).bytes();
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        try {
            InetAddress address = InetAddress.getByName(syslog.host());
            if (syslog.transport() == SyslogTransport.UDP) {
                try (DatagramSocket socket = new DatagramSocket()) {
                    socket.send(new DatagramPacket(bytes, bytes.length, address, syslog.port()));
                }
                return;
            }
            try (Socket socket = connect(address, millis)) {
                socket.setSoTimeout(millis);
                OutputStream out = socket.getOutputStream();
                out.write((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
            }
        } catch (SocketTimeoutException e) {
            throw new DeliveryFailed(syslog.describe() + ": no connection within " + millis + " ms", true, e);
        } catch (IOException e) {
            throw new DeliveryFailed(syslog.describe() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), syslog.transport() != SyslogTransport.UDP,
                    e);
        }
    }

    private Socket connect(InetAddress address, int millis) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(address, syslog.port()), millis);
            if (syslog.transport() == SyslogTransport.TCP) {
                return plain;
            }
            SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(plain, syslog.host(), syslog.port(), true);
            SSLParameters params = tls.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(params);
            tls.setSoTimeout(millis);
            tls.startHandshake();
            return tls;
        } catch (IOException e) {
            plain.close();
            throw e;
        }
    }
}
