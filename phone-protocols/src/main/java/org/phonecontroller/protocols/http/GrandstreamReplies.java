package org.phonecontroller.protocols.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.phonecontroller.protocols.CallState;

/**
 * Reads Grandstream CGI replies: {@code {"response":"success","body":...}} or {@code {"response":"error",
 * "body":"..."}}. Anything else is a {@link MalformedReplyException}.
 */
final class GrandstreamReplies {

    private GrandstreamReplies() {
    }

    /** The reply said our session is not (or no longer) valid: log in again. */
    static final class SessionExpired extends MalformedReplyException {
        private static final long serialVersionUID = 1L;

        SessionExpired(String message) {
            super(message);
        }
    }

    /** The login was refused (wrong user or password). */
    static final class LoginRefused extends MalformedReplyException {
        private static final long serialVersionUID = 1L;

        LoginRefused(String message) {
            super(message);
        }
    }

    /** The session ID of a {@code /cgi-bin/dologin} reply. */
    static String sid(String body) {
        JsonNode root = PolycomReplies.root(body);
        if (!PolycomReplies.text(root, "response").equalsIgnoreCase("success")) {
            throw new LoginRefused("login refused: " + describe(root));
        }
        String sid = PolycomReplies.text(root.path("body"), "sid");
        if (sid.isEmpty() || sid.length() > 256) {
            throw new MalformedReplyException("login reply without a session ID: " + MalformedReplyException
                    .excerpt(body));
        }
        return sid;
    }

    /** The values of {@code /cgi-bin/api.values.get}; asked names that are absent are left out. */
    static Map<String, String> values(String body) {
        JsonNode content = success(body);
        if (!content.isObject()) {
            throw new MalformedReplyException("values reply without a body object: " + MalformedReplyException
                    .excerpt(body));
        }
        Map<String, String> values = new LinkedHashMap<>();
        content.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode()) {
                values.put(e.getKey(), e.getValue().asText().strip());
            }
        });
        return values;
    }

    /** Checks an {@code api.values.post} reply. */
    static void accepted(String body) {
        JsonNode content = success(body);
        String status = PolycomReplies.text(content, "status");
        if (!status.isEmpty() && !status.equalsIgnoreCase("right") && !status.equalsIgnoreCase("ok")) {
            throw new MalformedReplyException.ErrorStatus("the phone did not take the values: status " + status);
        }
    }

    /** {@code /cgi-bin/api-get_line_status}: any line not idle means busy. */
    static CallState lineState(String body) {
        JsonNode content = success(body);
        if (!content.isArray()) {
            throw new MalformedReplyException("line status without a list of lines: " + MalformedReplyException
                    .excerpt(body));
        }
        boolean busy = false;
        for (JsonNode line : content) {
            String state = PolycomReplies.text(line, "state").toLowerCase(Locale.ROOT);
            if (!state.isEmpty() && !state.equals("idle") && !state.equals("unregistered")) {
                busy = true;
            }
        }
        return busy ? CallState.BUSY : CallState.IDLE;
    }

    private static JsonNode success(String body) {
        JsonNode root = PolycomReplies.root(body);
        String response = PolycomReplies.text(root, "response");
        if (response.equalsIgnoreCase("success")) {
            return root.path("body");
        }
        String detail = describe(root);
        String lower = detail.toLowerCase(Locale.ROOT);
        if (lower.contains("session") || lower.contains("unauthorized") || lower.contains("expired")
                || lower.contains("sid")) {
            throw new SessionExpired("session not valid: " + detail);
        }
        if (response.equalsIgnoreCase("error")) {
            throw new MalformedReplyException.ErrorStatus("the phone answered error: " + detail);
        }
        throw new MalformedReplyException("not a Grandstream reply: " + MalformedReplyException.excerpt(body));
    }

    private static String describe(JsonNode root) {
        JsonNode b = root.path("body");
        String text = b.isValueNode() ? b.asText() : b.toString();
        return MalformedReplyException.excerpt(text);
    }
}
