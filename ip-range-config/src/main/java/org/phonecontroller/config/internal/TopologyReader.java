package org.phonecontroller.config.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.ProbeKind;
import org.phonecontroller.config.ProtocolNames;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.config.SipTransport;
import org.phonecontroller.ranges.IpRange;

/** Reads {@code phoneManagers} and {@code ranges} and checks what refers to what. */
final class TopologyReader {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final List<String> PM_KEYS = List.of("address", "transport", "probe", "probePort", "registrar");
    private static final List<String> RANGE_KEYS = List.of("name", "addresses", "primary", "fallback", "protocols",
            "credentials", "allowLarge", "requireRegistration");

    private final Problems problems;
    /** Every {@code asterisk-ami} registrar's credentials key, checked once the credentials file is read. */
    final List<AmiReference> amiReferences = new ArrayList<>();

    TopologyReader(Problems problems) {
        this.problems = problems;
    }

    /** The readable PhoneManagers by name, in file order; every name written goes to {@code allNames}. */
    Map<String, PhoneManagerConfig> phoneManagers(YamlNode node, List<String> allNames) {
        Map<String, PhoneManagerConfig> out = new LinkedHashMap<>();
        if (node instanceof YamlNode.Reported) {
            return out;
        }
        if (!(node instanceof YamlNode.Mapping mapping)) {
            problems.add(node, "phoneManagers must be a mapping of names to PhoneManagers"
                    + (node instanceof YamlNode.Null ? "; it is empty" : ", not " + node.kind()));
            return out;
        }
        if (mapping.fields().isEmpty()) {
            problems.add(node, "phoneManagers is empty; name at least a primary and a fallback");
        }
        for (YamlNode.Field field : mapping.fields()) {
            String name = field.key();
            allNames.add(name);
            if (!NAME.matcher(name).matches()) {
                problems.add(field, "PhoneManager name '" + Problems.shorten(name) + "' may only use letters, digits, "
                        + "'.', '_' and '-' (at most 64, starting with a letter or digit)");
            }
            phoneManager(name, field.value()).ifPresent(pm -> out.put(name, pm));
        }
        return out;
    }

    private Optional<PhoneManagerConfig> phoneManager(String name, YamlNode node) {
        String where = "phoneManager '" + name + "'";
        if (node instanceof YamlNode.Scalar) {
            problems.add(node, where + " must be a mapping such as { address: 10.0.0.10:5060, transport: udp, "
                    + "probe: sip-options }");
            return Optional.empty();
        }
        Optional<MappingReader> m = MappingReader.of(node, where, PM_KEYS, problems);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        MappingReader r = m.get();
        Map<String, SipTransport> transports = new LinkedHashMap<>();
        for (SipTransport t : SipTransport.values()) {
            transports.put(t.yamlName(), t);
        }
        Map<String, ProbeKind> probes = new LinkedHashMap<>();
        for (ProbeKind p : ProbeKind.values()) {
            probes.put(p.yamlName(), p);
        }
        boolean ok = true;
        Optional<HostPort> address = r.require("address").flatMap(v -> Values.text(v, where + " address", problems)
                .flatMap(t -> {
                    try {
                        return Optional.of(HostPort.parse(t));
                    } catch (IllegalArgumentException e) {
                        problems.add(v, where + " address: " + e.getMessage());
                        return Optional.empty();
                    }
                }));
        SipTransport transport = SipTransport.UDP;
        if (r.get("transport").isPresent()) {
            Optional<SipTransport> t =
                    Values.choice(r.get("transport").get(), where + " transport", transports, problems);
            ok &= t.isPresent();
            transport = t.orElse(transport);
        }
        ProbeKind probe = ProbeKind.SIP_OPTIONS;
        if (r.get("probe").isPresent()) {
            Optional<ProbeKind> p = Values.choice(r.get("probe").get(), where + " probe", probes, problems);
            ok &= p.isPresent();
            probe = p.orElse(probe);
        }
        Optional<Integer> probePort = Optional.empty();
        if (r.get("probePort").isPresent()) {
            probePort = Values.integer(r.get("probePort").get(), where + " probePort", 1, 65535, problems);
            ok &= probePort.isPresent();
        }
        Optional<org.phonecontroller.config.RegistrarConfig> registrar = Optional.empty();
        if (r.get("registrar").isPresent()) {
            registrar = new RegistrarReader(problems).read(name, r.get("registrar").get(), amiReferences);
            ok &= registrar.isPresent();
        }
        if (address.isEmpty() || !ok) {
            return Optional.empty();
        }
        int port = address.get().port().orElse(transport.defaultPort());
        return Optional.of(new PhoneManagerConfig(name, address.get().host(), port, transport, probe,
                probePort.orElse(probe == ProbeKind.SNMP ? 161 : port), registrar));
    }

