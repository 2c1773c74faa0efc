package org.phonecontroller.protocols.sip;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.ServerAddress;

/**
 * Identifies a phone by sending OPTIONS to {@code ADDRESS:5060} and reading the {@code User-Agent} (or
 * {@code Server}) header of any final answer, matched against a {@link UserAgentTable}. Any final status counts:
 * a phone that answers 404 or 405 to OPTIONS still names itself. The identity's protocol is {@code sip}.
 */
public final class SipDiscovery {

    public static final String PROTOCOL = "sip";

    private final SipUdpClient client;
    private final UserAgentTable table;
    private final Duration timeout;
    private final int port;

    public SipDiscovery(SipUdpClient client, UserAgentTable table, Duration timeout) {
        this(client, table, timeout, ServerAddress.DEFAULT_SIP_PORT);
    }

    public SipDiscovery(SipUdpClient client, UserAgentTable table, Duration timeout, int port) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.port = port;
    }

    /**
     * @return the identity, or empty when nothing answered or the answer had no User-Agent/Server header
     */
    public CompletableFuture<Optional<PhoneIdentity>> identify(InetAddress address) {
        var target = new ServerAddress(address.getHostAddress(), port);
        SipRequest options = client.requests().options(target);
        return client.send(options, new InetSocketAddress(address, port), timeout).thenApply(exchange -> {
            if (!(exchange instanceof SipExchange.Answered answered)) {
                return Optional.empty();
            }
            return answered.response().userAgent().map(ua -> identityOf(address, table, ua));
        });
    }

    /**
     * The identity a User-Agent/Server value gives an address (also for the sweeper's SIP hits); an agent the
     * table does not know becomes the model, with an empty vendor.
     */
    public static PhoneIdentity identityOf(InetAddress address, UserAgentTable table, String userAgent) {
        var guess = table.guess(userAgent).orElse(new UserAgentTable.DeviceGuess("", userAgent.strip(), ""));
        return new PhoneIdentity(address, PROTOCOL, guess.vendor(), guess.model(), guess.firmware(), "");
    }
}
