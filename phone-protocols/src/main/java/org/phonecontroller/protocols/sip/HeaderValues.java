package org.phonecontroller.protocols.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Small readers for the structure inside header values: list elements, parameters, name-addr URIs. */
public final class HeaderValues {

    private HeaderValues() {
    }

    /** Splits a list header value at top-level commas (outside quoted strings and angle brackets). */
    public static List<String> splitList(String value) {
        var out = new ArrayList<String>();
        int start = 0;
        boolean quoted = false;
        boolean angle = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (c == ',' && !angle) {
                addTrimmed(out, value.substring(start, i));
                start = i + 1;
            }
        }
        addTrimmed(out, value.substring(start));
        return List.copyOf(out);
    }

    private static void addTrimmed(List<String> out, String s) {
        String t = s.strip();
        if (!t.isEmpty()) {
            out.add(t);
        }
    }

    /**
     * A header parameter ({@code ;tag=abc}, {@code ;branch=z9hG4bK...}) of a single header value: the parameters
     * after the name-addr's closing {@code >} or, without angle brackets, after the first {@code ;}. A parameter
     * without a value gives an empty string. Names compare case-insensitively.
     */
    public static Optional<String> parameter(String headerValue, String name) {
        int from = paramsStart(headerValue);
        if (from < 0) {
            return Optional.empty();
        }
        for (String p : splitParams(headerValue.substring(from))) {
            int eq = p.indexOf('=');
            String n = (eq < 0 ? p : p.substring(0, eq)).strip();
            if (n.equalsIgnoreCase(name)) {
                return Optional.of(eq < 0 ? "" : unquote(p.substring(eq + 1).strip()));
            }
        }
        return Optional.empty();
    }

    /** The URI of a name-addr or addr-spec value ({@code "Bob" <sip:bob@h>;tag=1} gives {@code sip:bob@h}). */
    public static String uri(String headerValue) {
        int lt = indexOutsideQuotes(headerValue, '<');
        if (lt >= 0) {
            int gt = headerValue.indexOf('>', lt);
            return gt < 0 ? headerValue.substring(lt + 1).strip() : headerValue.substring(lt + 1, gt).strip();
        }
        int semi = headerValue.indexOf(';');
        return (semi < 0 ? headerValue : headerValue.substring(0, semi)).strip();
    }

    /** The lower-case first token of a value, e.g. the event package of {@code Event: check-sync;reboot=false}. */
    public static String firstToken(String headerValue) {
        int semi = headerValue.indexOf(';');
        return (semi < 0 ? headerValue : headerValue.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    private static int paramsStart(String v) {
        int lt = indexOutsideQuotes(v, '<');
        int from = 0;
        if (lt >= 0) {
            int gt = v.indexOf('>', lt);
            if (gt < 0) {
                return -1;
            }
            from = gt + 1;
        }
        int semi = v.indexOf(';', from);
        return semi < 0 ? -1 : semi + 1;
    }

    private static int indexOutsideQuotes(String v, char wanted) {
        boolean quoted = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitParams(String s) {
        var out = new ArrayList<String>();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
