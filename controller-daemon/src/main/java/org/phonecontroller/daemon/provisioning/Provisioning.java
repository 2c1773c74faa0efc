package org.phonecontroller.daemon.provisioning;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.ProvisioningSettings;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.config.RangeCredentials;
import org.phonecontroller.daemon.inventory.RangeTarget;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.http.HttpCredentials;
import org.phonecontroller.protocols.provisioning.ProvisionedServer;
import org.phonecontroller.protocols.provisioning.ProvisioningProfiles;
import org.phonecontroller.protocols.sip.SipIds;
import org.phonecontroller.protocols.sip.SipUdpClient;

/**
 * The provisioning part of the daemon, built from one configuration: the profiles, the provisioned ranges, the file
 * source, the fetch ledger, the HTTP server and the {@code provisioning:<profile>} protocols. {@link #close} stops the
 * server and releases the SIP socket and the trigger scheduler.
 */
public final class Provisioning implements AutoCloseable {

    /** System property: the SIP port of the phones, when not 5060 (phone labs on loopback). */
    public static final String PHONE_SIP_PORT_PROPERTY = "phonecontroller.phoneSipPort";

    private final ProvisioningSettings settings;
    private final Map<String, ProvisionedRange> ranges;
    private final Map<String, Optional<HttpCredentials>> rangeCredentials;
    private final ProvisioningLedger ledger;
    private final ProvisioningRequests requests;
    private final ProvisioningServer server;
    private final SipUdpClient sip;
    private final ScheduledExecutorService scheduler;
    private final HttpClient http;
    private final TimeSource time;

    private Provisioning(ProvisioningSettings settings, Map<String, ProvisionedRange> ranges,
                         Map<String, Optional<HttpCredentials>> rangeCredentials, ProvisioningLedger ledger,
                         ProvisioningRequests requests, ProvisioningServer server, SipUdpClient sip,
                         ScheduledExecutorService scheduler, HttpClient http, TimeSource time) {
        this.settings = settings;
        this.ranges = ranges;
        this.rangeCredentials = rangeCredentials;
        this.ledger = ledger;
        this.requests = requests;
        this.server = server;
        this.sip = sip;
        this.scheduler = scheduler;
        this.http = http;
        this.time = time;
    }

    /**
     * Starts the provisioning server when the configuration has a {@code provisioning:} section.
     *
     * @param rangeTargets  a range's desired target, as the database holds it
     * @param fetchListener told of every served configuration file (the inventory learns from it)
     * @throws IllegalStateException when the server cannot start or a profile is missing
     */
    public static Optional<Provisioning> start(ControllerConfig config, Credentials credentials,
                                               Function<String, Optional<RangeTarget>> rangeTargets,
                                               TimeSource time, Consumer<Fetch> fetchListener) {
        if (config.provisioning().isEmpty()) {
            return Optional.empty();
        }
        ProvisioningSettings settings = config.provisioning().get();
        ProvisioningProfiles profiles = ProvisioningProfiles.load(Optional.of(config.profilesDir()));
        Map<String, ProvisionedRange> ranges = new java.util.LinkedHashMap<>();
        Map<String, Optional<HttpCredentials>> rangeCredentials = new java.util.HashMap<>();
        for (RangeConfig range : config.ranges()) {
            range.protocols().stream().filter(p -> p.startsWith("provisioning:")).findFirst().ifPresent(name -> {
                String profile = name.substring("provisioning:".length());
                ranges.put(range.name(), new ProvisionedRange(range.name(), range.addresses(), profiles.get(profile)
                        .orElseThrow(() -> new IllegalStateException("range '" + range.name() + "': unknown "
                                + "provisioning profile '" + profile + "' (known: " + profiles.names() + ")")), name,
                        server(config, range.primary()), server(config, range.fallback())));
                rangeCredentials.put(range.name(), credentials.forRange(range.credentials())
                        .flatMap(RangeCredentials::http).map(h -> new HttpCredentials(h.user(), h.password())));
            });
        }
        FileSource source = switch (settings.source()) {
            case ProvisioningSettings.Source.Directory d -> new DirectorySource(d.directory(), d.maxBytes());
            case ProvisioningSettings.Source.Upstream u -> new UpstreamSource(u.url(), u.credentials()
                    .flatMap(credentials::forRange).flatMap(RangeCredentials::http), u.cacheDir(), u.timeout(),
                    u.maxBytes());
            case ProvisioningSettings.Source.Template t -> FileSource.NONE;
        };
        ProvisioningLedger ledger = new ProvisioningLedger();
        ProvisioningRequests requests = new ProvisioningRequests(List.copyOf(ranges.values()), source, ledger,
                rangeTargets, time, fetchListener);
        ProvisioningServer server = ProvisioningServer.start(settings, requests);
        SipUdpClient sip;
        try {
            sip = SipUdpClient.open(new InetSocketAddress(0).getAddress(), "PhoneController", SipIds.secure());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("provisioning-triggers").daemon().factory());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return Optional.of(new Provisioning(settings, Map.copyOf(ranges), Map.copyOf(rangeCredentials), ledger,
                requests, server, sip, scheduler, http, time));
    }

    private static ProvisionedServer server(ControllerConfig config, String phoneManager) {
        PhoneManagerConfig pm = config.phoneManager(phoneManager).orElseThrow();
        return ProvisionedServer.of(new ServerAddress(pm.host(), pm.port()), Transport.valueOf(pm.transport().name()));
    }

    /** The protocol {@code name} ({@code provisioning:<profile>}) for a range, or empty when it is not one. */
    public Optional<PhoneProtocol> protocol(String range, String name) {
        ProvisionedRange r = ranges.get(range);
        if (r == null || !r.protocol().equals(name)) {
            return Optional.empty();
        }
        return Optional.of(new ProvisioningPhoneProtocol(r, ledger, sip, Integer.getInteger(PHONE_SIP_PORT_PROPERTY,
                ServerAddress.DEFAULT_SIP_PORT), rangeCredentials.getOrDefault(range, Optional.empty()),
                settings.fetchDeadline(), settings.triggers(), Duration.ofSeconds(1), scheduler, time, url(), http));
    }

    /** The URL phones should be given (the listen address; a wildcard is shown as this machine's name). */
    public String url() {
        String host = settings.host().equals("0.0.0.0") || settings.host().equals("::") ? "<this machine>"
                : settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return (settings.tls().isPresent() ? "https" : "http") + "://" + host + ":" + server.port() + "/";
    }

    public ProvisioningLedger ledger() {
        return ledger;
    }

    public ProvisioningRequests requests() {
        return requests;
    }

    public List<ProvisionedRange> ranges() {
        return new ArrayList<>(ranges.values());
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        scheduler.shutdownNow();
        sip.close();
    }
}
