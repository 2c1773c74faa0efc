package org.phonecontroller.protocols.provisioning;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.provisioning.ProvisioningProfile.FileFormat;

/**
 * Reads one provisioning profile YAML document, collecting every problem as {@code file:line:column: message}
 * (as {@code SnmpProfileParser} does for SNMP profiles).
 */
final class ProvisioningProfileParser {

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("name", "description", "vendor", "files", "format", "accounts",
            "servers", "transportValues", "recognize", "trigger", "requiredKeys", "template");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern FILE_PATTERN = Pattern.compile("[A-Za-z0-9._-]*\\{mac}[A-Za-z0-9._-]*");
    /** Keys are written into files: no line breaks, no markup. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.{}\\[\\]@='/ -]{1,200}");

    private final String source;
    private final Map<String, int[]> positions = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    private ProvisioningProfileParser(String source) {
        this.source = source;
    }

    /** @throws InvalidProvisioningProfileException listing every problem */
    static ProvisioningProfile parse(String source, String text) {
        return new ProvisioningProfileParser(source).run(text == null ? "" : text);
    }

    private ProvisioningProfile run(String text) {
        JsonNode root;
        try {
            indexPositions(text);
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            int column = e.getLocation() == null ? 1 : e.getLocation().getColumnNr();
            throw new InvalidProvisioningProfileException(List.of(source + ":" + line + ":" + column
                    + ": not valid YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidProvisioningProfileException(List.of(source + ": cannot read: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidProvisioningProfileException(List.of(source + ":1:1: a provisioning profile is a YAML "
                    + "mapping with name, files, format, servers, trigger"));
        }
        unknownKeys(root, "", TOP);
        String name = text(root, "name", true).orElse("");
        if (!name.isEmpty() && !NAME.matcher(name).matches()) {
            problem("/name", "'" + name + "' is not a profile name (letters, digits, '.', '_', '-')");
        }
        String description = text(root, "description", false).orElse("");
        String vendor = text(root, "vendor", false).orElse(name);
        ProvisioningProfile.Files files = files(root.get("files"));
        FileFormat format = format(root);
        int accounts = accounts(root);
        Map<Transport, String> transportValues = transportValues(root.get("transportValues"));
        List<ProvisioningProfile.ServerSlot> servers = servers(root.get("servers"), transportValues, format);
        ProvisioningProfile.Recognition recognition = recognition(root.get("recognize"));
        ProvisioningProfile.Trigger trigger = trigger(root.get("trigger"));
        Map<String, String> required = requiredKeys(root.get("requiredKeys"), format);
        Optional<String> template = text(root, "template", false);
        if (!problems.isEmpty()) {
            throw new InvalidProvisioningProfileException(problems);
        }
        return new ProvisioningProfile(name, description, vendor, files, format, accounts, servers, recognition,
                trigger, required, template, source);
    }

    private ProvisioningProfile.Files files(JsonNode n) {
        if (n == null || !n.isObject()) {
            problem(n == null ? "" : "/files", n == null ? "missing 'files' (perMac, common, macCase)"
                    : "'files' must be a mapping with perMac, common, macCase");
            return new ProvisioningProfile.Files(List.of("{mac}.cfg"), List.of(), false);
        }
        unknownKeys(n, "/files", Set.of("perMac", "common", "macCase"));
        List<String> perMac = new ArrayList<>();
        List<Pattern> common = new ArrayList<>();
        JsonNode pm = n.get("perMac");
        if (pm == null || !pm.isArray() || pm.isEmpty()) {
            problem("/files" + (pm == null ? "" : "/perMac"), "'files.perMac' must list at least one file name with"
                    + " {mac}, e.g. \"{mac}.cfg\"");
        } else {
            for (int i = 0; i < pm.size(); i++) {
                String f = pm.get(i).asText("");
                if (!FILE_PATTERN.matcher(f).matches() || f.indexOf("{mac}") != f.lastIndexOf("{mac}")) {
                    problem("/files/perMac/" + i, "'" + f + "' must be a plain file name with {mac} once");
                } else {
                    perMac.add(f);
                }
            }
        }
        JsonNode c = n.get("common");
        if (c != null) {
            if (!c.isArray()) {
                problem("/files/common", "'files.common' must be a list of regular expressions");
            } else {
                for (int i = 0; i < c.size(); i++) {
                    try {
                        common.add(Pattern.compile(c.get(i).asText("")));
                    } catch (PatternSyntaxException e) {
                        problem("/files/common/" + i, "not a regular expression: " + e.getDescription());
                    }
                }
            }
        }
        boolean upper = false;
        JsonNode mc = n.get("macCase");
        if (mc != null) {
            switch (mc.asText("")) {
                case "lower" -> upper = false;
                case "upper" -> upper = true;
                default -> problem("/files/macCase", "'macCase' must be lower or upper, not '" + mc.asText() + "'");
            }
        }
        return new ProvisioningProfile.Files(perMac.isEmpty() ? List.of("{mac}.cfg") : perMac, common, upper);
    }

    private FileFormat format(JsonNode root) {
        Optional<String> f = text(root, "format", true);
        if (f.isEmpty()) {
            return FileFormat.KEY_VALUE;
        }
        for (FileFormat format : FileFormat.values()) {
            if (format.configName().equals(f.get())) {
                return format;
            }
        }
        problem("/format", "unknown format '" + f.get() + "' (known: key-value, xml-elements, xml-attributes)");
        return FileFormat.KEY_VALUE;
    }

    private int accounts(JsonNode root) {
        JsonNode a = root.get("accounts");
        if (a == null) {
            return 1;
        }
        if (!a.canConvertToInt() || a.asInt() < 1 || a.asInt() > 64 || !a.isIntegralNumber()) {
            problem("/accounts", "'accounts' must be a whole number from 1 to 64");
            return 1;
        }
        return a.asInt();
    }

    private Map<Transport, String> transportValues(JsonNode n) {
        Map<Transport, String> out = new EnumMap<>(Transport.class);
        if (n == null) {
            return out;
        }
        if (!n.isObject()) {
            problem("/transportValues", "'transportValues' must map udp, tcp, tls to the values the vendor writes");
            return out;
        }
        n.fields().forEachRemaining(e -> {
            try {
                out.put(Transport.parse(e.getKey()), e.getValue().asText());
            } catch (IllegalArgumentException ex) {
                problem("/transportValues/" + e.getKey(), ex.getMessage());
            }
        });
        return out;
    }

    private List<ProvisioningProfile.ServerSlot> servers(JsonNode n, Map<Transport, String> transportValues,
                                                         FileFormat format) {
        List<ProvisioningProfile.ServerSlot> out = new ArrayList<>();
        if (n == null || !n.isArray() || n.isEmpty()) {
            problem(n == null ? "" : "/servers", "'servers' must list the server slots of an account (address, "
                    + "port, transport keys)");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            String at = "/servers/" + i;
            JsonNode s = n.get(i);
            if (!s.isObject()) {
                problem(at, "a server slot is a mapping with address and optional port, transport, addressWithPort");
                continue;
            }
            unknownKeys(s, at, Set.of("address", "port", "transport", "addressWithPort"));
            Optional<String> address = key(s, at, "address", true, format);
            Optional<String> port = key(s, at, "port", false, format);
            Optional<String> transport = key(s, at, "transport", false, format);
            boolean withPort = s.path("addressWithPort").asBoolean(false);
            if (s.has("addressWithPort") && !s.get("addressWithPort").isBoolean()) {
                problem(at + "/addressWithPort", "'addressWithPort' must be true or false");
            }
            if (withPort && port.isPresent()) {
                problem(at + "/port", "a slot whose address holds the port has no port key");
            }
            if (transport.isPresent() && transportValues.size() != Transport.values().length) {
                problem(at + "/transport", "a transport key needs 'transportValues' for udp, tcp and tls");
            }
            address.ifPresent(a -> out.add(new ProvisioningProfile.ServerSlot(a, port, transport, transportValues,
                    withPort)));
        }
        return out;
    }

    private Optional<String> key(JsonNode s, String at, String field, boolean required, FileFormat format) {
        JsonNode v = s.get(field);
        if (v == null) {
            if (required) {
                problem(at, "missing '" + field + "'");
            }
            return Optional.empty();
        }
        String k = v.asText("");
        if (!v.isTextual() || !KEY.matcher(k).matches()) {
            problem(at + "/" + field, "'" + k + "' is not a key (letters, digits, . _ - and {account})");
            return Optional.empty();
        }
        if (format == FileFormat.KEY_VALUE && !KeyValueDocument.KEY.matcher(k.replace("{account}", "1")).matches()) {
            problem(at + "/" + field, "'" + k + "' is not a key of a key-value file (letters, digits, . _ -)");
            return Optional.empty();
        }
        if (format == FileFormat.XML_ELEMENTS) {
            try {
                ElementPath.parse(k.replace("{account}", "1"));
            } catch (IllegalArgumentException e) {
                problem(at + "/" + field, e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.of(k);
    }

    private ProvisioningProfile.Recognition recognition(JsonNode n) {
        if (n == null) {
            return new ProvisioningProfile.Recognition(Optional.empty(), Optional.empty());
        }
        if (!n.isObject()) {
            problem("/recognize", "'recognize' must be a mapping with sipUserAgent and httpUserAgent");
            return new ProvisioningProfile.Recognition(Optional.empty(), Optional.empty());
        }
        unknownKeys(n, "/recognize", Set.of("sipUserAgent", "httpUserAgent"));
        return new ProvisioningProfile.Recognition(pattern(n, "/recognize", "sipUserAgent"),
                pattern(n, "/recognize", "httpUserAgent"));
    }

    private Optional<Pattern> pattern(JsonNode n, String at, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pattern.compile(v.asText("")));
        } catch (PatternSyntaxException e) {
            problem(at + "/" + field, "not a regular expression: " + e.getDescription());
            return Optional.empty();
        }
    }

    private ProvisioningProfile.Trigger trigger(JsonNode n) {
        if (n == null || !n.isObject()) {
            problem(n == null ? "" : "/trigger", "'trigger' must name a notify event and/or an actionUrl");
            return new ProvisioningProfile.Trigger(Optional.empty(), Optional.empty());
        }
        unknownKeys(n, "/trigger", Set.of("notify", "actionUrl"));
        Optional<String> event = Optional.ofNullable(n.get("notify")).map(v -> v.asText(""));
        Optional<String> action = Optional.ofNullable(n.get("actionUrl")).map(v -> v.asText(""));
        if (event.isEmpty() && action.isEmpty()) {
            problem("/trigger", "'trigger' needs notify (a SIP event) or actionUrl");
        }
        event.ifPresent(e -> {
            String lower = e.toLowerCase(Locale.ROOT).replace(" ", "");
            if (!e.matches("[A-Za-z0-9._-]+(;[A-Za-z0-9._-]+(=[A-Za-z0-9._-]+)?)*")) {
                problem("/trigger/notify", "'" + e + "' is not a SIP event (token;param=value)");
            } else if (lower.contains("reboot=true") || lower.equals("reboot") || lower.startsWith("reboot;")) {
                problem("/trigger/notify", "'" + e + "' reboots the phone; a trigger must never reboot (use e.g. "
                        + "check-sync;reboot=false)");
            }
        });
        action.ifPresent(a -> {
            if (!a.startsWith("http://{phone}") && !a.startsWith("https://{phone}")) {
                problem("/trigger/actionUrl", "'" + a + "' must start with http://{phone} or https://{phone}");
            } else if (a.toLowerCase(Locale.ROOT).contains("reboot")) {
                problem("/trigger/actionUrl", "'" + a + "' looks like a reboot; a trigger must never reboot");
            }
        });
        return new ProvisioningProfile.Trigger(event, action);
    }

    private Map<String, String> requiredKeys(JsonNode n, FileFormat format) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        if (!n.isObject()) {
            problem("/requiredKeys", "'requiredKeys' must map keys to the values every served file carries");
            return out;
        }
        n.fields().forEachRemaining(e -> {
            if (!KEY.matcher(e.getKey()).matches() || e.getKey().contains("{account}")) {
                problem("/requiredKeys/" + e.getKey(), "'" + e.getKey() + "' is not a key");
            } else if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                problem("/requiredKeys/" + e.getKey(), "the value of '" + e.getKey() + "' must be a text");
            } else if (format == FileFormat.KEY_VALUE && !KeyValueDocument.KEY.matcher(e.getKey()).matches()) {
                problem("/requiredKeys/" + e.getKey(), "'" + e.getKey() + "' is not a key of a key-value file");
            } else {
                if (format == FileFormat.XML_ELEMENTS) {
                    try {
                        ElementPath.parse(e.getKey());
                    } catch (IllegalArgumentException ex) {
                        problem("/requiredKeys/" + e.getKey(), ex.getMessage());
                        return;
                    }
                }
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    private Optional<String> text(JsonNode root, String field, boolean required) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem("", "missing '" + field + "'");
            }
            return Optional.empty();
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problem("/" + field, "'" + field + "' must be a non-empty text");
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    private void unknownKeys(JsonNode n, String at, Set<String> known) {
        n.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                problem(at + "/" + k, "unknown key '" + k + "' (known: " + String.join(", ", known.stream().sorted()
                        .toList()) + ")");
            }
        });
    }

    private void problem(String pointer, String message) {
        int[] at = position(pointer);
        String where = pointer.isEmpty() ? "" : pointer.substring(1).replaceAll("/(\\d+)", "[$1]").replace('/', '.')
                + ": ";
        problems.add(source + ":" + at[0] + ":" + at[1] + ": " + where + message);
    }

    private int[] position(String pointer) {
        String p = pointer;
        while (true) {
            int[] at = positions.get(p);
            if (at != null) {
                return at;
            }
            if (p.isEmpty()) {
                return new int[] {1, 1};
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** Remembers line and column of every key and value by JSON pointer. */
    private void indexPositions(String text) throws IOException {
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                String pointer = p.getParsingContext().pathAsPointer().toString();
                int[] at = {p.currentTokenLocation().getLineNr(), p.currentTokenLocation().getColumnNr()};
                if (t.isScalarValue()) {
                    positions.put(pointer, at); // a value's problem points at the value
                } else if (t == JsonToken.FIELD_NAME || t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    positions.putIfAbsent(pointer, at);
                }
            }
        }
    }
}