    /** The ranges in file order, checked one by one and against the PhoneManager names. */
    List<RangeDraft> ranges(YamlNode node, List<String> phoneManagerNames) {
        List<RangeDraft> out = new ArrayList<>();
        Optional<List<YamlNode>> items = Values.list(node, "ranges", problems);
        if (items.isEmpty()) {
            return out;
        }
        if (items.get().isEmpty()) {
            problems.add(node, "ranges is empty; configure at least one range");
        }
        Map<String, RangeDraft> byName = new HashMap<>();
        for (YamlNode item : items.get()) {
            Optional<RangeDraft> draft = range(item, out.size() + 1, phoneManagerNames);
            if (draft.isEmpty()) {
                continue;
            }
            RangeDraft earlier = byName.putIfAbsent(draft.get().name(), draft.get());
            if (earlier != null && !draft.get().name().isEmpty()) {
                problems.add(draft.get().nameNode(), "duplicate range name '" + draft.get().name()
                        + "' (first at line " + earlier.nameNode().line() + ")");
            }
            out.add(draft.get());
        }
        return out;
    }

    private Optional<RangeDraft> range(YamlNode node, int position, List<String> pmNames) {
        String label = node instanceof YamlNode.Mapping mapping ? mapping.field("name").map(YamlNode.Field::value)
                .filter(YamlNode.Scalar.class::isInstance).map(n -> "range '" + Problems.shorten(((YamlNode.Scalar) n)
                        .text().strip()) + "'").orElse("range #" + position) : "range #" + position;
        Optional<MappingReader> m = MappingReader.of(node, label, RANGE_KEYS, problems);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        MappingReader r = m.get();
        Optional<String> name = r.require("name")
                .flatMap(v -> Values.text(v, "range #" + position + " name", problems));
        YamlNode nameNode = r.get("name").orElse(r.mapping());
        if (name.isPresent() && !NAME.matcher(name.get()).matches()) {
            problems.add(nameNode, "range name '" + Problems.shorten(name.get()) + "' may only use letters, digits, "
                    + "'.', '_' and '-' (at most 64, starting with a letter or digit)");
        }
        String where = name.map(n -> "range '" + n + "'").orElse("range #" + position);
        int before = problems.size();

        List<RangeDraft.Located> blocks = new ArrayList<>();
        r.require("addresses").flatMap(v -> Values.list(v, where + " addresses", problems)).ifPresent(list -> {
            if (list.isEmpty()) {
                problems.add(r.get("addresses").orElseThrow(), where + " has an empty address list");
            }
            for (YamlNode a : list) {
                Values.text(a, where + " addresses", problems).ifPresent(t -> {
                    try {
                        blocks.add(new RangeDraft.Located(IpRange.parse(t), a));
                    } catch (IllegalArgumentException e) {
                        problems.add(a, where + ": " + e.getMessage());
                    }
                });
            }
        });
        Optional<String> primary = reference(r, "primary", where, pmNames);
        Optional<String> fallback = reference(r, "fallback", where, pmNames);
        if (primary.isPresent() && primary.equals(fallback)) {
            problems.add(r.get("fallback").orElseThrow(), where + ": fallback is the primary '" + primary.get()
                    + "'; the fallback must be another PhoneManager");
        }
        List<String> protocols = protocols(r, where);
        Optional<YamlNode> credentialsNode = r.get("credentials");
        Optional<String> credentials = credentialsNode.flatMap(v -> Values.text(v, where + " credentials", problems))
                .map(String::strip);
        boolean allowLarge = r.get("allowLarge").flatMap(v -> Values.bool(v, where + " allowLarge", problems))
                .orElse(false);
        boolean requireRegistration = r.get("requireRegistration")
                .flatMap(v -> Values.bool(v, where + " requireRegistration", problems)).orElse(true);
        BigInteger size = blocks.stream().map(b -> b.range().size()).reduce(BigInteger.ZERO, BigInteger::add);
        if (!allowLarge && size.compareTo(BigInteger.valueOf(RangeConfig.LARGE_RANGE_LIMIT)) > 0) {
            problems.add(r.get("addresses").orElse(nameNode), String.format(Locale.ROOT,
                    "%s has %,d addresses, more than %,d; add 'allowLarge: true' to the range if that is intended",
                    where, size, RangeConfig.LARGE_RANGE_LIMIT));
        }
        Optional<RangeConfig> config = Optional.empty();
        if (problems.size() == before && name.isPresent() && primary.isPresent() && fallback.isPresent()) {
            config = Optional.of(new RangeConfig(name.get(), blocks.stream().map(RangeDraft.Located::range).toList(),
                    primary.get(), fallback.get(), protocols, credentials.orElse(name.get()), allowLarge,
                    requireRegistration));
        }
        return Optional.of(new RangeDraft(config, name.orElse(""), nameNode, blocks, protocols,
                credentials.or(() -> name).orElse(""), credentialsNode));
    }

