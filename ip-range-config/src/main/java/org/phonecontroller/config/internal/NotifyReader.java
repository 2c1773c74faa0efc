package org.phonecontroller.config.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.phonecontroller.config.NotifyReceiver;
import org.phonecontroller.config.NotifyReceiver.Destination;
import org.phonecontroller.config.NotifyReceiver.MailSecurity;
import org.phonecontroller.config.NotifyReceiver.SyslogTransport;

/**
 * Reads {@code notify:}, a list of receivers, each a mapping with exactly one of {@code command}, {@code webhook},
 * {@code email}, {@code snmpTrap}, {@code syslog}, plus {@code kinds}, {@code timeout}, {@code credentials} (and
 * {@code enterprise} for traps). Checks what can be checked without sending: the program exists and is executable,
 * URLs and addresses are well formed, kinds are known. Nothing is resolved or contacted.
 */
public final class NotifyReader {
    /** The event kinds a receiver may name; the daemon's tests check this list against its EventKind. */
    public static final List<String> KINDS = List.of("DAEMON_STARTED", "DAEMON_STOPPED", "PHONE_MANAGER_SUSPECT",
            "PHONE_MANAGER_DOWN", "PHONE_MANAGER_RECOVERING", "PHONE_MANAGER_UP", "CONTROLLER_ISOLATED",
            "CONTROLLER_CONNECTED", "FAILOVER_STARTED", "FAILOVER_BLOCKED", "FAILOVER_COMPLETED", "FAILBACK_STARTED",
            "FAILBACK_COMPLETED", "PHONE_REPROGRAMMED", "PHONE_DEFERRED_BUSY", "PHONE_FAILED", "SCAN_STARTED",
            "SCAN_COMPLETED", "PHONE_DISCOVERED", "PHONE_GONE", "CONFIG_APPLIED", "CONFIG_REJECTED");
    static final List<String> TYPES = List.of("command", "webhook", "email", "snmpTrap", "syslog");
    private static final List<String> COMMON_KEYS = List.of("kinds", "timeout", "credentials");
    private static final List<String> EMAIL_KEYS = List.of("smtp", "starttls", "tls", "from", "to");
    private static final Pattern OID = Pattern.compile("1\\.3(\\.(0|[1-9][0-9]{0,8}))+");
    private static final Pattern MAILBOX = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+");

    private final Problems problems;
    private final Path configDir;

    private NotifyReader(Problems problems, Path configDir) {
        this.problems = problems;
        this.configDir = configDir;
    }

    /** The receivers of {@code node} in file order; those with problems are left out (and reported). */
    public static List<Located> read(YamlNode node, Path configDir, Problems problems) {
        NotifyReader reader = new NotifyReader(problems, configDir);
        List<Located> receivers = new ArrayList<>();
        Values.list(node, "notify", problems).ifPresent(items -> {
            for (YamlNode item : items) {
                reader.receiver(item).ifPresent(receivers::add);
            }
        });
        return receivers;
    }

    /** A receiver and where its entry is written (to report a missing credentials key there). */
    public record Located(NotifyReceiver receiver, YamlNode node, Optional<YamlNode> credentialsNode) {
    }

