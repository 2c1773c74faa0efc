package org.phonecontroller.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.phonecontroller.lab.LabConfig.HttpCredentials;
import org.phonecontroller.lab.LabConfig.PhoneGroup;
import org.phonecontroller.lab.LabConfig.PhoneManagerSpec;
import org.phonecontroller.lab.LabConfig.PhoneTimers;
import org.phonecontroller.lab.LabConfig.Ports;
import org.phonecontroller.lab.LabConfig.SnmpCredentials;
import org.phonecontroller.lab.LabConfig.UsmUserSpec;
import org.phonecontroller.lab.internal.Durations;
import org.phonecontroller.lab.internal.Ipv4Ranges;

/**
 * Reads and validates lab.yaml. Every problem is collected and reported at once, each prefixed with the file and
 * the path of the bad value (e.g. {@code lab.yaml: phones[2].registeredTo: unknown PhoneManager 'pm-c'}).
 * Every address must lie in 127.0.0.0/8 outside 127.0.0.0/16; anything else is refused.
 */
public final class LabConfigLoader {
    private static final Set<String> TOP_KEYS = Set.of("seed", "sipPort", "snmpPort", "httpPort", "timers",
            "phoneManagers", "phones");
    private static final Set<String> TIMER_KEYS = Set.of("registerExpires", "registerTimeout", "t1", "startupSpread",
            "retryAfterFailure");
    private static final Set<String> PM_KEYS = Set.of("address", "probeLoss");
    private static final Set<String> GROUP_KEYS = Set.of("addresses", "count", "vendor", "registeredTo", "backup",
            "busyFraction", "snmp", "http", "busyPolicy", "misbehaviour", "provisioningUrl", "provisioning", "spread");
    private static final Set<String> SNMP_KEYS = Set.of("version", "community", "user", "authProtocol",
            "authPassword", "privProtocol", "privPassword");
    private static final Set<String> HTTP_KEYS = Set.of("user", "password");
    private static final Set<String> MISBEHAVIOUR_KEYS = Set.of("replyDelay", "dropFraction", "malformedFraction",
            "wrongCredentials", "rebootAfterChange");
    private static final Set<String> AUTH_PROTOCOLS = Set.of("SHA-1", "SHA", "SHA-224", "SHA-256", "SHA-384",
            "SHA-512");
    private static final Set<String> PRIV_PROTOCOLS = Set.of("AES", "AES-128");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /** Reads a lab.yaml file. */
    public LabConfig load(Path file) throws LabConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new LabConfigException(List.of(file + ": no such file"));
        } catch (IOException e) {
            throw new LabConfigException(List.of(file + ": cannot read: " + e));
        }
        return parse(file.getFileName().toString(), text);
    }

    /** Parses lab.yaml text; {@code source} names it in messages. */
    public LabConfig parse(String source, String text) throws LabConfigException {
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new LabConfigException(List.of(source + (loc == null ? "" : ":" + loc.getLineNr() + ":"
                    + loc.getColumnNr()) + ": not valid YAML: " + e.getOriginalMessage()));
        }
        return new Reader(source).read(root);
    }

    private final class Reader {
        private final String source;
        private final List<String> problems = new ArrayList<>();

        Reader(String source) {
            this.source = source;
        }

        LabConfig read(JsonNode root) throws LabConfigException {
            if (root == null || !root.isObject()) {
                throw new LabConfigException(List.of(source + ": expected a mapping with phoneManagers and phones"));
            }
            unknownKeys(root, TOP_KEYS, "");
            long seed = root.has("seed") ? integer(root.get("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE, 0) : 42;
            Ports ports = new Ports(port(root, "sipPort", Ports.DEFAULT.sip()), port(root, "snmpPort",
                    Ports.DEFAULT.snmp()), port(root, "httpPort", Ports.DEFAULT.http()));
            PhoneTimers timers = timers(root.get("timers"));
            Map<String, PhoneManagerSpec> pms = phoneManagers(root.get("phoneManagers"));
            List<PhoneGroup> groups = groups(root.get("phones"), pms);
            if (!problems.isEmpty()) {
                throw new LabConfigException(problems);
            }
            return new LabConfig(seed, ports, timers, pms, groups);
        }

        private PhoneTimers timers(JsonNode node) {
            PhoneTimers d = PhoneTimers.DEFAULT;
            if (node == null) {
                return d;
            }
            if (!node.isObject()) {
                problem("timers", "expected a mapping of " + TIMER_KEYS);
                return d;
            }
            unknownKeys(node, TIMER_KEYS, "timers.");
            return new PhoneTimers(duration(node, "timers.", "registerExpires", d.registerExpires()),
                    duration(node, "timers.", "registerTimeout", d.registerTimeout()),
                    duration(node, "timers.", "t1", d.t1()),
                    duration(node, "timers.", "startupSpread", d.startupSpread()),
                    duration(node, "timers.", "retryAfterFailure", d.retryAfterFailure()));
        }

        private Map<String, PhoneManagerSpec> phoneManagers(JsonNode node) {
            Map<String, PhoneManagerSpec> out = new LinkedHashMap<>();
            if (node == null || !node.isObject() || node.isEmpty()) {
                problem("phoneManagers", "expected a mapping of at least one name to HOST:PORT");
                return out;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                String path = "phoneManagers." + e.getKey();
                JsonNode v = e.getValue();
                JsonNode addressNode = v;
                double loss = 0;
                if (v.isObject()) {
                    unknownKeys(v, PM_KEYS, path + ".");
                    addressNode = v.get("address");
                    loss = fraction(v, path + ".", "probeLoss");
                }
                if (addressNode == null || !addressNode.isTextual()) {
                    problem(path, "expected HOST:PORT or { address: HOST:PORT, probeLoss: 0.2 }");
                    continue;
                }
                InetSocketAddress address = socketAddress(addressNode.asText(), path);
                if (address != null) {
                    out.put(e.getKey(), new PhoneManagerSpec(e.getKey(), address, loss));
                }
            }
            Map<InetSocketAddress, String> seen = new LinkedHashMap<>();
            out.values().forEach(pm -> {
                String other = seen.putIfAbsent(pm.address(), pm.name());
                if (other != null) {
                    problem("phoneManagers." + pm.name(), "same address " + pm.address().getHostString() + ":"
                            + pm.address().getPort() + " as '" + other + "'");
                }
            });
            return out;
        }

        private List<PhoneGroup> groups(JsonNode node, Map<String, PhoneManagerSpec> pms) {
            List<PhoneGroup> out = new ArrayList<>();
            if (node == null || !node.isArray() || node.isEmpty()) {
                problem("phones", "expected a list of at least one phone group");
                return out;
            }
            BitSet taken = new BitSet(1 << 24);
            for (PhoneManagerSpec pm : pms.values()) {
                taken.set(AddressList.toInt((java.net.Inet4Address) pm.address().getAddress()) & 0xffffff);
            }
            for (int i = 0; i < node.size(); i++) {
                PhoneGroup g = group(node.get(i), "phones[" + i + "]", pms, taken);
                if (g != null) {
                    out.add(g);
                }
            }
            return out;
        }

        private PhoneGroup group(JsonNode n, String path, Map<String, PhoneManagerSpec> pms, BitSet taken) {
            if (!n.isObject()) {
                problem(path, "expected a mapping with addresses, vendor and registeredTo");
                return null;
            }
            int before = problems.size();
            unknownKeys(n, GROUP_KEYS, path + ".");
            Vendor vendor = null;
            if (!n.hasNonNull("vendor")) {
                problem(path + ".vendor", "missing (one of " + Vendor.knownNames() + ")");
            } else {
                vendor = Vendor.byConfigName(n.get("vendor").asText()).orElse(null);
                if (vendor == null) {
                    problem(path + ".vendor", "unknown vendor '" + n.get("vendor").asText() + "' (known: "
                            + Vendor.knownNames() + ")");
                }
            }
            String registeredTo = pmReference(n, path, "registeredTo", pms, !n.has("provisioning"));
            String backup = pmReference(n, path, "backup", pms, false);
            if (registeredTo != null && registeredTo.equals(backup)) {
                problem(path + ".backup", "is the same PhoneManager as registeredTo");
            }
            double busy = fraction(n, path + ".", "busyFraction");
            int[] addresses = addresses(n, path, taken);
            BusyPolicy policy = vendor == null ? BusyPolicy.DEFER : vendor.defaultBusyPolicy();
            if (n.hasNonNull("busyPolicy")) {
                try {
                    policy = BusyPolicy.valueOf(n.get("busyPolicy").asText().trim().toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problem(path + ".busyPolicy", "'" + n.get("busyPolicy").asText()
                            + "' is not one of refuse, defer, apply");
                }
            }
            Optional<SnmpCredentials> snmp = Optional.empty();
            Optional<HttpCredentials> http = Optional.empty();
            if (vendor != null) {
                snmp = snmp(n.get("snmp"), path + ".snmp", vendor);
                http = http(n.get("http"), path + ".http", vendor);
            }
            Misbehaviour misbehaviour = misbehaviour(n.get("misbehaviour"), path + ".misbehaviour");
            Optional<String> provisioning = provisioningUrl(n, path);
            Optional<LabConfig.ProvisioningSpec> provisioned = vendor == null ? Optional.empty()
                    : LabProvisioningKeys.read(n, path, vendor, this::problem);
            if (problems.size() > before) {
                return null;
            }
            return new PhoneGroup(AddressList.of(addresses), vendor, registeredTo, Optional.ofNullable(backup), busy,
                    snmp, http, policy, misbehaviour, provisioning, provisioned);
        }

        private int[] addresses(JsonNode n, String path, BitSet taken) {
            JsonNode a = n.get("addresses");
            List<String> texts = new ArrayList<>();
            if (a != null && a.isTextual()) {
                texts.add(a.asText());
            } else if (a != null && a.isArray()) {
                a.forEach(x -> texts.add(x.asText()));
            } else {
                problem(path + ".addresses", "missing (a range like 127.20.16.0/20, 127.20.1.1-127.20.1.50, or a list)");
                return new int[0];
            }
            List<long[]> ranges = new ArrayList<>();
            long usable = 0;
            for (String t : texts) {
                try {
                    long[] r = Ipv4Ranges.parse(t);
                    if (!Ipv4Ranges.isLoopback(r[0]) || !Ipv4Ranges.isLoopback(r[1])) {
                        problem(path + ".addresses", "'" + t + "' is outside 127.0.0.0/8; the lab only uses loopback");
                        continue;
                    }
                    if (Ipv4Ranges.isHostReserved(r[0]) || Ipv4Ranges.isHostReserved(r[1])) {
                        problem(path + ".addresses", "'" + t + "' touches 127.0.0.0/16, where this machine's own"
                                + " loopback services live; use 127.1.0.0 and above");
                        continue;
                    }
                    ranges.add(r);
                    usable += Ipv4Ranges.usableCount(r[0], r[1]);
                } catch (IllegalArgumentException e) {
                    problem(path + ".addresses", e.getMessage());
                }
            }
            if (ranges.isEmpty()) {
                return new int[0];
            }
            long count = n.has("count") ? integer(n.get("count"), path + ".count", 1, 1_000_000, 1) : usable;
            if (count > usable) {
                problem(path + ".count", count + " phones do not fit into " + usable + " usable addresses of " + texts
                        + " (addresses ending in .0 and .255 are skipped)");
                return new int[0];
            }
            boolean spread = n.has("spread") && bool(n.get("spread"), path + ".spread");
            int[] out = new int[(int) count];
            int filled = 0;
            if (spread) {
                // every usable address, then count of them at even steps: real phones are not contiguous
                int[] all = new int[(int) usable];
                for (long[] r : ranges) {
                    int[] part = Ipv4Ranges.phoneAddresses(r[0], r[1], all.length - filled);
                    System.arraycopy(part, 0, all, filled, part.length);
                    filled += part.length;
                }
                for (int i = 0; i < out.length; i++) {
                    out[i] = all[(int) ((long) i * all.length / out.length)];
                }
            } else {
                for (long[] r : ranges) {
                    int[] part = Ipv4Ranges.phoneAddresses(r[0], r[1], out.length - filled);
                    System.arraycopy(part, 0, out, filled, part.length);
                    filled += part.length;
                }
            }
            for (int addr : out) {
                int bit = addr & 0xffffff;
                if (taken.get(bit)) {
                    problem(path + ".addresses", AddressList.format(addr)
                            + " is already used by another phone group or a PhoneManager");
                    return new int[0];
                }
                taken.set(bit);
            }
            return out;
        }

        private Optional<SnmpCredentials> snmp(JsonNode n, String path, Vendor vendor) {
            if (!vendor.speaksSnmp()) {
                if (n != null) {
                    problem(path, "vendor " + vendor + " has no SNMP agent in the lab");
                }
                return Optional.empty();
            }
            if (n == null) {
                return Optional.of(new SnmpCredentials(Optional.of("public"), Optional.empty()));
            }
            if (!n.isObject()) {
                problem(path, "expected { community: …, user: …, authProtocol: …, authPassword: …, … }");
                return Optional.empty();
            }
            unknownKeys(n, SNMP_KEYS, path + ".");
            Optional<String> community = text(n, "community");
            Optional<UsmUserSpec> v3 = Optional.empty();
            if (n.hasNonNull("user")) {
                String auth = text(n, "authProtocol").orElse("SHA-1").toUpperCase(java.util.Locale.ROOT);
                if (!AUTH_PROTOCOLS.contains(auth)) {
                    problem(path + ".authProtocol", "'" + auth + "' is not one of " + AUTH_PROTOCOLS);
                }
                Optional<String> authPassword = text(n, "authPassword");
                if (authPassword.isEmpty() || authPassword.get().length() < 8) {
                    problem(path + ".authPassword", "missing or shorter than 8 characters (RFC 3414)");
                }
                Optional<String> priv = text(n, "privProtocol").map(s -> s.toUpperCase(java.util.Locale.ROOT));
                Optional<String> privPassword = text(n, "privPassword");
                if (priv.isPresent() && !PRIV_PROTOCOLS.contains(priv.get())) {
                    problem(path + ".privProtocol", "'" + priv.get() + "' is not one of " + PRIV_PROTOCOLS);
                }
                if (priv.isPresent() && (privPassword.isEmpty() || privPassword.get().length() < 8)) {
                    problem(path + ".privPassword", "missing or shorter than 8 characters (RFC 3414)");
                }
                v3 = Optional.of(new UsmUserSpec(n.get("user").asText(), auth.equals("SHA") ? "SHA-1" : auth,
                        authPassword.orElse(""), priv.map(p -> "AES-128"), privPassword));
            }
            if (community.isEmpty() && v3.isEmpty()) {
                problem(path, "needs a community (v2c) or a user (v3), or both");
            }
            return Optional.of(new SnmpCredentials(community, v3));
        }

        private Optional<HttpCredentials> http(JsonNode n, String path, Vendor vendor) {
            if (!vendor.speaksHttp()) {
                if (n != null) {
                    problem(path, "vendor " + vendor + " has no HTTP API in the lab");
                }
                return Optional.empty();
            }
            // Factory defaults of the real devices when lab.yaml says nothing.
            String defUser = switch (vendor) {
                case POLYCOM_REST -> "Polycom";
                default -> "admin";
            };
            String defPassword = switch (vendor) {
                case POLYCOM_REST -> "456";
                case SNOM -> "0000";
                default -> "admin";
            };
            if (n == null) {
                return Optional.of(new HttpCredentials(defUser, defPassword));
            }
            if (!n.isObject()) {
                problem(path, "expected { user: …, password: … }");
                return Optional.empty();
            }
            unknownKeys(n, HTTP_KEYS, path + ".");
            return Optional.of(new HttpCredentials(text(n, "user").orElse(defUser), text(n, "password")
                    .orElse(defPassword)));
        }

        private Misbehaviour misbehaviour(JsonNode n, String path) {
            if (n == null) {
                return Misbehaviour.NONE;
            }
            if (!n.isObject()) {
                problem(path, "expected a mapping of " + MISBEHAVIOUR_KEYS);
                return Misbehaviour.NONE;
            }
            unknownKeys(n, MISBEHAVIOUR_KEYS, path + ".");
            return new Misbehaviour(duration(n, path + ".", "replyDelay", Duration.ZERO),
                    fraction(n, path + ".", "dropFraction"), fraction(n, path + ".", "malformedFraction"),
                    n.path("wrongCredentials").asBoolean(false),
                    duration(n, path + ".", "rebootAfterChange", Duration.ZERO));
        }

        private Optional<String> provisioningUrl(JsonNode n, String path) {
            Optional<String> url = text(n, "provisioningUrl");
            url.ifPresent(u -> {
                try {
                    URI uri = URI.create(u.replace("{mac}", "x").replace("{address}", "x"));
                    if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                        problem(path + ".provisioningUrl", "'" + u + "' is not an http:// URL");
                    } else if (!Ipv4Ranges.isLoopback(Ipv4Ranges.parseAddress(uri.getHost()) & 0xffffffffL)) {
                        problem(path + ".provisioningUrl", "host of '" + u + "' is outside 127.0.0.0/8");
                    }
                } catch (IllegalArgumentException e) {
                    problem(path + ".provisioningUrl", "'" + u + "' is not a loopback http URL: " + e.getMessage());
                }
            });
            return url;
        }

        private String pmReference(JsonNode n, String path, String key, Map<String, PhoneManagerSpec> pms,
                                   boolean required) {
            if (!n.hasNonNull(key)) {
                if (required) {
                    problem(path + "." + key, "missing (one of " + pms.keySet() + ")");
                }
                return null;
            }
            String name = n.get(key).asText();
            if (!pms.containsKey(name)) {
                problem(path + "." + key, "unknown PhoneManager '" + name + "' (known: " + pms.keySet() + ")");
            }
            return name;
        }

        private InetSocketAddress socketAddress(String text, String path) {
            int colon = text.lastIndexOf(':');
            try {
                int address = Ipv4Ranges.parseAddress(colon < 0 ? text : text.substring(0, colon));
                int port = colon < 0 ? 5060 : Integer.parseInt(text.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    problem(path, "port " + port + " is outside 1..65535");
                    return null;
                }
                long a = address & 0xffffffffL;
                if (!Ipv4Ranges.isLoopback(a)) {
                    problem(path, "'" + text + "' is outside 127.0.0.0/8; the lab only uses loopback");
                    return null;
                }
                if (Ipv4Ranges.isHostReserved(a)) {
                    problem(path, "'" + text + "' is in 127.0.0.0/16, where this machine's own loopback services"
                            + " live; use 127.1.0.0 and above");
                    return null;
                }
                return new InetSocketAddress(AddressList.toInet(address), port);
            } catch (NumberFormatException e) {
                problem(path, "'" + text + "': port is not a number");
            } catch (IllegalArgumentException e) {
                problem(path, e.getMessage() + " (expected IPV4:PORT)");
            }
            return null;
        }

        private int port(JsonNode root, String key, int def) {
            return root.has(key) ? (int) integer(root.get(key), key, 1, 65535, def) : def;
        }

        private boolean bool(JsonNode n, String path) {
            if (n.isBoolean()) {
                return n.asBoolean();
            }
            if (n.isTextual() && (n.asText().equals("true") || n.asText().equals("false"))) {
                return Boolean.parseBoolean(n.asText());
            }
            problem(path, "'" + n.asText() + "' is neither true nor false");
            return false;
        }

        private long integer(JsonNode n, String path, long min, long max, long def) {
            if (!n.canConvertToLong() || n.isTextual() && !n.asText().matches("-?\\d+")) {
                problem(path, "'" + n.asText() + "' is not a whole number");
                return def;
            }
            long v = n.asLong();
            if (v < min || v > max) {
                problem(path, v + " is outside " + min + ".." + max);
                return def;
            }
            return v;
        }

        private double fraction(JsonNode n, String prefix, String key) {
            JsonNode v = n.get(key);
            if (v == null) {
                return 0;
            }
            if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
                problem(prefix + key, "'" + v.asText() + "' is not a fraction within 0..1");
                return 0;
            }
            return v.asDouble();
        }

        private Duration duration(JsonNode n, String prefix, String key, Duration def) {
            JsonNode v = n.get(key);
            if (v == null) {
                return def;
            }
            try {
                return Durations.parse(v.asText());
            } catch (IllegalArgumentException e) {
                problem(prefix + key, e.getMessage());
                return def;
            }
        }

        private Optional<String> text(JsonNode n, String key) {
            return n.hasNonNull(key) ? Optional.of(n.get(key).asText()) : Optional.empty();
        }

        private void unknownKeys(JsonNode n, Set<String> known, String prefix) {
            n.fieldNames().forEachRemaining(k -> {
                if (!known.contains(k)) {
                    problem(prefix + k, "unknown key (known: " + String.join(", ", new java.util.TreeSet<>(known))
                            + ")");
                }
            });
        }

        private void problem(String path, String message) {
            problems.add(source + ": " + path + ": " + message);
        }
    }

}
