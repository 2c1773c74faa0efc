package org.phonecontroller.protocols.registrar;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phonecontroller.protocols.FailureReason;

/**
 * Collects the answer to {@code Action: PJSIPShowContacts}: a {@code Response: Success} ({@code EventList: start}),
 * one {@code Event: ContactList} per contact, then {@code Event: ContactListComplete} (Asterisk documentation: AMI
 * action PJSIPShowContacts, AMI events ContactList and ContactListComplete, Asterisk 16+). A contact counts as live
 * unless its {@code ExpirationTime} (Unix seconds; {@code RegExpire} in older releases) has passed; {@code Uri} gives
 * its address and {@code ViaAddr} where the REGISTER came from. Messages of other action ids (unsolicited events)
 * are skipped.
 */
final class AmiContacts {

    private AmiContacts() {
    }

    static RegistrarDump collect(AmiMessages messages, String actionId, Instant now, int maxContacts)
            throws IOException, RegistrarException {
        boolean started = false;
        List<RegistrarContact> contacts = new ArrayList<>();
        while (true) {
            Optional<Map<String, String>> next = messages.next();
            if (next.isEmpty()) {
                throw new MalformedRegistrarReply("the connection closed before ContactListComplete");
            }
            Map<String, String> m = next.get();
            if (!actionId.equals(m.get("actionid"))) {
                continue;
            }
            String response = m.get("response");
            if (response != null) {
                if (!response.equalsIgnoreCase("Success")) {
                    throw new RegistrarException(FailureReason.ERROR_REPLY, "PJSIPShowContacts answered "
                            + KamailioUlDump.shorten(response) + ": "
                            + KamailioUlDump.shorten(m.getOrDefault("message", "")));
                }
                started = true;
                continue;
            }
            String event = m.getOrDefault("event", "");
            if (event.equalsIgnoreCase("ContactListComplete")) {
                return new RegistrarDump(contacts);
            }
            if (!event.equalsIgnoreCase("ContactList")) {
                continue;
            }
            if (!started) {
                throw new MalformedRegistrarReply("ContactList event before the action's response");
            }
            if (!live(m, now)) {
                continue;
            }
            if (contacts.size() >= maxContacts) {
                throw new MalformedRegistrarReply("PJSIPShowContacts lists more than " + maxContacts + " contacts");
            }
            String aor = m.getOrDefault("endpoint", m.getOrDefault("objectname", ""));
            contacts.add(new RegistrarContact(aor, SipUriHosts.ipOf(m.get("uri")),
                    Optional.ofNullable(m.get("viaaddr")).flatMap(SipUriHosts::literal),
                    m.getOrDefault("useragent", "")));
        }
    }

    private static boolean live(Map<String, String> contact, Instant now) {
        String expires = contact.getOrDefault("expirationtime", contact.get("regexpire"));
        if (expires == null || expires.isBlank()) {
            return true; // not reported: a permanent contact
        }
        try {
            long at = Long.parseLong(expires.strip());
            return at <= 0 || at > now.getEpochSecond();
        } catch (NumberFormatException e) {
            return true; // an unknown format says nothing about expiry
        }
    }
}
