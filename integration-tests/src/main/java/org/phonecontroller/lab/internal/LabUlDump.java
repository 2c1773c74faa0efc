package org.phonecontroller.lab.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lab PhoneManager's location table as Kamailio's JSON-RPC {@code ul.dump} answers it (usrloc, Kamailio ≥ 5.1
 * layout), so the daemon's {@code kamailio-jsonrpc} registrar view can read the lab: {@code POST
 * /phone-managers/{name}/RPC} on the control API with {@code {"jsonrpc":"2.0","method":"ul.dump","id":1}}.
 */
public final class LabUlDump {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabUlDump() {
    }

    /** The JSON-RPC answer to {@code request} for these bindings. */
    public static ObjectNode answer(byte[] request, List<SimulatedPhoneManager.Binding> bindings, Instant now) {
        ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
        JsonNode req;
        try {
            req = JSON.readTree(request);
        } catch (IOException e) {
            reply.putObject("error").put("code", -32700).put("message", "Parse error");
            return reply.putNull("id");
        }
        reply.set("id", req.path("id").isMissingNode() ? JSON.nullNode() : req.get("id"));
        if (!"ul.dump".equals(req.path("method").asText())) {
            reply.putObject("error").put("code", -32601).put("message", "Method Not Found");
            return reply;
        }
        Map<String, ArrayNode> byAor = new LinkedHashMap<>();
        ArrayNode aors = JSON.createArrayNode();
        for (SimulatedPhoneManager.Binding b : bindings) {
            ArrayNode contacts = byAor.computeIfAbsent(b.aor(), aor -> {
                ObjectNode info = aors.addObject().putObject("Info");
                info.put("AoR", aor);
                return info.putArray("Contacts");
            });
            ObjectNode c = contacts.addObject().putObject("Contact");
            c.put("Address", b.contact());
            c.put("Expires", Math.max(1, b.expiresAt().getEpochSecond() - now.getEpochSecond()));
            c.put("Q", -1);
            c.put("User-Agent", b.userAgent());
            c.put("Received", "sip:" + b.source());
            c.put("Last-Modified", b.registeredAt().getEpochSecond());
        }
        ObjectNode domain = reply.putObject("result").putArray("Domains").addObject().putObject("Domain");
        domain.put("Domain", "location");
        domain.put("Size", 1024);
        domain.set("AoRs", aors);
        return reply;
    }
}
