package org.phonecontroller.lab.internal.provisioning;

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
import org.phonecontroller.lab.AddressList;
import org.phonecontroller.lab.LabConfig.ProvisioningSpec;
import org.phonecontroller.lab.LabViews.Fetch;
import org.phonecontroller.lab.LabViews.ProvisioningSummary;
import org.phonecontroller.lab.LabViews.ProvisioningView;
import org.phonecontroller.lab.internal.DigestAuth;
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
        synchronized (p) {
            action = p.firmware.onNotify(eventHeader, p.settings);
            credentials = p.firmware.notifyCredentials(p.settings);
        }
        if ((action == NotifyAction.RESYNC || action == NotifyAction.REBOOT) && credentials.isPresent()
                && !notifyAuth.accepts(authorization.orElse(null), "NOTIFY", credentials.get().user(),
                credentials.get().password())) {
            LOG.debug("{}: NOTIFY Event: {} challenged", phone, eventHeader);
            return new NotifyReply(401, "Unauthorized", List.of("WWW-Authenticate", notifyAuth.challenge()),
                    () -> { });
        }
        synchronized (p) {
            p.notifies++;
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
        synchronized (p) {
            run = p.resyncPending;
            p.resyncPending = false;
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
        synchronized (p) {
            return Optional.of(new ProvisioningView(p.spec.url().toString(), p.files, p.userAgent,
                    Optional.ofNullable(p.lastFetch), List.copyOf(p.lastSync), p.fetches,
                    p.firmware.servers(p.settings).stream().map(ServerAddress::toString).toList(), p.reboots,
                    p.notifies, p.firmware.rebootsOnResync(p.settings), p.resyncPending));
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
            synchronized (p) {
                fetches += p.fetches;
                failed += p.failedFetches;
                reboots += p.reboots;
                rebooted += p.reboots > 0 ? 1 : 0;
                notifies += p.notifies;
                pending += p.resyncPending ? 1 : 0;
            }
        }
        return new ProvisioningSummary(phones.size(), fetches, failed, reboots, rebooted, notifies, pending);
    }

    private void reboot(PhoneProvisioning p) {
        synchronized (p) {
            p.reboots++;
            p.resyncPending = false;
        }
        LOG.info("{} reboots (boot delay {})", p.phone, p.spec.bootDelay());
        p.phone.powerCycle(p.spec.bootDelay(), () -> sync(p, true));
    }

    private void resync(PhoneProvisioning p) {
        if (p.firmware.resyncWaitsForIdle() && p.phone.busy()) {
            synchronized (p) {
                p.resyncPending = true;
            }
            LOG.debug("{}: resync waits until the call ends", p.phone);
            return;
        }
        sync(p, false);
    }

    /** Fetches every file in order, keeps what the firmware takes, then hands the servers to the phone. */
    private void sync(PhoneProvisioning p, boolean atBoot) {
        synchronized (p) {
            if (p.syncing) {
                // a NOTIFY or a boot during a fetch: fetch once more when this one is done (a boot stays a boot)
                p.syncAgain = true;
                p.syncAgainAtBoot |= atBoot;
                return;
            }
            p.syncing = true;
            p.lastSync.clear();
        }
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (String file : p.files) {
            chain = chain.thenCompose(ignored -> fetchOne(p, file));
        }
        chain.whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.warn("{}: provisioning sync failed", p.phone, error);
            }
            List<ServerAddress> servers;
            boolean again;
            boolean againAtBoot;
            synchronized (p) {
                servers = p.firmware.servers(p.settings);
                p.syncing = false;
                again = p.syncAgain;
                againAtBoot = p.syncAgainAtBoot;
                p.syncAgain = false;
                p.syncAgainAtBoot = false;
            }
            if (p.phone.registrationState() != RegistrationState.REBOOTING && !againAtBoot) {
                p.phone.provisioned(servers, atBoot);
            }
            if (again) {
                sync(p, againAtBoot);
            }
        });
    }

    private CompletableFuture<Void> fetchOne(PhoneProvisioning p, String file) {
        var uri = p.spec.file(file);
        return http.get(AddressList.toInet(p.phone.address()), uri, p.userAgent, p.spec.timeout())
                .handle((reply, error) -> {
                    String outcome;
                    int status = 0;
                    Map<String, String> taken = Map.of();
                    if (error != null) {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        outcome = "no answer: " + cause;
                    } else {
                        status = reply.status();
                        if (status != 200) {
                            outcome = "http " + status;
                        } else {
                            try {
                                taken = p.firmware.parse(new String(reply.body(), StandardCharsets.UTF_8));
                                outcome = "applied";
                            } catch (RejectedFile e) {
                                outcome = "rejected: " + e.getMessage();
                            }
                        }
                    }
                    Fetch fetch = new Fetch(clock.instant(), file, status, outcome);
                    synchronized (p) {
                        p.settings.putAll(taken);
                        p.fetches++;
                        if (!outcome.equals("applied")) {
                            p.failedFetches++;
                        }
                        p.lastFetch = fetch;
                        p.lastSync.add(fetch);
                    }
                    LOG.debug("{} fetched {}: {}", p.phone, uri, outcome);
                    return null;
                });
    }

    @Override
    public void close() {
        http.close();
    }

    /** One phone's provisioning state; guarded by its own monitor. */
    private static final class PhoneProvisioning {
        final SimulatedPhone phone;
        final ProvisioningSpec spec;
        final ProvisioningFirmware firmware;
        final List<String> files;
        final String userAgent;
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
