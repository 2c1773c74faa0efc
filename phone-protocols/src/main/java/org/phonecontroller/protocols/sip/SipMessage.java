package org.phonecontroller.protocols.sip;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A SIP message: a {@link SipRequest} or a {@link SipResponse}. Accessors for the headers the controller uses
 * return empty when the header is absent or unusable; they never throw.
 */
public sealed interface SipMessage permits SipRequest, SipResponse {

    String SIP_VERSION = "SIP/2.0";

    /** The magic cookie that starts every RFC 3261 branch parameter. */
    String BRANCH_COOKIE = "z9hG4bK";

    SipHeaders headers();

    /** The body bytes (a copy). */
    byte[] body();

    /** The first line, without CRLF. */
    String startLine();

    default Optional<String> header(String name) {
        return headers().first(name);
    }

    /** The topmost Via value. */
    default Optional<String> topVia() {
        var vias = headers().values("Via");
        return vias.isEmpty() ? Optional.empty() : Optional.of(vias.get(0));
    }

    /** The branch parameter of the topmost Via. */
    default Optional<String> viaBranch() {
        return topVia().flatMap(v -> HeaderValues.parameter(v, "branch"));
    }

    default Optional<String> callId() {
        return header("Call-ID");
    }

    default Optional<CSeq> cseq() {
        try {
            return header("CSeq").map(CSeq::parse);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    default Optional<String> fromTag() {
        return header("From").flatMap(v -> HeaderValues.parameter(v, "tag"));
    }

    default Optional<String> toTag() {
        return header("To").flatMap(v -> HeaderValues.parameter(v, "tag"));
    }

    /** The URI of the first Contact. */
    default Optional<String> contactUri() {
        var contacts = headers().values("Contact");
        return contacts.isEmpty() ? Optional.empty() : Optional.of(HeaderValues.uri(contacts.get(0)));
    }

    /** The Expires header in seconds. */
    default OptionalInt expires() {
        return header("Expires").map(String::strip).filter(s -> s.matches("\\d{1,9}"))
                .map(s -> OptionalInt.of(Integer.parseInt(s))).orElse(OptionalInt.empty());
    }

    /** The software that sent it: {@code User-Agent} (requests, most phones) or else {@code Server} (responses). */
    default Optional<String> userAgent() {
        return header("User-Agent").or(() -> header("Server"));
    }

    /** The event package of the Event header, lower case, e.g. {@code check-sync}. */
    default Optional<String> eventPackage() {
        return header("Event").map(HeaderValues::firstToken);
    }
}
