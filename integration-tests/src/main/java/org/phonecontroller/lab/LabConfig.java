package org.phonecontroller.lab;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated lab.yaml: which PhoneManagers and phones to simulate, on which loopback addresses.
 * Build one with {@link LabConfigLoader}; every address in it lies in 127.0.0.0/8.
 *
 * @param seed          seed of every random choice (busy phones, jitter, drops), so a run can be repeated
 * @param ports         the ports every phone listens on
 * @param timers        the phones' SIP registration timers
 * @param phoneManagers the simulated registrars by name, in file order
 * @param phones        the phone groups, in file order
 */
public record LabConfig(long seed, Ports ports, PhoneTimers timers, Map<String, PhoneManagerSpec> phoneManagers,
                        List<PhoneGroup> phones) {

    public LabConfig {
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(timers, "timers");
        phoneManagers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phoneManagers));
        phones = List.copyOf(phones);
    }

    /** How many phones the configuration describes. */
    public int phoneCount() {
        return phones.stream().mapToInt(g -> g.addresses().size()).sum();
    }

    /** Ports of every phone: SIP UA (UDP), SNMP agent (UDP, SNMP phones only), vendor HTTP API (TCP, one wildcard listener). */
    public record Ports(int sip, int snmp, int http) {
        public static final Ports DEFAULT = new Ports(5060, 161, 80);
    }

    /**
     * The phones' registration behaviour.
     *
     * @param registerExpires   the Expires a phone asks for; it refreshes at about 80% of what the registrar grants
     * @param registerTimeout   how long a phone retransmits an unanswered REGISTER before trying its next server
     *                          (RFC 3261 Timer F = 64*T1 = 32 s; the "slow built-in failover" of real phones)
     * @param t1                RFC 3261 T1, the first retransmission interval (doubling up to 4 s)
     * @param startupSpread     first REGISTERs are spread evenly over this window (real phones boot with jitter)
     * @param retryAfterFailure pause after an error reply before trying the next server
     */
    public record PhoneTimers(Duration registerExpires, Duration registerTimeout, Duration t1,
                              Duration startupSpread, Duration retryAfterFailure) {
        public static final PhoneTimers DEFAULT = new PhoneTimers(Duration.ofSeconds(120), Duration.ofSeconds(32),
                Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    /**
     * A simulated PhoneManager: a SIP registrar listening on UDP and TCP at {@code address}.
     *
     * @param probeLossFraction fraction (0..1) of OPTIONS it ignores, for "lossy probe" scenarios
     */
    public record PhoneManagerSpec(String name, InetSocketAddress address, double probeLossFraction) {
    }

    /**
     * A group of phones of one vendor.
     *
     * @param addresses     the phones' loopback addresses (one phone each)
     * @param registeredTo  name of the PhoneManager the phones are configured with as server 1
     * @param backup        optional name of the PhoneManager configured as server 2 (phone-side failover)
     * @param busyFraction  fraction (0..1) of the group that starts in a call
     * @param snmp          SNMP credentials (SNMP vendors only)
     * @param http          HTTP API credentials (HTTP vendors only)
     * @param busyPolicy    what the phones do with a reconfiguration while in a call
     * @param misbehaviour  how badly the phones behave on purpose
     * @param provisioningUrl where the phones fetch their configuration after NOTIFY check-sync ({@code {mac}} and
     *                      {@code {address}} are replaced); empty when not provisioned
     * @param provisioning  present for phones that take their servers only from provisioning (boot fetch, the
     *                      vendor's NOTIFY); {@code registeredTo} is then optional (the servers stored from an
     *                      earlier provisioning, used until a fetch names others)
     */
    public record PhoneGroup(AddressList addresses, Vendor vendor, String registeredTo, Optional<String> backup,
                             double busyFraction, Optional<SnmpCredentials> snmp, Optional<HttpCredentials> http,
                             BusyPolicy busyPolicy, Misbehaviour misbehaviour, Optional<String> provisioningUrl,
                             Optional<ProvisioningSpec> provisioning) {

        /** A group that is not provisioning-driven. */
        public PhoneGroup(AddressList addresses, Vendor vendor, String registeredTo, Optional<String> backup,
                          double busyFraction, Optional<SnmpCredentials> snmp, Optional<HttpCredentials> http,
                          BusyPolicy busyPolicy, Misbehaviour misbehaviour, Optional<String> provisioningUrl) {
            this(addresses, vendor, registeredTo, backup, busyFraction, snmp, http, busyPolicy, misbehaviour,
                    provisioningUrl, Optional.empty());
        }
    }

    /**
     * Where provisioning-driven phones fetch their files and how long they take to boot.
     *
     * @param url       the provisioning server's base URL (loopback); the vendor's file names are appended
     * @param bootDelay how long a (re)booting phone is silent before it fetches and registers
     * @param timeout   how long one file fetch may take (connect and answer)
     */
    public record ProvisioningSpec(java.net.URI url, Duration bootDelay, Duration timeout) {
        public static final Duration DEFAULT_BOOT_DELAY = Duration.ofSeconds(3);
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

        /** The URL of one file: the base URL with {@code fileName} appended. */
        public java.net.URI file(String fileName) {
            String base = url.toString();
            return java.net.URI.create(base.endsWith("/") ? base + fileName : base + "/" + fileName);
        }
    }

    /** SNMP access to a phone: v2c community and/or a v3 USM user. At least one is present. */
    public record SnmpCredentials(Optional<String> community, Optional<UsmUserSpec> v3) {
        @Override
        public String toString() {
            return "SnmpCredentials[community=" + (community.isPresent() ? "***" : "none")
                    + ", v3=" + v3.map(UsmUserSpec::toString).orElse("none") + "]";
        }
    }

    /**
     * A v3 USM user.
     *
     * @param authProtocol SHA-1, SHA-224, SHA-256, SHA-384 or SHA-512
     * @param privProtocol AES-128, or empty for authNoPriv
     */
    public record UsmUserSpec(String user, String authProtocol, String authPassword, Optional<String> privProtocol,
                              Optional<String> privPassword) {
        @Override
        public String toString() {
            return "UsmUser[" + user + ", " + authProtocol + ", " + privProtocol.orElse("noPriv") + "]";
        }
    }

    /** HTTP credentials of a phone's web API. */
    public record HttpCredentials(String user, String password) {
        @Override
        public String toString() {
            return "HttpCredentials[" + user + ", ***]";
        }
    }
}