    private Optional<Located> receiver(YamlNode item) {
        if (!(item instanceof YamlNode.Mapping mapping)) {
            if (!(item instanceof YamlNode.Reported)) {
                problems.add(item, "a notify entry must be a mapping such as { webhook: \"https://...\" }, not "
                        + item.kind());
            }
            return Optional.empty();
        }
        List<YamlNode.Field> types = mapping.fields().stream().filter(f -> TYPES.contains(f.key())).toList();
        if (types.size() != 1) {
            problems.add(item, "a notify entry needs exactly one of " + String.join(", ", TYPES)
                    + (types.isEmpty() ? "" : ", not " + types.size()));
            return Optional.empty();
        }
        String type = types.get(0).key();
        List<String> known = new ArrayList<>(COMMON_KEYS);
        known.add(type);
        if (type.equals("snmpTrap")) {
            known.add("enterprise");
        }
        String where = "notify " + type;
        Optional<MappingReader> m = MappingReader.of(item, where, known, problems);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        MappingReader r = m.get();
        int before = problems.size();
        YamlNode value = types.get(0).value();
        Optional<Destination> destination = switch (type) {
            case "command" -> command(value);
            case "webhook" -> webhook(value);
            case "email" -> email(value);
            case "snmpTrap" -> snmpTrap(value, r.get("enterprise"));
            default -> syslog(value);
        };
        Set<String> kinds = r.get("kinds").map(k -> kinds(k, where)).orElse(Set.of());
        Duration timeout = r.get("timeout").flatMap(v -> Values.duration(v, where + " timeout", Duration.ofMillis(1),
                problems)).orElse(NotifyReceiver.DEFAULT_TIMEOUT);
        Optional<YamlNode> credentialsNode = r.get("credentials");
        Optional<String> credentials = credentialsNode.flatMap(v -> Values.text(v, where + " credentials", problems))
                .map(String::strip);
        if (type.equals("snmpTrap") && credentialsNode.isEmpty()) {
            problems.add(item, "notify snmpTrap needs 'credentials:', a key of the credentials file with snmp: "
                    + "{ version: 2c, community: ... } (a trap) or { version: 3, user: ... } (an inform)");
        }
        if (destination.isEmpty() || problems.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new Located(new NotifyReceiver(destination.get(), kinds, timeout, credentials), item,
                credentialsNode));
    }

    private Optional<Destination> command(YamlNode value) {
        return Values.text(value, "notify command", problems).flatMap(text -> {
            Path program;
            try {
                program = configDir.resolve(text.strip()).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                problems.add(value, "notify command is not a valid path: " + e.getReason());
                return Optional.empty();
            }
            if (!Files.isRegularFile(program)) {
                problems.add(value, "notify command '" + Problems.shorten(text.strip()) + "' does not exist"
                        + " (resolved to " + program + ")");
                return Optional.empty();
            }
            if (!Files.isExecutable(program)) {
                problems.add(value, "notify command '" + Problems.shorten(text.strip()) + "' is not executable"
                        + " (run 'chmod +x " + program + "')");
                return Optional.empty();
            }
            return Optional.of(new NotifyReceiver.Command(program));
        });
    }

