package org.phonecontroller.protocols.snmp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one profile YAML document into an {@link SnmpProfile}, collecting every problem with its line
 * ({@code cisco.yaml:12: servers[0].address.oid: '1.3.x' is not a dotted OID ...}).
 */
final class SnmpProfileParser {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    private static final Set<String> TOP = Set.of("name", "description", "match", "writable", "servers",
            "serverTable", "apply", "callState");

    private final String source;
    private final Map<String, Integer> lines = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    private SnmpProfileParser(String source) {
        this.source = source;
    }

    /**
     * @param source a file name or {@code built-in:NAME.yaml}, used in messages
     * @throws InvalidSnmpProfileException listing every problem
     */
    static SnmpProfile parse(String source, String text) {
        return new SnmpProfileParser(source).run(text == null ? "" : text);
    }

    private SnmpProfile run(String text) {
        JsonNode root;
        try {
            indexLines(text);
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InvalidSnmpProfileException(List.of(source + ":" + line + ": not valid YAML: "
                    + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidSnmpProfileException(List.of(source + ": cannot read: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidSnmpProfileException(List.of(source + ":1: a profile is a YAML mapping with 'name', "
                    + "'match', 'writable' and 'servers' or 'serverTable'"));
        }
        unknownKeys(root, "", TOP);
        String name = text(root, "/name", true).orElse("");
        String description = text(root, "/description", false).orElse("");
        SnmpProfile.Match match = field("/match", () -> match(root.path("match")));
        Boolean writable = field("/writable", () -> {
            JsonNode w = root.get("writable");
            if (w == null || !w.isBoolean()) {
                throw new IllegalArgumentException("'writable' must be true or false");
            }
            return w.booleanValue();
        });
        List<SnmpProfile.ServerSlot> servers = new ArrayList<>();
        JsonNode list = root.get("servers");
        if (list != null) {
            if (!list.isArray()) {
                problem("/servers", "'servers' must be a list of slots");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    String at = "/servers/" + i;
                    JsonNode n = list.get(i);
                    SnmpProfile.ServerSlot slot = field(at, () -> slot(n, at));
                    if (slot != null) {
                        servers.add(slot);
                    }
                }
            }
        }
        Optional<SnmpProfile.ServerTable> table = optional(root, "/serverTable", this::table);
        Optional<SnmpProfile.Apply> apply = optional(root, "/apply", n -> {
            unknownKeys(n, "/apply", Set.of("oid", "type", "value"));
            return new SnmpProfile.Apply(req(n, "oid"), SnmpProfile.ValueType.parse(req(n, "type")), req(n, "value"));
        });
        Optional<SnmpProfile.CallStateRule> callState = optional(root, "/callState", n -> {
            unknownKeys(n, "/callState", Set.of("oid", "busyValues"));
            JsonNode values = n.get("busyValues");
            if (values == null || !values.isArray()) {
                throw new IllegalArgumentException("callState.busyValues must be a list such as [\"1\", \"2\"]");
            }
            Set<String> busy = new LinkedHashSet<>();
            values.forEach(v -> busy.add(v.asText()));
            return new SnmpProfile.CallStateRule(req(n, "oid"), busy);
        });
        if (problems.isEmpty()) {
            try {
                return new SnmpProfile(name, description, match, writable, servers, table, apply, callState, source);
            } catch (IllegalArgumentException e) {
                problem("", e.getMessage());
            }
        }
        throw new InvalidSnmpProfileException(problems);
    }

    private SnmpProfile.Match match(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return SnmpProfile.Match.any();
        }
        unknownKeys(n, "/match", Set.of("sysObjectIdPrefix", "sysDescrPattern"));
        Optional<String> prefix = Optional.ofNullable(n.get("sysObjectIdPrefix")).map(JsonNode::asText);
        Optional<Pattern> pattern = Optional.empty();
        if (n.has("sysDescrPattern")) {
            String regex = n.get("sysDescrPattern").asText();
            try {
                pattern = Optional.of(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("sysDescrPattern '" + regex + "' is not a regular expression: "
                        + e.getDescription());
            }
        }
        return new SnmpProfile.Match(prefix, pattern);
    }

    private SnmpProfile.ServerSlot slot(JsonNode n, String at) {
        unknownKeys(n, at, Set.of("slot", "address", "port"));
        JsonNode slot = n.get("slot");
        if (slot == null || !slot.canConvertToInt()) {
            throw new IllegalArgumentException("each server needs 'slot: N' (1, 2, ...)");
        }
        JsonNode a = n.get("address");
        if (a == null || !a.isObject()) {
            throw new IllegalArgumentException("each server needs 'address: { oid: ..., type: ..., format: ... }'");
        }
        unknownKeys(a, at + "/address", Set.of("oid", "type", "format"));
        SnmpProfile.ValueType type = SnmpProfile.ValueType.parse(req(a, "type"));
        String format = a.has("format") ? a.get("format").asText() : "HOST";
        var address = new SnmpProfile.AddressObject(req(a, "oid"), type, format);
        Optional<String> port = Optional.empty();
        JsonNode p = n.get("port");
        if (p != null) {
            unknownKeys(p, at + "/port", Set.of("oid", "type"));
            if (p.has("type") && SnmpProfile.ValueType.parse(p.get("type").asText())
                    != SnmpProfile.ValueType.INTEGER) {
                throw new IllegalArgumentException("a port object must have type Integer");
            }
            port = Optional.of(req(p, "oid"));
        }
        return new SnmpProfile.ServerSlot(slot.asInt(), address, port);
    }

    private SnmpProfile.ServerTable table(JsonNode n) {
        unknownKeys(n, "/serverTable", Set.of("addressColumn", "addressTypeColumn", "maxRows"));
        int max = n.has("maxRows") ? n.get("maxRows").asInt(-1) : 16;
        return new SnmpProfile.ServerTable(req(n, "addressColumn"),
                Optional.ofNullable(n.get("addressTypeColumn")).map(JsonNode::asText), max);
    }

    private static String req(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull() || !v.isValueNode()) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return v.asText();
    }

