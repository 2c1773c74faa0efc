package org.phonecontroller.lab.internal;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.phonecontroller.lab.LabConfig.PhoneManagerSpec;
import org.phonecontroller.lab.PhoneManagerState;
import org.phonecontroller.protocols.sip.HeaderValues;
import org.phonecontroller.protocols.sip.SipRequest;
import org.phonecontroller.protocols.sip.SipResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated PhoneManager: a SIP registrar that answers OPTIONS and REGISTER, knows who is registered, and can be
 * killed, hung and restarted. The sockets are owned by {@link RegistrarNetwork}; this class is the registrar's logic
 * and bookkeeping.
 */
public final class SimulatedPhoneManager {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedPhoneManager.class);
    private static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, NOTIFY, SUBSCRIBE, REFER, INFO";

    private final PhoneManagerSpec spec;
    private final InstantSource clock;
    private final PhoneServices services;
    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
    private final RateCounter registers = new RateCounter();
    private final RateCounter configChanges = new RateCounter();
    private final AtomicLong options = new AtomicLong();
    private final AtomicLong optionsDropped = new AtomicLong();
    private volatile PhoneManagerState state = PhoneManagerState.UP;
    private volatile double probeLoss;

    /**
     * One registration.
     *
     * @param aor     the address of record (To URI)
     * @param contact the Contact URI
     * @param source  where the REGISTER came from (IP:port)
     */
    public record Binding(String aor, String contact, String source, String userAgent, Instant registeredAt,
                          Instant expiresAt) {
    }

    public SimulatedPhoneManager(PhoneManagerSpec spec, InstantSource clock, PhoneServices services) {
        this.spec = spec;
        this.clock = clock;
        this.services = services;
        this.probeLoss = spec.probeLossFraction();
    }

    public String name() {
        return spec.name();
    }

    public InetSocketAddress address() {
        return spec.address();
    }

    public PhoneManagerState state() {
        return state;
    }

    /** Moves to {@code next}, or throws when the transition is illegal. Killing or restarting drops all bindings. */
    public synchronized void transition(PhoneManagerState next) {
        if (!state.canGoTo(next)) {
            throw new IllegalStateException("PhoneManager '" + name() + "' cannot go from " + state + " to " + next);
        }
        LOG.info("PhoneManager {} ({}) {} -> {}", name(), addressText(), state, next);
        if (next != PhoneManagerState.HUNG) {
            bindings.clear(); // a dead or restarted process forgets its in-memory location table
        }
        state = next;
    }

    public double probeLoss() {
        return probeLoss;
    }

    public void setProbeLoss(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("probe loss " + fraction + " is not within 0..1");
        }
        this.probeLoss = fraction;
    }

    public String addressText() {
        return spec.address().getAddress().getHostAddress() + ":" + spec.address().getPort();
    }

    /** The current, unexpired registrations. */
    public List<Binding> bindings() {
        Instant now = clock.instant();
        List<Binding> out = new ArrayList<>();
        for (Binding b : bindings.values()) {
            if (b.expiresAt().isAfter(now)) {
                out.add(b);
            }
        }
        return out;
    }

    public int registeredCount() {
        Instant now = clock.instant();
        int n = 0;
        for (Binding b : bindings.values()) {
            if (b.expiresAt().isAfter(now)) {
                n++;
            }
        }
        return n;
    }

    public RateCounter.Snapshot registerStats() {
        return registers.snapshot(clock.instant());
    }

    public RateCounter.Snapshot configChangeStats() {
        return configChanges.snapshot(clock.instant());
    }

    public long optionsAnswered() {
        return options.get();
    }

    public long optionsDropped() {
        return optionsDropped.get();
    }

    /** Records a phone reprogrammed to this PhoneManager as its server 1. */
    public void recordConfigChange() {
        configChanges.record(clock.instant());
    }

    /** The reply to a request, or empty when the PhoneManager stays silent (hung, lost probe, a response). */
    public Optional<SipResponse> handle(SipRequest request, InetSocketAddress source, String transport) {
        if (state != PhoneManagerState.UP) {
            return Optional.empty();
        }
        String tag = Integer.toHexString(request.header("Call-ID").orElse("").hashCode());
        return switch (request.method()) {
            case "OPTIONS" -> {
                if (probeLoss > 0 && services.nextFraction() < probeLoss) {
                    optionsDropped.incrementAndGet();
                    yield Optional.empty();
                }
                options.incrementAndGet();
                yield Optional.of(LabSip.reply(request, 200, "OK", tag, "Allow", ALLOW, "Accept", "application/sdp",
                        "Supported", "path, outbound, gruu", "Server", "PhoneLab-PhoneManager/" + name()));
            }
            case "REGISTER" -> Optional.of(register(request, source, transport, tag));
            case "ACK" -> Optional.empty();
            default -> Optional.of(LabSip.reply(request, 405, "Method Not Allowed", tag, "Allow", "OPTIONS, REGISTER"));
        };
    }

    private SipResponse register(SipRequest request, InetSocketAddress source, String transport, String tag) {
        Instant now = clock.instant();
        registers.record(now);
        String aor = uri(request.header("To").orElse(""));
        Optional<String> contactHeader = request.header("Contact");
        // RFC 3261 10.2.1.1: a Contact's expires parameter wins over the Expires header.
        int requested = contactHeader.flatMap(c -> HeaderValues.parameter(c, "expires"))
                .or(() -> request.header("Expires"))
                .map(SimulatedPhoneManager::parseIntOr3600)
                .orElse(3600);
        if (contactHeader.isEmpty()) {
            // A query: list the current binding, change nothing.
            Binding b = bindings.get(aor);
            return b == null ? LabSip.reply(request, 200, "OK", tag)
                    : LabSip.reply(request, 200, "OK", tag, "Contact", "<" + b.contact() + ">;expires="
                    + Math.max(0, b.expiresAt().getEpochSecond() - now.getEpochSecond()));
        }
        if (requested == 0 || contactHeader.get().trim().equals("*")) {
            bindings.remove(aor);
            return LabSip.reply(request, 200, "OK", tag, "Date", now.toString());
        }
        int granted = Math.min(requested, 3600);
        String contact = uri(contactHeader.get());
        bindings.put(aor, new Binding(aor, contact, transport + ":" + source.getAddress().getHostAddress() + ":"
                + source.getPort(), request.header("User-Agent").orElse(""), now, now.plusSeconds(granted)));
        return LabSip.reply(request, 200, "OK", tag, "Contact", "<" + contact + ">;expires=" + granted,
                "Expires", Integer.toString(granted), "Date", now.toString(), "Server", "PhoneLab-PhoneManager/" + name());
    }

    private static int parseIntOr3600(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 3600;
        }
    }

    static String uri(String nameAddr) {
        int lt = nameAddr.indexOf('<');
        int gt = nameAddr.indexOf('>');
        if (lt >= 0 && gt > lt) {
            return nameAddr.substring(lt + 1, gt);
        }
        int semi = nameAddr.indexOf(';');
        return (semi < 0 ? nameAddr : nameAddr.substring(0, semi)).trim();
    }
}