    private Optional<Destination> webhook(YamlNode value) {
        return Values.text(value, "notify webhook", problems).flatMap(text -> {
            String t = text.strip();
            try {
                URI url = new URI(t);
                String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    problems.add(value, "notify webhook must be an http:// or https:// URL, not '" + Problems.shorten(t)
                            + "'");
                    return Optional.empty();
                }
                if (url.getHost() == null || url.getHost().isEmpty()) {
                    problems.add(value, "notify webhook '" + Problems.shorten(t) + "' has no host");
                    return Optional.empty();
                }
                if (url.getRawUserInfo() != null) {
                    problems.add(value, "notify webhook must not carry a login in its URL; put a bearer token in the"
                            + " credentials file and name it with 'credentials:'");
                    return Optional.empty();
                }
                return Optional.of(new NotifyReceiver.Webhook(url));
            } catch (URISyntaxException e) {
                problems.add(value, "notify webhook is not a URL: " + e.getReason() + " at index " + e.getIndex());
                return Optional.empty();
            }
        });
    }

    private Optional<Destination> email(YamlNode value) {
        return MappingReader.of(value, "notify email", EMAIL_KEYS, problems).flatMap(r -> {
            int before = problems.size();
            boolean starttls = r.get("starttls").flatMap(v -> Values.bool(v, "notify email starttls", problems))
                    .orElse(false);
            boolean tls = r.get("tls").flatMap(v -> Values.bool(v, "notify email tls", problems)).orElse(false);
            if (starttls && tls) {
                problems.add(value, "notify email: choose starttls (usually port 587) or tls (usually port 465), "
                        + "not both");
            }
            MailSecurity security = tls ? MailSecurity.TLS : starttls ? MailSecurity.STARTTLS : MailSecurity.NONE;
            Optional<HostPort> smtp = r.require("smtp").flatMap(v -> address(v, "notify email smtp"));
            Optional<String> from = r.require("from").flatMap(v -> mailbox(v, "notify email from"));
            List<String> to = new ArrayList<>();
            r.require("to").ifPresent(v -> {
                if (v instanceof YamlNode.Scalar) {
                    mailbox(v, "notify email to").ifPresent(to::add);
                } else {
                    Values.list(v, "notify email to", problems).ifPresent(items -> {
                        items.forEach(i -> mailbox(i, "notify email to").ifPresent(to::add));
                        if (items.isEmpty()) {
                            problems.add(v, "notify email to lists no address");
                        }
                    });
                }
            });
            if (problems.size() != before || smtp.isEmpty() || from.isEmpty() || to.isEmpty()) {
                return Optional.empty();
            }
            int port = smtp.get().port().orElse(tls ? 465 : starttls ? 587 : 25);
            return Optional.of(new NotifyReceiver.Email(smtp.get().host(), port, security, from.get(), to));
        });
    }

    private Optional<String> mailbox(YamlNode node, String what) {
        return Values.text(node, what, problems).map(String::strip).filter(t -> {
            if (MAILBOX.matcher(t).matches()) {
                return true;
            }
            problems.add(node, what + " '" + Problems.shorten(t) + "' is not a mail address (name@domain)");
            return false;
        });
    }

    private Optional<Destination> snmpTrap(YamlNode value, Optional<YamlNode> enterpriseNode) {
        Optional<String> enterprise = Optional.of(NotifyReceiver.DEFAULT_ENTERPRISE);
        if (enterpriseNode.isPresent()) {
            enterprise = Values.text(enterpriseNode.get(), "notify snmpTrap enterprise", problems).map(String::strip)
                    .map(t -> t.startsWith(".") ? t.substring(1) : t).filter(t -> {
                        if (OID.matcher(t).matches()) {
                            return true;
                        }
                        problems.add(enterpriseNode.get(), "notify snmpTrap enterprise '" + Problems.shorten(t)
                                + "' is not a numeric OID such as 1.3.6.1.4.1.32473.1");
                        return false;
                    });
        }
        Optional<HostPort> address = address(value, "notify snmpTrap");
        if (address.isEmpty() || enterprise.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NotifyReceiver.SnmpTrap(address.get().host(), address.get().port().orElse(162),
                enterprise.get()));
    }

    private Optional<Destination> syslog(YamlNode value) {
        return Values.text(value, "notify syslog", problems).flatMap(text -> {
            String t = text.strip();
            int colon = t.indexOf(':');
            Map<String, SyslogTransport> transports = new LinkedHashMap<>();
            transports.put("udp", SyslogTransport.UDP);
            transports.put("tcp", SyslogTransport.TCP);
            transports.put("tls", SyslogTransport.TLS);
            SyslogTransport transport = colon < 0 ? null
                    : transports.get(t.substring(0, colon).toLowerCase(Locale.ROOT));
            if (transport == null) {
                problems.add(value, "notify syslog must be udp:HOST[:PORT], tcp:HOST[:PORT] or tls:HOST[:PORT], not '"
                        + Problems.shorten(t) + "'");
                return Optional.empty();
            }
            try {
                HostPort hp = HostPort.parse(t.substring(colon + 1));
                int port = hp.port().orElse(transport == SyslogTransport.TLS ? 6514
                        : transport == SyslogTransport.TCP ? 601 : 514);
                return Optional.of(new NotifyReceiver.Syslog(transport, hp.host(), port));
            } catch (IllegalArgumentException e) {
                problems.add(value, "notify syslog: " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    private Optional<HostPort> address(YamlNode node, String what) {
        return Values.text(node, what, problems).flatMap(t -> {
            try {
                return Optional.of(HostPort.parse(t));
            } catch (IllegalArgumentException e) {
                problems.add(node, what + ": " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    private Set<String> kinds(YamlNode node, String where) {
        Set<String> kinds = new LinkedHashSet<>();
        Values.list(node, where + " kinds", problems).ifPresent(items -> {
            for (YamlNode item : items) {
                Values.text(item, where + " kinds", problems).map(String::strip).ifPresent(k -> {
                    String upper = k.toUpperCase(Locale.ROOT);
                    if (KINDS.contains(upper)) {
                        kinds.add(upper);
                    } else {
                        problems.add(item, where + " kinds: unknown event kind '" + Problems.shorten(k) + "'"
                                + Suggestions.didYouMean(upper, KINDS));
                    }
                });
            }
            if (items.isEmpty()) {
                problems.add(node, where + " kinds is empty: leave it out for the default kinds");
            }
        });
        return kinds;
    }
}