    private Optional<String> text(JsonNode root, String pointer, boolean required) {
        JsonNode v = root.at(pointer);
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                problem(pointer, "missing '" + pointer.substring(1) + "'");
            }
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    private <T> Optional<T> optional(JsonNode root, String pointer, Function<JsonNode, T> reader) {
        JsonNode n = root.at(pointer);
        if (n.isMissingNode() || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isObject()) {
            problem(pointer, "'" + pointer.substring(1) + "' must be a mapping");
            return Optional.empty();
        }
        return Optional.ofNullable(field(pointer, () -> reader.apply(n)));
    }

    private <T> T field(String pointer, java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            problem(pointer, e.getMessage());
            return null;
        }
    }

    private void unknownKeys(JsonNode n, String at, Set<String> known) {
        n.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                problem(at + "/" + k, "unknown key '" + k + "' (known: " + String.join(", ", known.stream()
                        .sorted().toList()) + ")");
            }
        });
    }

    private void problem(String pointer, String message) {
        String where = pointer.isEmpty() ? "" : readable(pointer) + ": ";
        problems.add(source + ":" + line(pointer) + ": " + where + message);
    }

    private int line(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 1;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** {@code /servers/0/address/oid} → {@code servers[0].address.oid}. */
    private static String readable(String pointer) {
        return pointer.substring(1).replaceAll("/(\\d+)", "[$1]").replace('/', '.');
    }

    /** Remembers the line of every value by its JSON pointer, so semantic problems can say where they are. */
    private void indexLines(String text) throws IOException {
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                String pointer = p.getParsingContext().pathAsPointer().toString();
                if (t == JsonToken.FIELD_NAME || t.isScalarValue()) {
                    lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
                } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
                }
            }
        }
    }
}
