package org.phonecontroller.protocols.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235): a scheme and its parameters, names in lower
 * case. {@link #parse} reads every challenge of a header value, tolerating odd spacing, empty list elements,
 * quoted strings with escapes and token68 values, and never throws on garbage: what it cannot read it drops.
 */
record AuthChallenge(String scheme, Map<String, String> params) {

    /** Header values longer than this are not parsed (a phone does not need more). */
    static final int MAX_LENGTH = 8192;

    AuthChallenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    static List<AuthChallenge> parse(String header) {
        List<AuthChallenge> out = new ArrayList<>();
        if (header == null || header.length() > MAX_LENGTH) {
            return out;
        }
        Cursor c = new Cursor(header);
        while (true) {
            c.skip(" \t,");
            if (c.end()) {
                return out;
            }
            String scheme = c.token();
            if (scheme.isEmpty()) {
                c.pos++; // not a token character: skip it
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                c.skip(" \t,");
                if (c.end()) {
                    break;
                }
                int nameStart = c.pos;
                String name = c.token();
                if (name.isEmpty()) {
                    c.pos++; // garbage character: drop it
                    continue;
                }
                c.skip(" \t");
                if (c.end() || c.peek() != '=') {
                    c.pos = nameStart; // a token without '=' starts the next challenge
                    break;
                }
                c.pos++; // '='
                if (!c.end() && c.peek() == '=') { // the padding of a token68 such as "dGVzdA=="
                    c.skip("=");
                    continue;
                }
                c.skip(" \t");
                String value = !c.end() && c.peek() == '"' ? c.quoted() : c.bare();
                params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
            }
            out.add(new AuthChallenge(scheme, params));
        }
    }

    static boolean isTokenChar(char ch) {
        return ch > 32 && ch < 127 && "()<>@,;:\\\"/[]?={} \t".indexOf(ch) < 0;
    }

    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        boolean end() {
            return pos >= s.length();
        }

        char peek() {
            return s.charAt(pos);
        }

        void skip(String chars) {
            while (!end() && chars.indexOf(peek()) >= 0) {
                pos++;
            }
        }

        String token() {
            int start = pos;
            while (!end() && isTokenChar(peek())) {
                pos++;
            }
            return s.substring(start, pos);
        }

        /** An unquoted value: up to the next comma or blank (lenient: phones write '/' and '=' unquoted). */
        String bare() {
            int start = pos;
            while (!end() && peek() != ',' && peek() != ' ' && peek() != '\t') {
                pos++;
            }
            return s.substring(start, pos);
        }

        String quoted() {
            StringBuilder b = new StringBuilder();
            pos++; // opening quote
            while (!end()) {
                char ch = s.charAt(pos++);
                if (ch == '"') {
                    return b.toString();
                }
                if (ch == '\\' && !end()) {
                    ch = s.charAt(pos++);
                }
                b.append(ch);
            }
            return b.toString(); // unterminated: take what is there
        }
    }
}
