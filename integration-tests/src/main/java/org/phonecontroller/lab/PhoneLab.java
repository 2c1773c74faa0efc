package org.phonecontroller.lab;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.phonecontroller.lab.LabConfig.PhoneGroup;
import org.phonecontroller.lab.LabConfig.PhoneManagerSpec;
import org.phonecontroller.lab.LabViews.PhoneFilter;
import org.phonecontroller.lab.LabViews.PhoneManagerStats;
import org.phonecontroller.lab.LabViews.PhoneManagerView;
import org.phonecontroller.lab.LabViews.PhoneView;
import org.phonecontroller.lab.LabViews.Registration;
import org.phonecontroller.lab.LabViews.Summary;
import org.phonecontroller.lab.internal.Ipv4Ranges;
import org.phonecontroller.lab.internal.LabTimers;
import org.phonecontroller.lab.internal.PhoneServices;
import org.phonecontroller.lab.internal.PhoneSipNetwork;
import org.phonecontroller.lab.internal.ProvisioningClient;
import org.phonecontroller.lab.internal.RateCounter;
import org.phonecontroller.lab.internal.RegistrarNetwork;
import org.phonecontroller.lab.internal.RegistrationState;
import org.phonecontroller.lab.internal.SimulatedPhone;
import org.phonecontroller.lab.internal.SimulatedPhoneManager;
import org.phonecontroller.lab.internal.http.VendorHttpServer;
import org.phonecontroller.lab.internal.provisioning.ProvisionedPhones;
import org.phonecontroller.lab.internal.snmp.SnmpAgentNetwork;
import org.phonecontroller.protocols.ServerAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running phone lab: simulated phones and PhoneManagers on loopback addresses, and the handle to drive them.
 * Start one with {@link #start(LabConfig)}; close it to release every socket.
 *
 * <p>Threads: one timer thread, one selector thread per network (phone SIP, phone SNMP, PhoneManager UDP and TCP,
 * HTTP), virtual threads for HTTP requests. Never a thread or timer per phone.
 */
public final class PhoneLab implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PhoneLab.class);

    static {
        // Every HTTP phone of the lab is served by ONE JDK HttpServer, whose default keeps at most 200 idle
        // keep-alive connections in total and closes any connection beyond that right after its response, without
        // "Connection: close". A controller that talks to more than 200 phones then finds its next request on each
        // reused connection cut off ("header parser received no bytes"), every attempt again. Real phones each
        // keep their own connection, so the limit is per phone there: lift the lab's global one (the JDK reads the
        // property once, when its HTTP server classes load, so it is set before the lab creates any).
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "20000");
        }
    }

    private final LabConfig config;
    private final LabTimers timers = new LabTimers();
    private final Map<String, SimulatedPhoneManager> phoneManagers = new LinkedHashMap<>();
    private final Map<String, String> phoneManagerByServer = new HashMap<>();
    private final Map<Integer, SimulatedPhone> phones = new HashMap<>();
    private final List<SimulatedPhone> phoneList = new ArrayList<>();
    private final RegistrarNetwork registrars = new RegistrarNetwork();
    private final PhoneSipNetwork sip;
    private final ProvisionedPhones provisioned = new ProvisionedPhones(timers, InstantSource.system());
    private SnmpAgentNetwork snmp;
    private VendorHttpServer http;
    private long startupMillis;

    private PhoneLab(LabConfig config) {
        this.config = config;
        this.sip = new PhoneSipNetwork(config.ports().sip());
    }

    /**
     * Binds every PhoneManager and phone and lets the phones start registering (spread over
     * {@code timers.startupSpread}). Returns once every socket is bound.
     *
     * @throws IllegalStateException when a socket cannot be bound (the lab is closed again)
     */
    public static PhoneLab start(LabConfig config) {
        PhoneLab lab = new PhoneLab(config);
        try {
            lab.startUp();
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw new IllegalStateException("the phone lab did not start: " + e.getMessage(), e);
        }
    }

    private void startUp() {
        long t0 = System.nanoTime();
        RandomGenerator random = new SplittableRandom(config.seed());
        ProvisioningClient provisioning = new ProvisioningClient();
        PhoneServices services = new PhoneServices(timers, InstantSource.system(), random, config.timers(),
                config.ports().sip(), sip, this::serversChanged, provisioning);
        for (PhoneManagerSpec spec : config.phoneManagers().values()) {
            SimulatedPhoneManager pm = new SimulatedPhoneManager(spec, InstantSource.system(), services);
            phoneManagers.put(spec.name(), pm);
            phoneManagerByServer.put(serverKey(spec.address().getAddress().getHostAddress(), spec.address().getPort()),
                    spec.name());
            registrars.bind(pm);
        }
        Map<Integer, SimulatedPhone> snmpPhones = new HashMap<>();
        Map<Integer, SimulatedPhone> httpPhones = new HashMap<>();
        for (PhoneGroup group : config.phones()) {
            List<ServerAddress> servers = new ArrayList<>();
            if (group.registeredTo() != null) {
                servers.add(server(group.registeredTo()));
            }
            group.backup().ifPresent(b -> servers.add(server(b)));
            for (int i = 0; i < group.addresses().size(); i++) {
                boolean busy = group.busyFraction() > 0 && random.nextDouble() < group.busyFraction();
                SimulatedPhone phone = new SimulatedPhone(group.addresses().get(i), group, servers, busy, services);
                phones.put(phone.address(), phone);
                phoneList.add(phone);
                boolean provisioningDriven = provisioned.add(phone);
                if (group.vendor().speaksSnmp()) {
                    snmpPhones.put(phone.address(), phone);
                }
                // a provisioning-driven Polycom, Snom or Grandstream takes its servers only from its files
                if (group.vendor().speaksHttp() && !provisioningDriven) {
                    httpPhones.put(phone.address(), phone);
                }
            }
        }
        sip.setProvisionedPhones(provisioned);
        sip.bindAll(phones, timers, provisioning);
        snmp = new SnmpAgentNetwork(snmpPhones, config.ports().snmp(), timers);
        snmp.bindAll();
        if (!httpPhones.isEmpty()) {
            http = new VendorHttpServer(httpPhones, config.ports().http());
            http.start();
        }
        long spreadNanos = config.timers().startupSpread().toNanos();
        int n = phoneList.size();
        for (int i = 0; i < n; i++) {
            long jitter = spreadNanos == 0 ? 0 : (long) (spreadNanos / Math.max(1, n) * services.nextFraction());
            Duration delay = Duration.ofNanos(spreadNanos * i / Math.max(1, n) + jitter);
            if (provisioned.handles(phoneList.get(i))) {
                provisioned.boot(phoneList.get(i), delay);
            } else {
                phoneList.get(i).start(delay);
            }
        }
        startupMillis = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("phone lab up: {} phones ({} SNMP, {} HTTP), {} PhoneManagers in {} ms", n, snmpPhones.size(),
                httpPhones.size(), phoneManagers.size(), startupMillis);
    }

    private ServerAddress server(String phoneManagerName) {
        var a = config.phoneManagers().get(phoneManagerName).address();
        return new ServerAddress(a.getAddress().getHostAddress(), a.getPort());
    }

    private static String serverKey(String host, int port) {
        return host + ":" + port;
    }

    private void serversChanged(SimulatedPhone phone, List<ServerAddress> servers) {
        String name = phoneManagerByServer.get(serverKey(servers.get(0).host(), servers.get(0).port()));
        if (name != null) {
            phoneManagers.get(name).recordConfigChange();
        }
    }

    public LabConfig config() {
        return config;
    }

    /** Milliseconds from the start call until every socket was bound. */
    public long startupMillis() {
        return startupMillis;
    }

    // ---- PhoneManagers

    public List<PhoneManagerView> phoneManagers(boolean withRegistrations) {
        return phoneManagers.values().stream().map(pm -> view(pm, withRegistrations)).toList();
    }

    public PhoneManagerView phoneManager(String name, boolean withRegistrations) {
        return view(pm(name), withRegistrations);
    }

    /** Closes the PhoneManager's sockets: UDP senders get ICMP port unreachable, TCP connects get RST. */
    public void killPhoneManager(String name) {
        registrars.kill(pm(name));
    }

    /** Keeps the PhoneManager's sockets open but makes it answer nothing. */
    public void hangPhoneManager(String name) {
        registrars.hang(pm(name));
    }

    /** Binds the PhoneManager again (from any state), with an empty location table. */
    public void restartPhoneManager(String name) {
        registrars.restart(pm(name));
    }

    /**
     * The PhoneManager's location table as Kamailio's JSON-RPC {@code ul.dump} answers {@code request}; empty while it
     * is killed or hung (then, like Kamailio, it does not answer).
     */
    public java.util.Optional<Object> registrarRpc(String name, byte[] request) {
        SimulatedPhoneManager pm = pm(name);
        if (pm.state() != org.phonecontroller.lab.PhoneManagerState.UP) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(org.phonecontroller.lab.internal.LabUlDump.answer(request, pm.bindings(),
                java.time.Instant.now()));
    }

    /** Makes the PhoneManager ignore this fraction of OPTIONS requests. */
    public void setProbeLoss(String name, double fraction) {
        pm(name).setProbeLoss(fraction);
    }

    public PhoneManagerStats stats(String name) {
        SimulatedPhoneManager pm = pm(name);
        RateCounter.Snapshot r = pm.registerStats();
        RateCounter.Snapshot c = pm.configChangeStats();
        return new PhoneManagerStats(name, r.total(), r.first(), r.last(), r.maxPerSecond(), r.perSecond(),
                c.total(), c.first(), c.last(), c.maxPerSecond(), c.perSecond(), pm.optionsAnswered(),
                pm.optionsDropped());
    }

    private SimulatedPhoneManager pm(String name) {
        SimulatedPhoneManager pm = phoneManagers.get(name);
        if (pm == null) {
            throw new NoSuchElementException("no PhoneManager '" + name + "' in the lab (known: "
                    + phoneManagers.keySet() + ")");
        }
        return pm;
    }

    private static PhoneManagerView view(SimulatedPhoneManager pm, boolean withRegistrations) {
        List<Registration> regs = withRegistrations ? pm.bindings().stream().map(b -> new Registration(b.aor(),
                b.contact(), b.source(), b.userAgent(), b.registeredAt(), b.expiresAt())).toList() : List.of();
        return new PhoneManagerView(pm.name(), pm.addressText(), pm.state(), pm.probeLoss(), pm.registeredCount(),
                regs);
    }

    // ---- phones

    public List<PhoneView> phones(PhoneFilter filter) {
        List<PhoneView> out = new ArrayList<>();
        for (SimulatedPhone p : phoneList) {
            if (out.size() >= filter.limit()) {
                break;
            }
            if (filter.vendor().isPresent() && !p.vendor().configName().equals(filter.vendor().get())) {
                continue;
            }
            if (filter.busy().isPresent() && p.busy() != filter.busy().get()) {
                continue;
            }
            PhoneView v = view(p);
            if (filter.registeredTo().isPresent() && !filter.registeredTo().equals(v.registeredTo())) {
                continue;
            }
            out.add(v);
        }
        return out;
    }

    public Optional<PhoneView> phone(String address) {
        return find(address).map(this::view);
    }

    /** Puts the phone in a call (busy) or ends its call. */
    public void setBusy(String address, boolean busy) {
        SimulatedPhone phone = phoneAt(address);
        phone.setBusy(busy);
        if (!busy) {
            provisioned.callEnded(phone);
        }
    }

    /**
     * Power-cycles the phone: silent for a while, then it boots (a provisioning-driven phone fetches its files
     * first, after its {@code bootDelay}; the others re-register after 3 s).
     */
    public void reboot(String address) {
        SimulatedPhone phone = phoneAt(address);
        if (provisioned.handles(phone)) {
            provisioned.reboot(phone);
        } else {
            phone.reboot(Duration.ofSeconds(3));
        }
    }

    /** Totals over the provisioning-driven phones (fetches, reboots, NOTIFYs). */
    public LabViews.ProvisioningSummary provisioningSummary() {
        return provisioned.summary();
    }

    /** Sets how badly the phone behaves; {@link Misbehaviour#NONE} makes it behave again. */
    public void misbehave(String address, Misbehaviour misbehaviour) {
        phoneAt(address).misbehave(misbehaviour);
    }

    public Summary summary() {
        int registered = 0;
        int busy = 0;
        int rebooting = 0;
        Map<String, Integer> perPm = new TreeMap<>();
        Map<String, Integer> perVendor = new TreeMap<>();
        phoneManagers.keySet().forEach(k -> perPm.put(k, 0));
        for (SimulatedPhone p : phoneList) {
            perVendor.merge(p.vendor().configName(), 1, Integer::sum);
            if (p.busy()) {
                busy++;
            }
            if (p.registrationState() == RegistrationState.REBOOTING) {
                rebooting++;
            }
            Optional<String> at = registeredTo(p);
            if (at.isPresent()) {
                registered++;
                perPm.merge(at.get(), 1, Integer::sum);
            }
        }
        return new Summary(phoneList.size(), registered, phoneList.size() - registered, busy, rebooting, perPm,
                perVendor, startupMillis);
    }

    private Optional<SimulatedPhone> find(String address) {
        try {
            return Optional.ofNullable(phones.get(Ipv4Ranges.parseAddress(address)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private SimulatedPhone phoneAt(String address) {
        return find(address).orElseThrow(() -> new NoSuchElementException("no lab phone at '" + address + "'"));
    }

    private Optional<String> registeredTo(SimulatedPhone p) {
        return p.registeredAt().map(s -> phoneManagerByServer.getOrDefault(serverKey(s.host(), s.port()),
                s.toString()));
    }

    private PhoneView view(SimulatedPhone p) {
        return new PhoneView(p.addressText(), p.vendor().configName(), p.mac(), p.vendor().userAgent(),
                p.servers().stream().map(ServerAddress::toString).toList(), registeredTo(p),
                p.registrationState().name(), p.busy(),
                p.deferredServers().map(l -> l.stream().map(ServerAddress::toString).toList()),
                p.configChanges(), p.misbehaviour(), provisioned.view(p));
    }

    @Override
    public void close() {
        phoneList.forEach(SimulatedPhone::stop);
        timers.close();
        closeQuietly(http);
        closeQuietly(snmp);
        closeQuietly(sip);
        closeQuietly(provisioned);
        closeQuietly(registrars);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed", c.getClass().getSimpleName(), e);
        }
    }
}
