package org.phonecontroller.lab.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.phonecontroller.lab.AddressList;
import org.phonecontroller.lab.BusyPolicy;
import org.phonecontroller.lab.ChangeOutcome;
import org.phonecontroller.lab.LabConfig.PhoneGroup;
import org.phonecontroller.lab.Misbehaviour;
import org.phonecontroller.lab.Vendor;
import org.phonecontroller.protocols.ServerAddress;

/**
 * One simulated desk phone: its configured servers (the state every protocol reads and writes), its SIP
 * registration (RFC 3261 client transaction with Timer E/F, then the next configured server), its call state and
 * its misbehaviour. All timing goes through the shared {@link LabTimers}; the phone owns no thread.
 */
public final class SimulatedPhone {
    private final int address;
    private final String addressText;
    private final PhoneGroup group;
    private final PhoneServices services;
    private final String callId;

    private List<ServerAddress> servers;
    private List<ServerAddress> deferredServers;
    private List<String> serverTexts;
    private RegistrationState state = RegistrationState.WAITING;
    private int serverIndex;
    private ServerAddress registeredAt;
    private Instant registeredSince;
    private boolean busy;
    private Misbehaviour misbehaviour;
    private long bootedAtNanos = System.nanoTime();
    private int cseq;
    private String branch;
    private byte[] pendingRegister;
    private long attemptStartedNanos;
    private Duration retransmitInterval;
    private ScheduledFuture<?> timer;
    private int configChanges;

    public SimulatedPhone(int address, PhoneGroup group, List<ServerAddress> servers, boolean busy,
                          PhoneServices services) {
        this.address = address;
        this.addressText = AddressList.format(address);
        this.group = group;
        this.services = services;
        this.servers = List.copyOf(servers);
        this.busy = busy;
        this.misbehaviour = group.misbehaviour();
        this.callId = Integer.toHexString(address) + "-" + Long.toHexString(services.nextLong()) + "@"
                + addressText;
    }

    public int address() {
        return address;
    }

    public String addressText() {
        return addressText;
    }

    public Vendor vendor() {
        return group.vendor();
    }

    public PhoneGroup group() {
        return group;
    }

    /** The MAC address: the vendor's OUI and the last three octets of the phone's address. */
    public String mac() {
        return String.format("%s:%02x:%02x:%02x", group.vendor().oui(), (address >>> 16) & 0xff,
                (address >>> 8) & 0xff, address & 0xff);
    }

    /** The SIP user of the phone's line: its address with dashes, e.g. {@code 127-20-16-5}. */
    public String sipUser() {
        return addressText.replace('.', '-');
    }

    public synchronized List<ServerAddress> servers() {
        return servers;
    }

    public synchronized Optional<ServerAddress> registeredAt() {
        return Optional.ofNullable(registeredAt);
    }

    public synchronized Optional<Instant> registeredSince() {
        return Optional.ofNullable(registeredSince);
    }

    public synchronized RegistrationState registrationState() {
        return state;
    }

    public synchronized boolean busy() {
        return busy;
    }

    public synchronized Misbehaviour misbehaviour() {
        return misbehaviour;
    }

    public synchronized void misbehave(Misbehaviour m) {
        this.misbehaviour = m;
    }

    public synchronized int configChanges() {
        return configChanges;
    }

    /** The servers as configured: a deferred change already counts (it is stored), even before it takes effect. */
    public synchronized List<ServerAddress> configuredServers() {
        return deferredServers != null ? deferredServers : servers;
    }

    /**
     * Server {@code index} as text the way it was last written (e.g. {@code ipv4:127.20.1.10}), or
     * {@code host:port}; empty when there is no such server.
     */
    public synchronized String ciscoRegistrarText(int index) {
        List<ServerAddress> configured = configuredServers();
        if (serverTexts != null && index < serverTexts.size()) {
            return serverTexts.get(index);
        }
        return index < configured.size() ? configured.get(index).toString() : "";
    }

    public synchronized Optional<List<ServerAddress>> deferredServers() {
        return Optional.ofNullable(deferredServers);
    }

    /** Whether the phone answers anything right now (it does not while rebooting). */
    public synchronized boolean answering() {
        return state != RegistrationState.REBOOTING;
    }

