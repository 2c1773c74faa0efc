package org.phonecontroller.protocols.registrar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;


/**
 * Parses Kamailio's JSON-RPC {@code ul.dump} reply (usrloc's RPC, Kamailio ≥ 5.1 layout):
 * {@code {"jsonrpc":"2.0","result":{"Domains":[{"Domain":{"Domain":"location","AoRs":[{"Info":{"AoR":"100",
 * "Contacts":[{"Contact":{"Address":"sip:100@10.1.0.5:5060","Expires":3590,"Received":"[not set]",
 * "User-Agent":"…",…}}]}}]}}]},"id":1}}. {@code Expires} is the seconds left, or {@code "permanent"}, or
 * {@code "expired"}/{@code "deleted"} (usrloc's ul_rpc.c); only live contacts are kept. Anything of another shape
 * is {@link MalformedRegistrarReply}; an error object is {@link RegistrarException}.
 */
final class KamailioUlDump {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KamailioUlDump() {
    }

    static RegistrarDump parse(String body, int maxContacts) throws RegistrarException {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new MalformedRegistrarReply("ul.dump reply is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedRegistrarReply("ul.dump reply is not a JSON object");
        }
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            throw new RegistrarException(org.phonecontroller.protocols.FailureReason.ERROR_REPLY,
                    "ul.dump answered error " + shorten(error.path("code").asText("?")) + ": "
                            + shorten(error.path("message").asText("")));
        }
        JsonNode domains = root.path("result").path("Domains");
        if (!domains.isArray()) {
            throw new MalformedRegistrarReply("ul.dump reply has no result.Domains list");
        }
        List<RegistrarContact> contacts = new ArrayList<>();
        for (JsonNode domain : domains) {
            JsonNode aors = domain.path("Domain").path("AoRs");
            if (aors.isMissingNode() || aors.isNull()) {
                continue; // an empty location table
            }
            if (!aors.isArray()) {
                throw new MalformedRegistrarReply("ul.dump Domain.AoRs is not a list");
            }
            for (JsonNode aor : aors) {
                JsonNode info = aor.path("Info");
                String aorName = info.path("AoR").asText("");
                JsonNode list = info.path("Contacts");
                if (!list.isArray()) {
                    throw new MalformedRegistrarReply("ul.dump AoR has no Contacts list");
                }
                for (JsonNode entry : list) {
                    JsonNode c = entry.path("Contact");
                    if (!c.isObject()) {
                        throw new MalformedRegistrarReply("ul.dump contact is not an object");
                    }
                    if (!live(c.path("Expires"))) {
                        continue;
                    }
                    if (contacts.size() >= maxContacts) {
                        throw new MalformedRegistrarReply("ul.dump lists more than " + maxContacts + " contacts");
                    }
                    contacts.add(new RegistrarContact(aorName, SipUriHosts.ipOf(text(c, "Address")),
                            SipUriHosts.ipOf(text(c, "Received")), text(c, "User-Agent")));
                }
            }
        }
        return new RegistrarDump(contacts);
    }

    private static boolean live(JsonNode expires) {
        if (expires.isIntegralNumber()) {
            return expires.asLong() > 0;
        }
        return expires.isTextual() && expires.asText().equals("permanent");
    }

    private static String text(JsonNode contact, String field) {
        JsonNode v = contact.get(field);
        return v != null && v.isValueNode() ? v.asText("") : "";
    }

    static String shorten(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 120 ? clean : clean.substring(0, 120) + "…";
    }

}
