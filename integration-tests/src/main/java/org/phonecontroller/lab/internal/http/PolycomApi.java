package org.phonecontroller.lab.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phonecontroller.lab.ChangeOutcome;
import org.phonecontroller.lab.internal.SimulatedPhone;
import org.phonecontroller.protocols.ServerAddress;

/**
 * Poly/Polycom UC Software REST API ({@code apps.restapi.enabled="1"}): {@code POST /api/v1/mgmt/config/set} and
 * {@code /config/get} with {@code reg.1.server.N.address|port}, {@code GET /api/v1/mgmt/lineInfo} (registration and
 * call state), {@code GET /api/v1/webCallControl/callStatus}, {@code GET /api/v1/mgmt/device/info},
 * {@code POST /api/v1/mgmt/safeRestart}. Replies carry Poly's {@code "Status"} codes: 2000 success, 4000 invalid
 * input, 4001 device busy, 4007 call does not exist.
 */
final class PolycomApi implements VendorApi {
    private static final Duration RESTART = Duration.ofSeconds(5);
    private final HttpAuth auth = new HttpAuth("PolycomSPIP");

    @Override
    public void handle(HttpExchange exchange, SimulatedPhone phone, byte[] body) throws IOException {
        if (phone.misbehaviour().wrongCredentials() || !auth.accepts(exchange, phone.group().http().orElseThrow())) {
            auth.challenge(exchange);
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        switch (path) {
            case "/api/v1/mgmt/config/set" -> requirePost(exchange, method, () -> configSet(exchange, phone, body));
            case "/api/v1/mgmt/config/get" -> requirePost(exchange, method, () -> configGet(exchange, phone, body));
            case "/api/v1/mgmt/lineInfo" -> lineInfo(exchange, phone);
            case "/api/v1/webCallControl/callStatus" -> callStatus(exchange, phone);
            case "/api/v1/mgmt/device/info" -> deviceInfo(exchange, phone);
            case "/api/v1/mgmt/safeRestart" -> requirePost(exchange, method, () -> {
                Responses.json(exchange, 200, Responses.map("Status", "2000"));
                phone.reboot(RESTART);
            });
            default -> Responses.json(exchange, 404, Responses.map("Status", "4004"));
        }
    }

    private interface Action {
        void run() throws IOException;
    }

    private static void requirePost(HttpExchange exchange, String method, Action action) throws IOException {
        if (!method.equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            Responses.json(exchange, 405, Responses.map("Status", "4004"));
        } else {
            action.run();
        }
    }

    private static void configSet(HttpExchange exchange, SimulatedPhone phone, byte[] body) throws IOException {
        JsonNode data = readData(body);
        if (data == null || !data.isObject()) {
            Responses.json(exchange, 400, Responses.map("Status", "4000"));
            return;
        }
        List<ServerAddress> current = phone.configuredServers();
        String[] hosts = new String[2];
        Integer[] ports = new Integer[2];
        boolean touched = false;
        for (int slot = 1; slot <= 2; slot++) {
            JsonNode a = data.get("reg.1.server." + slot + ".address");
            JsonNode p = data.get("reg.1.server." + slot + ".port");
            if (a != null) {
                hosts[slot - 1] = a.asText().trim();
                touched = true;
            }
            if (p != null) {
                try {
                    ports[slot - 1] = Integer.parseInt(p.asText().trim());
                } catch (NumberFormatException e) {
                    Responses.json(exchange, 400, Responses.map("Status", "4000"));
                    return;
                }
                touched = true;
            }
        }
        if (!touched) {
            Responses.json(exchange, 200, Responses.map("Status", "2000")); // other parameters: accepted, no effect
            return;
        }
        List<ServerAddress> servers = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                String host = hosts[i] != null ? hosts[i] : i < current.size() ? current.get(i).host() : "";
                if (host.isEmpty()) {
                    continue;
                }
                int port = ports[i] != null ? ports[i] : hosts[i] != null && hosts[i].contains(":")
                        ? ServerAddress.parse(hosts[i]).port() : i < current.size() ? current.get(i).port() : 5060;
                servers.add(new ServerAddress(ServerAddress.parse(host).host(), port));
            }
        } catch (IllegalArgumentException e) {
            Responses.json(exchange, 400, Responses.map("Status", "4000"));
            return;
        }
        ChangeOutcome outcome = phone.changeServers(servers);
        switch (outcome) {
            case ChangeOutcome.Applied a -> Responses.json(exchange, 200, Responses.map("Status", "2000"));
            case ChangeOutcome.Deferred d -> Responses.json(exchange, 200, Responses.map("Status", "2000"));
            case ChangeOutcome.RefusedBusy r -> Responses.json(exchange, 503, Responses.map("Status", "4001"));
            case ChangeOutcome.Invalid i -> Responses.json(exchange, 400, Responses.map("Status", "4000"));
        }
    }

    private static void configGet(HttpExchange exchange, SimulatedPhone phone, byte[] body) throws IOException {
        JsonNode data = readData(body);
        if (data == null || !data.isArray()) {
            Responses.json(exchange, 400, Responses.map("Status", "4000"));
            return;
        }
        List<ServerAddress> servers = phone.configuredServers();
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode n : data) {
            String key = n.asText();
            out.put(key, switch (key) {
                case "reg.1.server.1.address" -> servers.isEmpty() ? "" : servers.get(0).host();
                case "reg.1.server.1.port" -> servers.isEmpty() ? "" : Integer.toString(servers.get(0).port());
                case "reg.1.server.2.address" -> servers.size() < 2 ? "" : servers.get(1).host();
                case "reg.1.server.2.port" -> servers.size() < 2 ? "" : Integer.toString(servers.get(1).port());
                case "reg.1.address" -> phone.sipUser();
                case "apps.restapi.enabled" -> "1";
                default -> "";
            });
        }
        Responses.json(exchange, 200, Responses.map("Status", "2000", "data", out));
    }

    private static void lineInfo(HttpExchange exchange, SimulatedPhone phone) throws IOException {
        var at = phone.registeredAt();
        Map<String, Object> line = Responses.map("LineNumber", "1", "LineType", "private", "Protocol", "SIP",
                "SIPAddress", phone.sipUser() + "@" + at.map(ServerAddress::host).orElse(""),
                "UserID", phone.sipUser(), "Label", phone.sipUser(),
                "ProxyAddress", at.map(ServerAddress::toString).orElse(""),
                "RegistrationStatus", at.isPresent() ? "registered" : "unregistered",
                "CallState", phone.busy() ? "Connected" : "Idle");
        Responses.json(exchange, 200, Responses.map("Status", "2000", "data", List.of(line)));
    }

    private static void callStatus(HttpExchange exchange, SimulatedPhone phone) throws IOException {
        if (!phone.busy()) {
            Responses.json(exchange, 200, Responses.map("Status", "4007"));
            return;
        }
        Responses.json(exchange, 200, Responses.map("Status", "2000", "data", Responses.map(
                "CallHandle", "0x" + Integer.toHexString(phone.address()), "Type", "Outgoing", "Protocol", "SIP",
                "CallState", "Connected", "LineID", "1", "RemotePartyNumber", "1000")));
    }

    private static void deviceInfo(HttpExchange exchange, SimulatedPhone phone) throws IOException {
        String ua = phone.vendor().userAgent();
        Responses.json(exchange, 200, Responses.map("Status", "2000", "data", Responses.map(
                "ModelNumber", "VVX 450", "FirmwareRelease", ua.substring(ua.lastIndexOf('/') + 1),
                "MACAddress", phone.mac().replace(":", ""), "IPV4Address", phone.addressText(),
                "DeviceVendor", "Polycom", "DeviceType", "hardwareEndpoint")));
    }

    private static JsonNode readData(byte[] body) {
        try {
            JsonNode root = Responses.JSON.readTree(body);
            return root == null ? null : root.get("data");
        } catch (IOException e) {
            return null;
        }
    }
}