    /** Hundredths of a second since the phone (re)booted, for sysUpTime. */
    public synchronized long uptimeTicks() {
        return (System.nanoTime() - bootedAtNanos) / 10_000_000L;
    }

    /** Decides, with the phone's misbehaviour, whether to ignore this request. */
    public boolean dropsRequest() {
        Misbehaviour m = misbehaviour();
        return !answering() || (m.dropFraction() > 0 && services.nextFraction() < m.dropFraction());
    }

    /** Decides, with the phone's misbehaviour, whether to garble this reply. */
    public boolean garblesReply() {
        Misbehaviour m = misbehaviour();
        return m.malformedFraction() > 0 && services.nextFraction() < m.malformedFraction();
    }

    /** Starts registering after {@code delay} (the boot jitter). */
    public synchronized void start(Duration delay) {
        reschedule(delay, () -> register(0));
    }

    /** Stops every timer of the phone (lab shutdown). */
    public synchronized void stop() {
        cancelTimer();
    }

    /**
     * Applies a new server list as the phone's firmware would: refused or deferred while in a call (by the group's
     * busy policy), otherwise stored and followed by a prompt re-REGISTER to the new server 1 (after a reboot when
     * the phone is set to reboot after changes).
     */
    public ChangeOutcome changeServers(List<ServerAddress> newServers) {
        return changeServers(newServers, null);
    }

    /** As {@link #changeServers(List)}, remembering how the values were written so reads echo them. */
    public ChangeOutcome changeServers(List<ServerAddress> newServers, List<String> asWritten) {
        if (newServers.isEmpty()) {
            return new ChangeOutcome.Invalid("no server given");
        }
        ChangeOutcome outcome;
        synchronized (this) {
            if (busy && group.busyPolicy() == BusyPolicy.REFUSE) {
                return new ChangeOutcome.RefusedBusy();
            }
            if (busy && group.busyPolicy() == BusyPolicy.DEFER) {
                deferredServers = List.copyOf(newServers);
                serverTexts = asWritten == null ? null : List.copyOf(asWritten);
                return new ChangeOutcome.Deferred();
            }
            applyNow(newServers);
            serverTexts = asWritten == null ? null : List.copyOf(asWritten);
            outcome = new ChangeOutcome.Applied();
        }
        services.changes().serversChanged(this, newServers);
        return outcome;
    }

    private void applyNow(List<ServerAddress> newServers) {
        servers = List.copyOf(newServers);
        deferredServers = null;
        configChanges++;
        Duration reboot = misbehaviour.rebootAfterChange();
        if (reboot.isPositive()) {
            reboot(reboot);
        } else {
            register(0);
        }
    }

    /** Simulates a reboot: silent for {@code duration}, then registers to server 1. */
    public synchronized void reboot(Duration duration) {
        state = RegistrationState.REBOOTING;
        registeredAt = null;
        registeredSince = null;
        reschedule(duration, () -> {
            synchronized (this) {
                bootedAtNanos = System.nanoTime();
                register(0);
            }
        });
    }

    /**
     * Power-cycles the phone as firmware does on a reboot: registration and call dropped, silent for
     * {@code bootDelay}, then {@code onBoot} runs (a provisioning-driven phone fetches there, then registers).
     */
    public synchronized void powerCycle(Duration bootDelay, Runnable onBoot) {
        state = RegistrationState.REBOOTING;
        registeredAt = null;
        registeredSince = null;
        busy = false;
        if (deferredServers != null) { // a change stored during the call is in flash: it holds after the boot
            servers = deferredServers;
            deferredServers = null;
        }
        reschedule(bootDelay, () -> {
            synchronized (this) {
                bootedAtNanos = System.nanoTime();
                state = RegistrationState.WAITING;
            }
            onBoot.run();
        });
    }

    /**
     * Servers a provisioning-driven phone read from its files. At boot they take effect (when there are any) and the
     * phone registers to server 1; after a resync they are applied like any change (busy policy, re-REGISTER) when
     * they differ from the configured ones.
     */
    public void provisioned(List<ServerAddress> fetched, boolean atBoot) {
        if (!atBoot) {
            if (!fetched.isEmpty() && !fetched.equals(configuredServers())) {
                changeServers(fetched);
            }
            return;
        }
        boolean changed;
        synchronized (this) {
            changed = !fetched.isEmpty() && !fetched.equals(servers);
            if (changed) {
                servers = List.copyOf(fetched);
                deferredServers = null;
                serverTexts = null;
                configChanges++;
            }
            register(0);
        }
        if (changed) {
            services.changes().serversChanged(this, fetched);
        }
    }