    private Optional<String> reference(MappingReader r, String key, String where, List<String> pmNames) {
        return r.require(key).flatMap(v -> Values.text(v, where + " " + key, problems).map(String::strip)
                .filter(name -> {
                    if (pmNames.contains(name)) {
                        return true;
                    }
                    problems.add(v, where + ": " + key + " '" + Problems.shorten(name) + "' is not a PhoneManager"
                            + suggestion(name, pmNames));
                    return false;
                }));
    }

    private static String suggestion(String name, List<String> pmNames) {
        String close = Suggestions.didYouMean(name, pmNames);
        return close.isEmpty() ? (pmNames.isEmpty() ? "" : " (known: " + String.join(", ", pmNames) + ")") : close;
    }

    private List<String> protocols(MappingReader r, String where) {
        List<String> out = new ArrayList<>();
        r.require("protocols").flatMap(v -> Values.list(v, where + " protocols", problems)).ifPresent(list -> {
            if (list.isEmpty()) {
                problems.add(r.get("protocols").orElseThrow(), where + " lists no protocols; known: "
                        + String.join(", ", ProtocolNames.displayNames()));
            }
            for (YamlNode p : list) {
                Values.text(p, where + " protocols", problems).map(String::strip).ifPresent(t -> {
                    if (ProtocolNames.find(t).isPresent()) {
                        if (out.contains(t)) {
                            problems.add(p, where + " lists protocol '" + t + "' twice");
                        }
                        out.add(t);
                    } else {
                        List<String> plain = ProtocolNames.KNOWN.stream().filter(s -> !s.prefix())
                                .map(ProtocolNames.Spec::name).toList();
                        String hint = t.equals("snmp") || t.equals("snmp:")
                                ? "; name an SNMP profile, e.g. snmp:sip-ua-generic"
                                : Suggestions.didYouMean(t, plain);
                        problems.add(p, where + ": unknown protocol '" + Problems.shorten(t) + "' (known: "
                                + String.join(", ", ProtocolNames.displayNames()) + ")" + hint);
                    }
                });
            }
        });
        return out;
    }
}
