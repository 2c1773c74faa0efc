package org.phonecontroller.daemon.provisioning;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.config.ProvisioningSettings;
import org.phonecontroller.daemon.inventory.RangeTarget;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.provisioning.ProvisioningProfiles;
import org.phonecontroller.protocols.sip.SipIds;
import org.phonecontroller.protocols.sip.SipUdpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provisioning part of the daemon: the fetch ledger, the HTTP server, the SIP socket and scheduler of the
 * triggers, and the {@link ProvisionedRanges} served now. The server, its listen address and TLS live as long as the
 * process; the ranges, their profiles, PhoneManagers and credentials, the file source and the push settings belong to
 * a configuration: each runtime {@link #configure configures} its own and {@link Configured#serve serves} them when
 * it starts, swapping one immutable view for the next (requests in flight finish with the one they began with).
 * {@link #close} stops the server and releases the SIP socket and the trigger scheduler.
 */
public final class Provisioning implements AutoCloseable {

    /** System property: the SIP port of the phones, when not 5060 (phone labs on loopback). */
    public static final String PHONE_SIP_PORT_PROPERTY = "phonecontroller.phoneSipPort";

    private static final Logger log = LoggerFactory.getLogger(Provisioning.class);

    /** The settings the server started with: its listen address and TLS stay until the next start. */
    private final ProvisioningSettings started;
    private final AtomicReference<ProvisionedRanges> served;
    private final ProvisioningLedger ledger;
    private final ProvisioningRequests requests;
    private final ProvisioningServer server;
    private final SipUdpClient sip;
    private final ScheduledExecutorService scheduler;
    private final HttpClient http;
    private final TimeSource time;

    private Provisioning(ProvisioningSettings started, AtomicReference<ProvisionedRanges> served,
                         ProvisioningLedger ledger, ProvisioningRequests requests, ProvisioningServer server,
                         SipUdpClient sip, ScheduledExecutorService scheduler, HttpClient http, TimeSource time) {
        this.started = started;
        this.served = served;
        this.ledger = ledger;
        this.requests = requests;
        this.server = server;
        this.sip = sip;
        this.scheduler = scheduler;
        this.http = http;
        this.time = time;
    }

    /**
     * Starts the provisioning server when the configuration has a {@code provisioning:} section, serving its
     * ranges at once.
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
        FileSource.Spec spec = FileSource.Spec.of(settings.source(), credentials);
        ProvisionedRanges first = ProvisionedRanges.of(config, credentials, profiles(config), spec.open(),
                Optional.of(spec));
        AtomicReference<ProvisionedRanges> served = new AtomicReference<>(first);
        ProvisioningLedger ledger = new ProvisioningLedger();
        ProvisioningRequests requests = new ProvisioningRequests(served::get, ledger, rangeTargets, time,
                fetchListener);
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
        log.info("Provisioning serves {} from {}", first.describe(), first.source().describe());
        return Optional.of(new Provisioning(settings, served, ledger, requests, server, sip, scheduler, http, time));
    }

    private static ProvisioningProfiles profiles(ControllerConfig config) {
        return ProvisioningProfiles.load(Optional.of(config.profilesDir()));
    }

    /**
     * Builds what {@code config} provisions, to be served from {@link Configured#serve()} on: until then the server
     * does not change, so a reload that fails after this changes nothing. A source whose settings and login did not
     * change is kept (with an upstream's state); without a {@code provisioning:} section no range is provisioned.
     *
     * @throws IllegalStateException when a range names an unknown provisioning profile
     */
    public Configured configure(ControllerConfig config, Credentials credentials) {
        ProvisionedRanges now = served.get();
        Optional<FileSource.Spec> spec = config.provisioning().map(s -> FileSource.Spec.of(s.source(), credentials));
        boolean sameSource = spec.isEmpty() || spec.equals(now.sourceSpec());
        FileSource source = sameSource ? now.source() : spec.get().open();
        return new Configured(ProvisionedRanges.of(config, credentials, profiles(config), source,
                sameSource ? now.sourceSpec() : spec));
    }

    /**
     * The provisioning of one configuration: builds its ranges' {@code provisioning:<profile>} protocols, and is
     * served when the runtime it was built for starts.
     */
    public final class Configured {
        private final ProvisionedRanges ranges;

        private Configured(ProvisionedRanges ranges) {
            this.ranges = ranges;
        }

        public ProvisionedRanges ranges() {
            return ranges;
        }

        /** The protocol {@code name} ({@code provisioning:<profile>}) for a range, or empty when it is not one. */
        public Optional<PhoneProtocol> protocol(String range, String name) {
            ProvisioningSettings settings = ranges.settings().orElse(started);
            return ranges.range(range).filter(r -> r.protocol().equals(name)).map(r -> new ProvisioningPhoneProtocol(
                    r, ledger, sip, Integer.getInteger(PHONE_SIP_PORT_PROPERTY, ServerAddress.DEFAULT_SIP_PORT),
                    ranges.credentials(range), settings.fetchDeadline(), settings.triggers(), Duration.ofSeconds(1),
                    scheduler, time, url(), http));
        }

        /**
         * Serves these ranges from now on: a request that began before finishes with the ranges it began with.
         * Phones whose range was removed, or given other PhoneManagers, lose the servers their last push recorded
         * (they are served their range's target until the next push).
         */
        public void serve() {
            Provisioning.this.serve(ranges);
        }
    }

    private void serve(ProvisionedRanges next) {
        ProvisionedRanges before = served.getAndSet(next);
        if (before == next) {
            return;
        }
        int forgotten = ledger.forgetDesired(phone -> !ProvisionedRanges.sameServers(before, next, phone));
        if (!before.describe().equals(next.describe())) {
            log.info("Provisioning now serves {} (was {}){}", next.describe(), before.describe(), forgotten == 0 ? ""
                    : "; forgot the pushed servers of " + forgotten + " phone(s) whose range changed");
        }
        if (before.source() != next.source()) {
            log.info("Provisioning files now come from {} (were from {})", next.source().describe(),
                    before.source().describe());
        }
        if (next.settings().isEmpty()) {
            log.warn("The configuration has no provisioning: section any more: the provisioning server on {} refuses"
                    + " every phone (403) and stops at the next start of the daemon", started.listen());
        } else if (!sameListener(next.settings().get())) {
            ProvisioningSettings s = next.settings().get();
            log.warn("provisioning.listen/tls changed to {} ({}): takes effect at the next start of the daemon; the"
                    + " provisioning server still listens on {} ({})", s.listen(), s.tls().isPresent() ? "HTTPS"
                    : "HTTP", started.listen(), started.tls().isPresent() ? "HTTPS" : "HTTP");
        }
    }

    private boolean sameListener(ProvisioningSettings s) {
        return s.host().equals(started.host()) && s.port() == started.port() && s.tls().equals(started.tls());
    }

    /** The URL phones should be given (the listen address; a wildcard is shown as this machine's name). */
    public String url() {
        String host = started.host().equals("0.0.0.0") || started.host().equals("::") ? "<this machine>"
                : started.host().contains(":") ? "[" + started.host() + "]" : started.host();
        return (started.tls().isPresent() ? "https" : "http") + "://" + host + ":" + server.port() + "/";
    }

    public ProvisioningLedger ledger() {
        return ledger;
    }

    public ProvisioningRequests requests() {
        return requests;
    }

    /** The ranges served now. */
    public ProvisionedRanges served() {
        return served.get();
    }

    /** The provisioned ranges served now. */
    public List<ProvisionedRange> ranges() {
        return served.get().ranges();
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