    /** Puts the phone in a call or ends it; a deferred change is applied when the call ends. */
    public void setBusy(boolean inCall) {
        List<ServerAddress> applied = null;
        synchronized (this) {
            busy = inCall;
            if (!inCall && deferredServers != null) {
                applied = deferredServers;
                applyNow(applied);
            }
        }
        if (applied != null) {
            services.changes().serversChanged(this, applied);
        }
    }

    /** Handles a response to the phone's REGISTER. */
    public synchronized void onRegisterResponse(int status, String responseBranch, Optional<Integer> grantedExpires) {
        if (state != RegistrationState.REGISTERING || !responseBranch.equals(branch) || status < 200) {
            return;
        }
        cancelTimer();
        if (status >= 200 && status < 300) {
            state = RegistrationState.REGISTERED;
            registeredAt = servers.get(serverIndex);
            registeredSince = services.clock().instant();
            long expires = grantedExpires.orElse((int) services.sipTimers().registerExpires().toSeconds());
            long refreshMs = Math.max(1000, (long) (expires * 1000 * (0.75 + 0.1 * services.nextFraction())));
            int index = serverIndex;
            reschedule(Duration.ofMillis(refreshMs), () -> register(index));
        } else {
            state = RegistrationState.WAITING;
            registeredAt = null;
            int next = (serverIndex + 1) % servers.size();
            reschedule(services.sipTimers().retryAfterFailure(), () -> register(next));
        }
    }

    private void register(int index) {
        synchronized (this) {
            if (servers.isEmpty()) {
                return;
            }
            serverIndex = index % servers.size();
            state = RegistrationState.REGISTERING;
            cseq++;
            branch = "z9hG4bK" + Integer.toHexString(address) + "x" + cseq + "x"
                    + Long.toHexString(services.nextLong() & 0xffffffffL);
            pendingRegister = registerMessage(servers.get(serverIndex));
            attemptStartedNanos = System.nanoTime();
            retransmitInterval = services.sipTimers().t1();
            reschedule(retransmitInterval, this::retransmitOrFailOver);
        }
        send();
    }

    private void retransmitOrFailOver() {
        synchronized (this) {
            if (state != RegistrationState.REGISTERING) {
                return;
            }
            long elapsed = System.nanoTime() - attemptStartedNanos;
            if (elapsed >= services.sipTimers().registerTimeout().toNanos()) {
                // Timer F fired: this server is gone as far as the phone can tell; on to the next one it knows.
                registeredAt = null;
                registeredSince = null;
                int next = (serverIndex + 1) % servers.size();
                register(next);
                return;
            }
            retransmitInterval = min(retransmitInterval.multipliedBy(2), Duration.ofSeconds(4));
            reschedule(retransmitInterval, this::retransmitOrFailOver);
        }
        send();
    }

    private void send() {
        ServerAddress to;
        byte[] message;
        synchronized (this) {
            if (state != RegistrationState.REGISTERING) {
                return;
            }
            to = servers.get(serverIndex);
            message = pendingRegister;
        }
        services.sip().send(this, to, message);
    }

    private byte[] registerMessage(ServerAddress server) {
        int port = services.sipPort();
        String host = server.host() + (server.port() == 5060 ? "" : ":" + server.port());
        String aor = "sip:" + sipUser() + "@" + host;
        String text = "REGISTER sip:" + host + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + addressText + ":" + port + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <" + aor + ">;tag=" + Integer.toHexString(address) + "\r\n"
                + "To: <" + aor + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:" + sipUser() + "@" + addressText + ":" + port + ">;+sip.instance=\"<urn:uuid:"
                + mac() + ">\"\r\n"
                + "Expires: " + services.sipTimers().registerExpires().toSeconds() + "\r\n"
                + "User-Agent: " + vendor().userAgent() + "\r\n"
                + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, NOTIFY, REFER, SUBSCRIBE, INFO\r\n"
                + "Content-Length: 0\r\n\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void reschedule(Duration delay, Runnable task) {
        cancelTimer();
        timer = services.timers().after(delay, task);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return vendor() + " phone " + addressText;
    }
}
