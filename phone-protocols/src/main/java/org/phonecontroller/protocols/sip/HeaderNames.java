package org.phonecontroller.protocols.sip;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Canonical spelling of header names and the compact forms of RFC 3261 7.3.3 and later RFCs. */
final class HeaderNames {

    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("a", "Accept-Contact"), Map.entry("b", "Referred-By"), Map.entry("c", "Content-Type"),
            Map.entry("d", "Request-Disposition"), Map.entry("e", "Content-Encoding"), Map.entry("f", "From"),
            Map.entry("i", "Call-ID"), Map.entry("j", "Reject-Contact"), Map.entry("k", "Supported"),
            Map.entry("l", "Content-Length"), Map.entry("m", "Contact"), Map.entry("n", "Identity-Info"),
            Map.entry("o", "Event"), Map.entry("r", "Refer-To"), Map.entry("s", "Subject"), Map.entry("t", "To"),
            Map.entry("u", "Allow-Events"), Map.entry("v", "Via"), Map.entry("x", "Session-Expires"),
            Map.entry("y", "Identity"));

    private static final Map<String, String> CANONICAL = Stream.of(
                    "Accept", "Accept-Contact", "Accept-Encoding", "Accept-Language", "Alert-Info", "Allow",
                    "Allow-Events", "Authentication-Info", "Authorization", "Call-ID", "Call-Info", "Contact",
                    "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length", "Content-Type",
                    "CSeq", "Date", "Error-Info", "Event", "Expires", "From", "Identity", "Identity-Info",
                    "In-Reply-To", "Max-Forwards", "Min-Expires", "MIME-Version", "Organization", "Path",
                    "Priority", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Require", "RAck",
                    "Reason", "Record-Route", "Refer-To", "Referred-By", "Reject-Contact", "Reply-To",
                    "Request-Disposition", "Require", "Retry-After", "Route", "RSeq", "Server", "Session-Expires",
                    "Subject", "Subscription-State", "Supported", "Timestamp", "To", "Unsupported", "User-Agent",
                    "Via", "Warning", "WWW-Authenticate")
            .collect(Collectors.toUnmodifiableMap(n -> n.toLowerCase(Locale.ROOT), n -> n));

    private HeaderNames() {
    }

    /** The long, canonically spelled name; unknown names are returned unchanged. */
    static String canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String expanded = COMPACT.get(lower);
        if (expanded != null) {
            return expanded;
        }
        return CANONICAL.getOrDefault(lower, name);
    }

    /** RFC 3261 token: alphanum and {@code -.!%*_+`'~}. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-.!%*_+`'~".indexOf(c) >= 0;
    }
}
