package org.phonecontroller.protocols.snmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phonecontroller.protocols.ServerAddress;

/**
 * Writes and reads a server address in a profile's text format: {@code HOST}, {@code PORT} and {@code ADDRTYPE}
 * ({@code ipv4}, {@code ipv6}, {@code dns}) are replaced, everything else is literal. Reading also accepts the format
 * without its {@code :PORT} part (port 5060) and without its {@code ADDRTYPE:} part.
 */
final class ServerAddressFormat {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** A bracketed IPv6 literal, a bare one (two or more colons, hex digits only), or a name / IPv4 without colons. */
    private static final String HOST = "\\[[0-9A-Fa-f:.]+\\]|[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*|[^\\s\\[\\]:]+";
    private static final Pattern TOKENS = Pattern.compile("HOST|PORT|ADDRTYPE");

    private final String template;
    private final List<Pattern> readable = new ArrayList<>();

    ServerAddressFormat(String template) {
        this.template = template;
        // Reading is lenient: the exact format first, then without ":PORT" (port 5060) and without "ADDRTYPE:",
        // as devices write "dns:pbx.example.com" or a bare "10.0.0.10:5060".
        for (String variant : List.of(template, template.replace(":PORT", ""), template.replace("ADDRTYPE:", ""),
                template.replace(":PORT", "").replace("ADDRTYPE:", ""))) {
            Pattern p = compile(variant);
            if (variant.contains("HOST") && readable.stream().noneMatch(r -> r.pattern().equals(p.pattern()))) {
                readable.add(p);
            }
        }
    }

    boolean carriesPort() {
        return template.contains("PORT");
    }

    String format(ServerAddress server) {
        String host = server.host();
        boolean v6 = host.indexOf(':') >= 0;
        String writtenHost = v6 && template.contains("HOST:") ? "[" + host + "]" : host;
        Matcher m = TOKENS.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = switch (m.group()) {
                case "HOST" -> writtenHost;
                case "PORT" -> Integer.toString(server.port());
                default -> addressType(host);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Reads a value the phone holds.
     *
     * @return empty when the slot is empty (blank text)
     * @throws IllegalArgumentException quoting the value when it does not follow the format
     */
    Optional<ServerAddress> parse(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = readable.stream().map(p -> p.matcher(v)).filter(Matcher::matches).findFirst().orElseThrow(() ->
                new IllegalArgumentException("'" + abbreviate(v) + "' does not follow the format '" + template + "'"));
        String host = group(m, "host");
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String port = group(m, "port");
        return Optional.of(new ServerAddress(host, port.isEmpty() ? ServerAddress.DEFAULT_SIP_PORT
                : Integer.parseInt(port)));
    }

    static String addressType(String host) {
        if (host.indexOf(':') >= 0) {
            return "ipv6";
        }
        return IPV4.matcher(host).matches() ? "ipv4" : "dns";
    }

    private static String group(Matcher m, String name) {
        try {
            String g = m.group(name);
            return g == null ? "" : g;
        } catch (IllegalArgumentException absent) {
            return "";
        }
    }

    private static Pattern compile(String template) {
        Matcher m = TOKENS.matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        boolean seenHost = false;
        boolean seenPort = false;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            switch (m.group()) {
                case "HOST" -> {
                    regex.append(seenHost ? "\\k<host>" : "(?<host>" + HOST + ")");
                    seenHost = true;
                }
                case "PORT" -> {
                    regex.append(seenPort ? "\\k<port>" : "(?<port>\\d{1,5})");
                    seenPort = true;
                }
                default -> regex.append("(?:ipv4|ipv6|dns)");
            }
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public String toString() {
        return template;
    }
}
