package org.phonecontroller.lab.internal.provisioning;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.phonecontroller.lab.AddressList;
import org.phonecontroller.lab.LabConfig.ProvisioningSpec;
import org.phonecontroller.lab.LabViews.Fetch;
import org.phonecontroller.lab.LabViews.ProvisioningSummary;
import org.phonecontroller.lab.LabViews.ProvisioningView;
import org.phonecontroller.lab.internal.DigestAuth;
import org.phonecontroller.lab.internal.Ipv4Ranges;
import org.phonecontroller.lab.internal.LabTimers;
import org.phonecontroller.lab.internal.RegistrationState;
import org.phonecontroller.lab.internal.SimulatedPhone;
import org.phonecontroller.lab.internal.provisioning.ProvisioningFirmware.NotifyAction;
import org.phonecontroller.protocols.ServerAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's provisioning-driven phones (lab.yaml {@code provisioning}): at boot each fetches its vendor's files from
 * the group's provisioning URL, from its own address with the vendor's HTTP User-Agent, keeps the settings (a key a
 * later file leaves out keeps its value, as in the phone's flash) and registers to server 1 of what it read. On the
 * vendor's NOTIFY it resyncs or reboots as its {@link ProvisioningFirmware} and settings say. No thread per phone:
 * boots are entries of the lab's timer queue, fetches run on virtual threads ({@link PhoneHttpFetcher}).
 * File contents are never logged (they hold SIP passwords).
 */
public final class ProvisionedPhones implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisionedPhones.class);
    private final Map<Integer, PhoneProvisioning> phones = new ConcurrentHashMap<>();
    private final PhoneHttpFetcher http = new PhoneHttpFetcher();
    private final LabTimers timers;
    private final InstantSource clock;

    /** The answer to a NOTIFY (with extra header name/value pairs) and what the phone does once it has answered. */
    public record NotifyReply(int status, String reason, List<String> headers, Runnable then) {
        NotifyReply(int status, String reason, Runnable then) {
            this(status, reason, List.of(), then);
        }
    }

    /** Realm of the lab Cisco phones' NOTIFY challenges (the vendor guide does not name one). */
    public static final String NOTIFY_REALM = "cisco-mpp";
    private final DigestAuth notifyAuth = new DigestAuth(NOTIFY_REALM);

    public ProvisionedPhones(LabTimers timers, InstantSource clock) {
        this.timers = timers;
        this.clock = clock;
    }

    /** Makes {@code phone} provisioning-driven when its group has a {@code provisioning} spec; false otherwise. */
    public boolean add(SimulatedPhone phone) {
        Optional<ProvisioningSpec> spec = phone.group().provisioning();
        Optional<ProvisioningFirmware> firmware = ProvisioningFirmware.of(phone.vendor());
        if (spec.isEmpty() || firmware.isEmpty()) {
            return false;
        }
        phones.put(phone.address(), new PhoneProvisioning(phone, spec.get(), firmware.get()));
        return true;
    }

    public boolean handles(SimulatedPhone phone) {
        return phones.containsKey(phone.address());
    }

    /** Boots the phone after {@code delay} (the lab's startup spread): fetch, then register. */
    public void boot(SimulatedPhone phone, Duration delay) {
        PhoneProvisioning p = phones.get(phone.address());
        timers.after(delay, () -> sync(p, true));
    }

    /** Power-cycles the phone: silent for its boot delay, then fetch and register. */
    public void reboot(SimulatedPhone phone) {
        reboot(phones.get(phone.address()));
    }

    /**
     * The answer to a NOTIFY sent to the phone, and the resync or reboot that follows it.
     *
     * @param authorization the request's {@code Authorization} header, if any
     */
    public NotifyReply onNotify(SimulatedPhone phone, String eventHeader, Optional<String> authorization) {
        PhoneProvisioning p = phones.get(phone.address());
        NotifyAction action;
        Optional<ProvisioningFirmware.NotifyCredentials> credentials;
        p.lock.lock();
        try {
            action = p.firmware.onNotify(eventHeader, p.settings);
            credentials = p.firmware.notifyCredentials(p.settings);
        } finally {
            p.lock.unlock();
        }
        if ((action == NotifyAction.RESYNC || action == NotifyAction.REBOOT) && credentials.isPresent()
                && !notifyAuth.accepts(authorization.orElse(null), "NOTIFY", credentials.get().user(),
                credentials.get().password())) {
            LOG.debug("{}: NOTIFY Event: {} challenged", phone, eventHeader);
            return new NotifyReply(401, "Unauthorized", List.of("WWW-Authenticate", notifyAuth.challenge()),
                    () -> { });
        }
        p.lock.lock();
        try {
            p.notifies++;
        } finally {
            p.lock.unlock();
        }
        LOG.debug("{}: NOTIFY Event: {} -> {}", phone, eventHeader, action);
        return switch (action) {
            case REJECT -> new NotifyReply(489, "Bad Event", () -> { });
            case IGNORE -> new NotifyReply(200, "OK", () -> { });
            case REBOOT -> new NotifyReply(200, "OK", () -> reboot(p));
            case RESYNC -> new NotifyReply(200, "OK", () -> resync(p));
        };
    }

    /** Tells a phone its call ended: a resync that waited for it runs now. */
    public void callEnded(SimulatedPhone phone) {
        PhoneProvisioning p = phones.get(phone.address());
        if (p == null) {
            return;
        }
        boolean run;
        p.lock.lock();
        try {
            run = p.resyncPending;
            p.resyncPending = false;
        } finally {
            p.lock.unlock();
        }
        if (run) {
            sync(p, false);
        }
    }

    public Optional<ProvisioningView> view(SimulatedPhone phone) {
        PhoneProvisioning p = phones.get(phone.address());
        if (p == null) {
            return Optional.empty();
        }
        p.lock.lock();
        try {
            return Optional.of(new ProvisioningView(p.spec.url().toString(), p.files, p.userAgent,
                    Optional.ofNullable(p.lastFetch), List.copyOf(p.lastSync), p.fetches,
                    p.firmware.servers(p.settings).stream().map(ServerAddress::toString).toList(), p.reboots,
                    p.notifies, p.firmware.rebootsOnResync(p.settings), p.resyncPending));
        } finally {
            p.lock.unlock();
        }
    }

    public ProvisioningSummary summary() {
        long fetches = 0;
        long failed = 0;
        int reboots = 0;
        int rebooted = 0;
        int notifies = 0;
        int pending = 0;
        for (PhoneProvisioning p : phones.values()) {
            p.lock.lock();
            try {
                fetches += p.fetches;
                failed += p.failedFetches;
                reboots += p.reboots;
                rebooted += p.reboots > 0 ? 1 : 0;
                notifies += p.notifies;
                pending += p.resyncPending ? 1 : 0;
            } finally {
                p.lock.unlock();
            }
        }
        return new ProvisioningSummary(phones.size(), fetches, failed, reboots, rebooted, notifies, pending);
    }

    private void reboot(PhoneProvisioning p) {
        p.lock.lock();
        try {
            p.reboots++;
            p.resyncPending = false;
        } finally {
            p.lock.unlock();
        }
        LOG.info("{} reboots (boot delay {})", p.phone, p.spec.bootDelay());
        p.phone.powerCycle(p.spec.bootDelay(), () -> sync(p, true));
    }

    private void resync(PhoneProvisioning p) {
        if (p.firmware.resyncWaitsForIdle() && p.phone.busy()) {
            p.lock.lock();
            try {
                p.resyncPending = true;
            } finally {
                p.lock.unlock();
            }
            LOG.debug("{}: resync waits until the call ends", p.phone);
            return;
        }
        sync(p, false);
    }

    /**
     * Fetches the firmware's files one after the other (each next file as the earlier ones decide: {@link SyncPlan}),
     * keeps what the firmware takes, then hands the servers to the phone.
     */
    private void sync(PhoneProvisioning p, boolean atBoot) {
        p.lock.lock();
        try {
            if (p.syncing) {
                // a NOTIFY or a boot during a fetch: fetch once more when this one is done (a boot stays a boot)
                p.syncAgain = true;
                p.syncAgainAtBoot |= atBoot;
                return;
            }
            p.syncing = true;
            p.lastSync.clear();
        } finally {
            p.lock.unlock();
        }
        SyncPlan plan = p.firmware.plan(p.phone.vendor().userAgent(), p.phone.mac());
        fetchAll(p, plan).whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.warn("{}: provisioning sync failed", p.phone, error);
            }
            List<ServerAddress> servers;
            boolean again;
            boolean againAtBoot;
            p.lock.lock();
            try {
                if (error == null) {
                    plan.applyTo(p.settings);
                }
                servers = p.firmware.servers(p.settings);
                p.syncing = false;
                again = p.syncAgain;
                againAtBoot = p.syncAgainAtBoot;
                p.syncAgain = false;
                p.syncAgainAtBoot = false;
            } finally {
                p.lock.unlock();
            }
            if (p.phone.registrationState() != RegistrationState.REBOOTING && !againAtBoot) {
                p.phone.provisioned(servers, atBoot);
            }
            if (again) {
                sync(p, againAtBoot);
            }
        });
    }

    private CompletableFuture<Void> fetchAll(PhoneProvisioning p, SyncPlan plan) {
        Optional<String> next = plan.next();
        return next.isEmpty() ? CompletableFuture.completedFuture(null)
                : fetchOne(p, plan, next.get()).thenCompose(ignored -> fetchAll(p, plan));
    }

    private CompletableFuture<Void> fetchOne(PhoneProvisioning p, SyncPlan plan, String file) {
        URI uri;
        try {
            uri = resolve(p.spec, file);
        } catch (IllegalArgumentException e) {
            SyncPlan.Outcome o = plan.fetched(file, 0, null);
            remember(p, new Fetch(clock.instant(), file, 0, "not fetched: " + e.getMessage()), o.failed());
            return CompletableFuture.completedFuture(null);
        }
        return http.get(AddressList.toInet(p.phone.address()), uri, p.userAgent, p.spec.timeout())
                .handle((reply, error) -> {
                    Fetch fetch;
                    boolean failed;
                    if (error != null) {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        failed = plan.fetched(file, 0, null).failed();
                        fetch = new Fetch(clock.instant(), file, 0, "no answer: " + cause);
                    } else {
                        SyncPlan.Outcome o = plan.fetched(file, reply.status(),
                                new String(reply.body(), StandardCharsets.UTF_8));
                        failed = o.failed();
                        fetch = new Fetch(clock.instant(), file, reply.status(), o.outcome());
                    }
                    remember(p, fetch, failed);
                    LOG.debug("{} fetched {}: {}", p.phone, uri, fetch.outcome());
                    return null;
                });
    }

    private static void remember(PhoneProvisioning p, Fetch fetch, boolean failed) {
        p.lock.lock();
        try {
            p.fetches++;
            if (failed) {
                p.failedFetches++;
            }
            p.lastFetch = fetch;
            p.lastSync.add(fetch);
        } finally {
            p.lock.unlock();
        }
    }

    /**
     * A file name under the provisioning URL, or an absolute URL a file named (Snom {@code <setting-files>},
     * Polycom {@code CONFIG_FILES}): only {@code http://} on a loopback IPv4 literal, as everything in the lab.
     */
    static URI resolve(ProvisioningSpec spec, String file) {
        if (!file.contains("://")) {
            return spec.file(file);
        }
        URI uri = URI.create(file);
        String host = uri.getHost();
        if (!"http".equals(uri.getScheme()) || host == null || !host.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                || !Ipv4Ranges.isLoopback(Ipv4Ranges.parseAddress(host) & 0xffffffffL)) {
            throw new IllegalArgumentException(file + " is no http:// URL on a loopback address");
        }
        return uri;
    }

    @Override
    public void close() {
        http.close();
    }

    /** One phone's provisioning state; guarded by its lock (a lock, not a monitor: fetches end on virtual threads). */
    private static final class PhoneProvisioning {
        final SimulatedPhone phone;
        final ProvisioningSpec spec;
        final ProvisioningFirmware firmware;
        final List<String> files;
        final String userAgent;
        final ReentrantLock lock = new ReentrantLock();
        final Map<String, String> settings = new HashMap<>();
        final List<Fetch> lastSync = new ArrayList<>();
        Fetch lastFetch;
        long fetches;
        long failedFetches;
        int reboots;
        int notifies;
        boolean resyncPending;
        boolean syncing;
        boolean syncAgain;
        boolean syncAgainAtBoot;

        PhoneProvisioning(SimulatedPhone phone, ProvisioningSpec spec, ProvisioningFirmware firmware) {
            this.phone = phone;
            this.spec = spec;
            this.firmware = firmware;
            this.files = firmware.fileNames(phone.vendor().userAgent(), phone.mac());
            this.userAgent = firmware.httpUserAgent(phone.vendor().userAgent(), phone.mac());
        }
    }
}
